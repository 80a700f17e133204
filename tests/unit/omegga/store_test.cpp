#include "csc/omegga/store.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using csc::omegga::jsonrpc::reply;
using json = nlohmann::json;

/// Keeps every logged line.
struct lines_logger final : csc::core::logger {
    void log(csc::core::log_level, std::string_view line) override { lines.emplace_back(line); }
    bool contains(std::string_view needle) const {
        for (const auto& l : lines) {
            if (l.find(needle) != std::string::npos) {
                return true;
            }
        }
        return false;
    }
    std::vector<std::string> lines;
};

/// Records each request and lets the test answer it.
struct fake_omegga {
    struct call {
        std::string method;
        json params;
        std::function<void(const reply&)> on_reply;
    };
    std::vector<call> calls;

    csc::omegga::requester requester() {
        return [this](std::string_view method, json params, std::function<void(const reply&)> r) {
            calls.push_back({std::string(method), std::move(params), std::move(r)});
        };
    }
    void answer(std::size_t i, json result) { calls.at(i).on_reply(reply{std::move(result), {}}); }
    void fail(std::size_t i, int code, std::string message) {
        calls.at(i).on_reply(reply{nullptr, csc::omegga::jsonrpc::error{code, std::move(message), {}}});
    }
};

TEST(OmeggaStore, GetAsksForTheKeyAndPassesTheValue) {
    fake_omegga omegga;
    lines_logger log;
    csc::omegga::store store(omegga.requester(), log);
    std::optional<json> got;
    store.get("player:1", [&](std::optional<json> v) { got = std::move(v); });
    ASSERT_EQ(omegga.calls.size(), 1U);
    EXPECT_EQ(omegga.calls[0].method, "store.get");
    EXPECT_EQ(omegga.calls[0].params, "player:1");
    EXPECT_FALSE(got.has_value());
    omegga.answer(0, {{"hidden", true}});
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, json({{"hidden", true}}));
}

TEST(OmeggaStore, AnAbsentKeyIsNullAndAFailureIsNothingLogged) {
    fake_omegga omegga;
    lines_logger log;
    csc::omegga::store store(omegga.requester(), log);
    std::vector<std::optional<json>> got;
    store.get("a", [&](std::optional<json> v) { got.push_back(std::move(v)); });
    store.get("b", [&](std::optional<json> v) { got.push_back(std::move(v)); });
    omegga.answer(0, nullptr);
    omegga.fail(1, csc::omegga::jsonrpc::code::timed_out, "no answer");
    ASSERT_EQ(got.size(), 2U);
    ASSERT_TRUE(got[0].has_value());
    EXPECT_TRUE(got[0]->is_null());
    EXPECT_FALSE(got[1].has_value());
    EXPECT_TRUE(log.contains("store.get \"b\" failed: no answer"));
}

TEST(OmeggaStore, ACancelledGetCallsNothingAndLogsNothing) {
    fake_omegga omegga;
    lines_logger log;
    csc::omegga::store store(omegga.requester(), log);
    bool called = false;
    store.get("a", [&](std::optional<json>) { called = true; });
    omegga.fail(0, csc::omegga::jsonrpc::code::cancelled, "stopping");
    EXPECT_FALSE(called);
    EXPECT_TRUE(log.lines.empty());
}

TEST(OmeggaStore, SetSendsKeyAndValueAndReportsTheOutcome) {
    fake_omegga omegga;
    lines_logger log;
    csc::omegga::store store(omegga.requester(), log);
    std::vector<bool> outcomes;
    store.set("settings", {{"muted", true}}, [&](bool ok) { outcomes.push_back(ok); });
    store.set("x", 1, [&](bool ok) { outcomes.push_back(ok); });
    store.set("y", 2); // no handler: a failure is only logged
    store.remove("z");
    ASSERT_EQ(omegga.calls.size(), 4U);
    EXPECT_EQ(omegga.calls[0].method, "store.set");
    EXPECT_EQ(omegga.calls[0].params, json::array({"settings", {{"muted", true}}}));
    EXPECT_EQ(omegga.calls[3].method, "store.delete");
    EXPECT_EQ(omegga.calls[3].params, "z");
    omegga.answer(0, nullptr);
    omegga.fail(1, csc::omegga::jsonrpc::code::internal_error, "disk full");
    omegga.fail(2, csc::omegga::jsonrpc::code::internal_error, "disk full");
    omegga.fail(3, csc::omegga::jsonrpc::code::internal_error, "disk full");
    EXPECT_EQ(outcomes, (std::vector<bool>{true, false}));
    EXPECT_TRUE(log.contains("store.set \"y\" failed: disk full"));
    EXPECT_TRUE(log.contains("store.delete \"z\" failed: disk full"));
}

} // namespace
