#include "csc/omegga/plugin.hpp"

#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::omegga::test::harness;
using json = nlohmann::json;

csc::core::server make_server(std::int64_t id, std::string name, std::string color = "ff0000",
                              std::string prefix = "[B]") {
    return csc::core::server{id, {std::move(name), std::move(color), std::move(prefix)}};
}

TEST(OmeggaPlugin, InitAnswersRegisteredCommandsAndStartsTheNode) {
    harness h;
    h.notify("plugin:players:raw", json::array({json::array({json::array({"a", "A", "1", "c", "s"}),
                                                             json::array({"b", "B", "2", "c", "s"})})}));
    h.notify("bootstrap", json::array({{{"verbose", false}, {"host", {{"name", "x"}}}}}));
    const json answer = h.init({{"hosting", true}});
    ASSERT_FALSE(answer.is_null());
    EXPECT_EQ(answer.at("result"), json({{"registeredCommands", {"csc"}}}));
    ASSERT_NE(h.node, nullptr);
    EXPECT_TRUE(h.calls.started);
    EXPECT_EQ(h.calls.player_counts, std::vector<std::int64_t>{2});
}

TEST(OmeggaPlugin, InitLogsEachConfigProblemAsAWarning) {
    harness h;
    (void)h.init({{"port", "not a number"}, {"color", "blue"}});
    EXPECT_GE(h.port.notifications("warn").size(), 2U);
    EXPECT_EQ(h.port.response(1).at("result").at("registeredCommands"), json({"csc"}));
}

TEST(OmeggaPlugin, PlayerListsUpdateThePlayerCount) {
    harness h;
    (void)h.init();
    h.notify("plugin:players:raw", json::array({json::array({json::array({"a", "A", "1", "c", "s"})})}));
    h.notify("plugin:players:raw", json::array({json::array()}));
    EXPECT_EQ(h.calls.player_counts, (std::vector<std::int64_t>{0, 1, 0}));
}

TEST(OmeggaPlugin, ChatIsSanitizedBeforeItIsSent) {
    harness h;
    (void)h.init();
    h.notify("chat", {"ann", "<b>hi</>; a_b"});
    ASSERT_EQ(h.calls.messages.size(), 1U);
    EXPECT_EQ(h.calls.messages[0].user, "ann");
    EXPECT_EQ(h.calls.messages[0].content, "&lt;b&gt;hi&lt;/&gt;&scl; a&und;b");
    EXPECT_TRUE(h.calls.messages[0].sanitized);
}

TEST(OmeggaPlugin, MutedChatStaysButJoinsAndLeavesStillGoOut) {
    harness h;
    (void)h.init({{"muted", true}});
    EXPECT_TRUE(h.plugin.muted());
    h.notify("chat", {"ann", "hello"});
    h.notify("join", json::array({{{"name", "bob"}, {"id", "1"}}}));
    h.notify("leave", json::array({{{"name", "bob"}, {"id", "1"}}}));
    EXPECT_TRUE(h.calls.messages.empty());
    EXPECT_EQ(h.calls.joins, std::vector<std::string>{"bob"});
    EXPECT_EQ(h.calls.leaves, std::vector<std::string>{"bob"});
}

TEST(OmeggaPlugin, StopClosesTheNodeAndAnswersOnlyAfterEverythingIsWritten) {
    harness h;
    (void)h.init();
    h.request(2, "stop", nullptr);
    EXPECT_EQ(h.calls.stops, 1);
    EXPECT_TRUE(h.port.response(2).is_null()) << "no answer before the flush completed";
    ASSERT_EQ(h.port.flushes.size(), 1U);
    const std::vector<std::string> before = h.port.broadcasts();
    ASSERT_EQ(before.size(), 1U);
    EXPECT_EQ(before[0], R"(<color="00aaff">Disconnected from chat.</>)");

    h.port.complete_flushes();
    const json last = json::parse(h.port.lines.back());
    EXPECT_EQ(last.at("id"), 2);
    ASSERT_TRUE(last.contains("result"));
    EXPECT_TRUE(last.at("result").is_null());
}

TEST(OmeggaPlugin, UnknownRequestsFailAndUnknownNotificationsAreIgnored) {
    harness h;
    h.request(9, "plugin:emit", json::array({"x", "other"}));
    EXPECT_EQ(h.port.response(9).at("error").at("code"), -32601);
    const std::size_t lines = h.port.lines.size();
    h.notify("mapchange", json::array({{{"map", "x"}}}));
    h.notify("chat", json::array({1, 2}));
    h.notify("join", json::array({42}));
    h.notify("cmd:csc", json::array());
    EXPECT_EQ(h.port.lines.size(), lines);
}

TEST(OmeggaPlugin, MalformedLinesAreLoggedAndAnsweredWhenTheyHaveAnId) {
    harness h;
    h.plugin.on_line("this is not json");
    EXPECT_EQ(h.port.notifications("warn").size(), 1U);
    h.plugin.on_line(R"({"id":5,"method":"init"})");
    EXPECT_EQ(h.port.response(5).at("error").at("code"), -32600);
    h.plugin.on_line(R"({"jsonrpc":"2.0","id":6,"result":1})");
    EXPECT_FALSE(h.calls.started);
}

TEST(OmeggaPlugin, ReceivedLinesAreBroadcastAndDeafenHidesOnlyPlayerTraffic) {
    harness h;
    (void)h.init({{"deafened", true}});
    const auto s = make_server(2, "Beta");
    h.plugin.on_player_joined(s, "ann");
    h.plugin.on_player_left(s, "ann");
    h.plugin.on_message(s, "ann", "hi", true);
    EXPECT_TRUE(h.port.broadcasts().empty());
    h.plugin.on_server_connected(s, 3);
    h.plugin.on_server_disconnected(s);
    h.plugin.on_network_joined(make_server(0, "Host", "00ff00", "[H]"), 4);
    EXPECT_EQ(h.port.broadcasts(),
              (std::vector<std::string>{
                  R"(<color="ff0000">[B] <b>Beta</> has connected to chat with 3 players online.</>)",
                  R"(<color="ff0000">[B] <b>Beta</> has disconnected from chat.</>)",
                  R"(<color="00ff00">Connected to host chat <b>Host</> with 4 players online.</>)"}));
}

TEST(OmeggaPlugin, PeerContentIsSanitizedUnlessAlreadyInSanitizedForm) {
    harness h;
    (void)h.init();
    const auto s = make_server(1, "Beta");
    h.plugin.on_player_joined(s, "ann");
    h.plugin.on_message(s, "ann", "<b>raw</>", false);
    h.plugin.on_message(s, "ann", "&lt;b&gt;ok", true);
    h.plugin.on_message(s, "ann", "<b>lies</>", true);
    EXPECT_EQ(h.port.broadcasts(),
              (std::vector<std::string>{
                  R"(<color="ff0000">[B] <b>ann</> has joined <b>Beta</>.</>)",
                  R"(<color="ff0000">[B] <b>ann</>:</> &lt;b&gt;raw&lt;/&gt;)",
                  R"(<color="ff0000">[B] <b>ann</>:</> &lt;b&gt;ok)",
                  R"(<color="ff0000">[B] <b>ann</>:</> &lt;b&gt;lies&lt;/&gt;)"}));
}

TEST(OmeggaPlugin, LogsGoToOmeggaUntilItsOutputIsGone) {
    harness h;
    h.plugin.log().info("hello");
    h.plugin.log().error("bad");
    h.plugin.log().debug("quiet unless verbose");
    EXPECT_EQ(h.port.notifications("info"), std::vector<json>{"hello"});
    EXPECT_EQ(h.port.notifications("error"), std::vector<json>{"bad"});
    EXPECT_TRUE(h.port.notifications("log").empty());
    h.notify("bootstrap", json::array({{{"verbose", true}}}));
    h.plugin.log().debug("now shown");
    EXPECT_EQ(h.port.notifications("log"), std::vector<json>{"now shown"});

    h.port.open = false;
    const std::size_t lines = h.port.lines.size();
    h.plugin.log().warn("to stderr");
    EXPECT_EQ(h.port.lines.size(), lines);
}

} // namespace
