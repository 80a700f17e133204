#include "csc/omegga/plugin.hpp"

#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using csc::omegga::test::harness;
using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* muted_line =
    R"(<color="00aaff"><b>Muted.</> Messages will no longer be shown to other servers.</>)";
constexpr const char* unmuted_line =
    R"(<color="00aaff"><b>Unmuted.</> Messages will be shown to other servers.</>)";
constexpr const char* deafened_line =
    R"(<color="00aaff"><b>Deafened.</> Messages from other servers will not be shown.</>)";
constexpr const char* not_authorized = "You are not authorized to use that command.";

/// The id of the last `player.get` request the plugin sent, asking about `name`.
json last_player_get(const harness& h, const std::string& name) {
    json found;
    for (const json& m : h.port.messages()) {
        if (m.value("method", "") == "player.get" && m.contains("id")) {
            EXPECT_EQ(m.at("params"), name);
            found = m.at("id");
        }
    }
    return found;
}

void answer(harness& h, const json& id, json result) {
    h.send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

TEST(OmeggaCommands, UnknownOrMissingSubcommandIsInvalid) {
    harness h;
    (void)h.init();
    h.notify("cmd:csc", {"ann"});
    h.notify("cmd:csc", {"ann", "dance"});
    h.notify("cmd:csc", {"ann", "LIST"});
    EXPECT_EQ(h.port.whispers("ann"), std::vector<std::string>(3, "Invalid subcommand."));
    EXPECT_EQ(h.plugin.pending_requests(), 0U);
}

TEST(OmeggaCommands, ConfiguredNamesNeedNoRequest) {
    harness h;
    (void)h.init({{"reconnect-authorized", "Ann, bob"}});
    h.notify("cmd:csc", {"ann", "mute"});
    h.notify("cmd:csc", {"BOB", "unmute"});
    h.notify("cmd:csc", {"ann", "deafen"});
    EXPECT_TRUE(h.requests("player.get").empty());
    std::size_t stored = 0;
    for (const auto& [id, params] : h.requests("store.set")) {
        stored += params.at(0) == "settings" ? 1 : 0;
    }
    EXPECT_EQ(stored, 3U) << "each toggle is stored";
    EXPECT_EQ(h.port.whispers("ann"), (std::vector<std::string>{muted_line, deafened_line}));
    EXPECT_EQ(h.port.whispers("BOB"), std::vector<std::string>{unmuted_line});
    EXPECT_FALSE(h.plugin.muted());
    EXPECT_TRUE(h.plugin.deafened());
}

TEST(OmeggaCommands, TheGameHostIsAuthorizedThroughPlayerGet) {
    harness h;
    (void)h.init();
    h.notify("cmd:csc", {"boss", "mute"});
    const json id = last_player_get(h, "boss");
    ASSERT_FALSE(id.is_null());
    EXPECT_TRUE(h.port.whispers("boss").empty()) << "nothing before Omegga answers";
    answer(h, id, {{"name", "boss"}, {"host", true}});
    EXPECT_EQ(h.port.whispers("boss"), std::vector<std::string>{muted_line});
    EXPECT_TRUE(h.plugin.muted());
}

TEST(OmeggaCommands, NotHostNullAndErrorAnswersAreNotAuthorized) {
    harness h;
    (void)h.init();
    h.notify("cmd:csc", {"ann", "mute"});
    answer(h, last_player_get(h, "ann"), {{"name", "ann"}, {"host", false}});
    h.notify("cmd:csc", {"ann", "deaf"});
    answer(h, last_player_get(h, "ann"), nullptr);
    h.notify("cmd:csc", {"ann", "reconnect"});
    h.send(json{{"jsonrpc", "2.0"}, {"id", last_player_get(h, "ann")},
                {"error", {{"code", -32603}, {"message", "boom"}}}});
    EXPECT_EQ(h.port.whispers("ann"), std::vector<std::string>(3, not_authorized));
    EXPECT_FALSE(h.plugin.muted());
    EXPECT_FALSE(h.plugin.deafened());
    EXPECT_TRUE(h.calls.reconnects.empty());
}

TEST(OmeggaCommands, AMissingAnswerTimesOutAsNotAuthorized) {
    harness h;
    (void)h.init();
    h.notify("cmd:csc", {"ann", "undeafen"});
    EXPECT_EQ(h.plugin.pending_requests(), 1U);
    h.sched.advance(2999ms);
    EXPECT_TRUE(h.port.whispers("ann").empty());
    h.sched.advance(1ms);
    EXPECT_EQ(h.plugin.pending_requests(), 0U);
    EXPECT_EQ(h.port.whispers("ann"), std::vector<std::string>{not_authorized});
    // A late answer changes nothing.
    answer(h, last_player_get(h, "ann"), {{"host", true}});
    EXPECT_EQ(h.port.whispers("ann").size(), 1U);
    EXPECT_FALSE(h.plugin.deafened());
}

TEST(OmeggaCommands, ReconnectWhispersThenReconnectsAfterOneSecond) {
    harness h;
    (void)h.init({{"reconnect-authorized", "ann"}});
    h.notify("cmd:csc", {"ann", "reconnect"});
    EXPECT_EQ(h.port.whispers("ann"), std::vector<std::string>{"Attempting to reconnect..."});
    EXPECT_EQ(h.calls.reconnects, std::vector<std::chrono::milliseconds>{1000ms});
}

TEST(OmeggaCommands, ListOnTheHostShowsItsLinks) {
    harness h(true);
    (void)h.init();
    h.node->directory.upsert({1, {"Alpha", "ff0000", "[A]"}});
    h.node->directory.upsert({2, {"Beta", "00ff00", "[B]"}});
    h.notify("cmd:csc", {"ann", "list"});
    EXPECT_EQ(h.plugin.pending_requests(), 0U) << "list needs no authorization";
    EXPECT_EQ(h.port.whispers("ann"),
              (std::vector<std::string>{
                  R"(<color="00aaff">A total of <b>2 connections</> are active.</>)",
                  R"(<color="aaaaaa">(ID 1)</> <color="ff0000">[A] <b>Alpha</></>)",
                  R"(<color="aaaaaa">(ID 2)</> <color="00ff00">[B] <b>Beta</></>)"}));
}

TEST(OmeggaCommands, ListOnAClientMarksTheHost) {
    harness h(false);
    (void)h.init({{"color", "123456"}});
    h.node->directory.upsert({2, {"Beta", "00ff00", "[B]"}});
    h.node->directory.upsert({0, {"Host", "ff00ff", "[H]"}});
    h.notify("cmd:csc", {"ann", "list"});
    EXPECT_EQ(h.port.whispers("ann"),
              (std::vector<std::string>{
                  R"(<color="123456">A total of <b>2 connections</> are active.</>)",
                  R"(<color="aaaaaa">(ID 2)</> <color="00ff00">[B] <b>Beta</></>)",
                  R"(<color="aaaaaa">(ID 0)</> <color="ff00ff">[H] <b>Host</></> <color="aaaaaa">(HOST)</>)"}));
}

TEST(OmeggaCommands, StoppingDropsPendingAuthorizationsSilently) {
    harness h;
    (void)h.init();
    h.notify("cmd:csc", {"ann", "mute"});
    h.request(2, "stop", nullptr);
    EXPECT_EQ(h.plugin.pending_requests(), 0U);
    EXPECT_TRUE(h.port.whispers("ann").empty());
}

} // namespace
