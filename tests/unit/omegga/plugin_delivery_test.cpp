// The plugin's part of acknowledged delivery: the server id and session in Omegga's store,
// positions saved while running and at stop, and `stop` waiting for the outbox to drain.
#include "csc/omegga/plugin.hpp"

#include "csc/delivery/ids.hpp"
#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using csc::omegga::test::harness;
using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* key = csc::omegga::delivery_store_key;

/// How many requests of `method` the plugin sent.
/// True for the store keys of the player commands (switches, player prefs), not delivery's.
bool player_key(const json& params) {
    const json& name = params.is_array() && !params.empty() ? params.front() : params;
    if (!name.is_string()) {
        return false;
    }
    const auto& k = name.get_ref<const std::string&>();
    return k == "settings" || k.starts_with("player:") || k.starts_with("player-name:");
}

std::size_t requests_of(const harness& h, const std::string& method) {
    std::size_t n = 0;
    for (const json& m : h.port.messages()) {
        n += m.contains("id") && m.value("method", "") == method &&
                     !player_key(m.value("params", json()))
                 ? 1
                 : 0;
    }
    return n;
}

/// The id of the last request of `method`.
json last_request_id(const harness& h, const std::string& method) {
    json id;
    for (const json& m : h.port.messages()) {
        if (m.contains("id") && m.value("method", "") == method) {
            id = m.at("id");
        }
    }
    return id;
}

TEST(PluginDelivery, FirstStartMakesAnIdAndKeepsItInTheStore) {
    harness h;
    const json answer = h.init();
    EXPECT_EQ(answer.at("result"), json({{"registeredCommands", {"csc"}}}));
    ASSERT_TRUE(h.store.count(key));
    const json& record = h.store.at(key);
    const std::string id = record.at("server_id").get<std::string>();
    EXPECT_TRUE(csc::delivery::is_valid_hex_id(id)) << id;
    EXPECT_EQ(record.at("session"), 1);
    EXPECT_FALSE(record.contains("epoch"));
    EXPECT_EQ(h.calls.server_id, id);
    EXPECT_EQ(h.calls.session, 1U);
    EXPECT_EQ(h.plugin.server_id(), id);
    EXPECT_TRUE(h.calls.started);
    EXPECT_EQ(h.plugin.pending_requests(), 0U);
}

TEST(PluginDelivery, LaterStartsKeepTheIdAndCountSessions) {
    harness first;
    (void)first.init();
    const std::string id = first.calls.server_id;

    harness second;
    second.store = first.store;
    (void)second.init();
    EXPECT_EQ(second.calls.server_id, id);
    EXPECT_EQ(second.calls.session, 2U);
    EXPECT_EQ(second.store.at(key).at("session"), 2);

    harness third;
    third.store = second.store;
    (void)third.init();
    EXPECT_EQ(third.calls.server_id, id);
    EXPECT_EQ(third.calls.session, 3U);
}

TEST(PluginDelivery, TheNodeIsBuiltOnlyOnceTheStoreAnswered) {
    harness h;
    h.request(1, "init", json::object());
    EXPECT_EQ(h.node, nullptr);
    EXPECT_TRUE(h.port.response(1).is_null()) << "init answered before the id was known";
    EXPECT_EQ(requests_of(h, "store.get"), 1U);
    h.answer_store();
    ASSERT_NE(h.node, nullptr);
    EXPECT_EQ(h.port.response(1).at("result").at("registeredCommands"), json({"csc"}));
}

TEST(PluginDelivery, OurPlayersEventsDuringTheStoreRoundTripAreSentAfterwards) {
    harness h;
    h.request(1, "init", json::object());
    h.notify("join", json::array({{{"name", "ann"}}}));
    h.notify("chat", {"ann", "first"});
    h.notify("chat", {"ann", "second"});
    EXPECT_TRUE(h.calls.messages.empty());
    h.answer_store();
    EXPECT_EQ(h.calls.joins, std::vector<std::string>{"ann"});
    ASSERT_EQ(h.calls.messages.size(), 2U);
    EXPECT_EQ(h.calls.messages[0].content, "first");
    EXPECT_EQ(h.calls.messages[1].content, "second");
}

TEST(PluginDelivery, AStoreErrorGivesANewIdForThisRunOnlyAndStillStarts) {
    harness h;
    h.store[key] = {{"server_id", std::string(32, 'a')}, {"session", 7}};
    h.request(1, "init", json::object());
    h.send(json{{"jsonrpc", "2.0"},
                {"id", last_request_id(h, "store.get")},
                {"error", {{"code", -32603}, {"message", "disk on fire"}}}});
    ASSERT_NE(h.node, nullptr);
    EXPECT_NE(h.calls.server_id, std::string(32, 'a'));
    EXPECT_TRUE(csc::delivery::is_valid_hex_id(h.calls.server_id));
    EXPECT_EQ(h.calls.session, 1U);
    EXPECT_EQ(requests_of(h, "store.set"), 0U) << "must not overwrite a record it could not read";
    EXPECT_EQ(h.store.at(key).at("session"), 7);
    bool warned = false;
    for (const json& w : h.port.notifications("warn")) {
        warned = warned || w.get<std::string>().find("new one for this run") != std::string::npos;
    }
    EXPECT_TRUE(warned);
    EXPECT_FALSE(h.port.response(1).is_null());
}

TEST(PluginDelivery, AStoreThatNeverAnswersDelaysInitOnlyUntilTheRequestTimeout) {
    harness h;
    h.request(1, "init", json::object());
    h.sched.advance(2999ms);
    EXPECT_TRUE(h.port.response(1).is_null());
    h.sched.advance(1ms);
    ASSERT_NE(h.node, nullptr);
    EXPECT_FALSE(h.port.response(1).is_null());
    EXPECT_TRUE(csc::delivery::is_valid_hex_id(h.calls.server_id));
}

TEST(PluginDelivery, ABrokenRecordIsReplacedByAFreshOne) {
    for (const json& broken : {json("not an object"), json({{"server_id", "XYZ"}, {"session", 4}}),
                               json({{"server_id", 12}}), json::array({1, 2})}) {
        harness h;
        h.store[key] = broken;
        (void)h.init();
        ASSERT_NE(h.node, nullptr) << broken;
        EXPECT_TRUE(csc::delivery::is_valid_hex_id(h.calls.server_id)) << broken;
        EXPECT_EQ(h.calls.session, 1U) << broken;
        EXPECT_EQ(h.store.at(key).at("server_id"), h.calls.server_id) << broken;
    }
}

TEST(PluginDelivery, ABadSessionRestartsTheCountButKeepsTheId) {
    const std::string id(32, 'b');
    for (const json& session : {json(-3), json("7"), json(1.5), json(9007199254740992ULL)}) {
        harness h;
        h.store[key] = {{"server_id", id}, {"session", session}};
        (void)h.init();
        EXPECT_EQ(h.calls.server_id, id) << session;
        EXPECT_EQ(h.calls.session, 1U) << session;
    }
}

TEST(PluginDelivery, TheSavedPositionIsHandedToTheNodeAndKept) {
    const std::string id(32, 'c');
    const std::string epoch(32, 'e');
    harness h;
    h.store[key] = {{"server_id", id}, {"session", 2}, {"epoch", epoch}, {"position", 41}};
    (void)h.init();
    EXPECT_EQ(h.calls.resume_epoch, epoch);
    EXPECT_EQ(h.calls.resume_position, 41U);
    EXPECT_EQ(h.store.at(key),
              json({{"server_id", id}, {"session", 3}, {"epoch", epoch}, {"position", 41}}));
}

TEST(PluginDelivery, AppliedPositionsAreSavedNowAndThenOnlyWhenTheyChanged) {
    harness h;
    (void)h.init();
    const std::size_t sets = requests_of(h, "store.set");
    const std::string epoch(32, 'd');
    h.plugin.on_position_applied(epoch, 1);
    h.plugin.on_position_applied(epoch, 2);
    h.sched.advance(4999ms);
    EXPECT_EQ(requests_of(h, "store.set"), sets) << "saved before the interval";
    h.sched.advance(1ms);
    h.answer_store();
    EXPECT_EQ(requests_of(h, "store.set"), sets + 1);
    EXPECT_EQ(h.store.at(key).at("epoch"), epoch);
    EXPECT_EQ(h.store.at(key).at("position"), 2);
    h.sched.advance(60s);
    EXPECT_EQ(requests_of(h, "store.set"), sets + 1) << "nothing changed, nothing to save";
    h.plugin.on_position_applied(epoch, 3);
    h.sched.advance(5s);
    h.answer_store();
    EXPECT_EQ(h.store.at(key).at("position"), 3);
}

TEST(PluginDelivery, StopSavesTheLastPositionBeforeItAnswers) {
    harness h;
    (void)h.init();
    h.plugin.on_position_applied(std::string(32, 'f'), 9);
    h.request(2, "stop", nullptr);
    h.answer_store();
    EXPECT_EQ(h.store.at(key).at("position"), 9);
    h.port.complete_flushes();
    EXPECT_FALSE(h.port.response(2).is_null());
}

TEST(PluginDelivery, StopWaitsForTheOutboxToDrainBeforeClosing) {
    harness h;
    (void)h.init();
    h.node->outbox = 3;
    h.request(2, "stop", nullptr);
    EXPECT_EQ(h.calls.stops, 0) << "closed with packets not yet acknowledged";
    EXPECT_TRUE(h.port.flushes.empty());
    h.node->drain();
    EXPECT_EQ(h.calls.stops, 1);
    h.port.complete_flushes();
    EXPECT_FALSE(h.port.response(2).is_null());
    h.sched.advance(10s); // the bound's timer must not answer a second time
    std::size_t answers = 0;
    for (const json& m : h.port.messages()) {
        answers += m.value("id", json()) == json(2) && m.contains("result") ? 1 : 0;
    }
    EXPECT_EQ(answers, 1U);
    EXPECT_EQ(h.calls.stops, 1);
}

TEST(PluginDelivery, StopAnswersWithinTheBoundWhenTheOutboxNeverDrains) {
    harness h;
    (void)h.init();
    h.node->outbox = 2;
    h.request(2, "stop", nullptr);
    h.sched.advance(2999ms);
    EXPECT_EQ(h.calls.stops, 0);
    h.sched.advance(1ms);
    EXPECT_EQ(h.calls.stops, 1);
    h.port.complete_flushes();
    EXPECT_FALSE(h.port.response(2).is_null());
    bool warned = false;
    for (const json& w : h.port.notifications("warn")) {
        warned = warned || w.get<std::string>().find("2 packet(s)") != std::string::npos;
    }
    EXPECT_TRUE(warned) << "the loss must be logged";
}

TEST(PluginDelivery, DeliveryOffAsksTheStoreNothing) {
    harness h;
    const json answer = h.init({{"delivery", false}});
    EXPECT_FALSE(answer.is_null());
    EXPECT_EQ(requests_of(h, "store.get"), 0U);
    EXPECT_EQ(requests_of(h, "store.set"), 0U);
    EXPECT_TRUE(h.calls.server_id.empty());
    EXPECT_EQ(h.calls.session, 0U);
}

} // namespace
