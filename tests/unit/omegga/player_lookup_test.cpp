// The same name on two servers (NAME@SERVER, the ambiguous answer, replies by id) and whispers
// whose status never comes back (whisper-timeout), driven through the fakes with a hand-driven
// clock.

#include "csc/omegga/plugin.hpp"

#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using csc::omegga::test::harness;
using json = nlohmann::json;
using csc::protocol::whisper_result;
using std::chrono::milliseconds;

const csc::core::server beta{3, {"Beta", "ff0000", "[B]"}};
const csc::core::server gamma_server{5, {"Gamma Land", "00ff00", "[G]"}};

/// A client (our id 7) with Ann and Cy here, Bob and Bea on Beta, another Bob on Gamma Land.
struct two_bobs : harness {
    explicit two_bobs(json config = json::object()) {
        json list = json::array({json::array({"Ann", "Ann", "a1", "c", "s"}),
                                 json::array({"Cy", "Cy", "c1", "c", "s"})});
        notify("plugin:players:raw", json::array({list}));
        (void)init(std::move(config));
        (void)answer_store();
        node->directory.upsert(beta);
        node->directory.upsert(gamma_server);
        node->player_lists.set(3, {{"b1", "Bob"}, {"b2", "Bea"}});
        node->player_lists.set(5, {{"g1", "bob"}});
    }
    csc::protocol::whisper_status status(const std::string& to_id, const std::string& to_name,
                                         whisper_result r) const {
        return {3, 7, "a1", "Ann", to_id, to_name, r};
    }
};

constexpr const char* unconfirmed_bob =
    R"(<color="ff5555">Your whisper to <b>Bob</> could not be confirmed: it may not have arrived.</>)";

TEST(OmeggaPlayerLookup, TheSameNameOnTwoServersListsEachAsItCanBeTyped) {
    two_bobs h;
    h.command("Ann", {"msg", "BOB", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555"><b>BOB</> matches several players: Bob@B, bob@G. Type one of these (name@server) or more of the name.</>)");
    EXPECT_TRUE(h.calls.whispers.empty());
    h.command("Ann", {"msg", "be", "hi"}); // one match: no suggestion needed
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    h.command("Ann", {"msg", "b", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555"><b>b</> matches several players: Bob@B, Bea@B, bob@G. Type one of these (name@server) or more of the name.</>)");
}

TEST(OmeggaPlayerLookup, NameAtServerPicksOneByPrefixNameOrId) {
    two_bobs h(json{{"chat-burst", 10}});
    h.command("Ann", {"msg", "Bob@G", "one"});
    h.command("Ann", {"msg", "bob@[b]", "two"});
    h.command("Ann", {"msg", "Bob@gammaland", "three"});
    h.command("Ann", {"msg", "Bob@Gam", "four"});
    h.command("Ann", {"msg", "Bob@3", "five"});
    h.command("Ann", {"msg", "Be@b", "six"}); // the start of a name, on that server
    ASSERT_EQ(h.calls.whispers.size(), 6U);
    const std::vector<std::pair<long, std::string>> expected{
        {5, "g1"}, {3, "b1"}, {5, "g1"}, {5, "g1"}, {3, "b1"}, {3, "b2"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(h.calls.whispers[i].target, expected[i].first) << i;
        EXPECT_EQ(h.calls.whispers[i].to_id, expected[i].second) << i;
    }
}

TEST(OmeggaPlayerLookup, AQualifierThatNamesNoServerOrNobodyThereIsSaidSo) {
    two_bobs h;
    h.command("Ann", {"msg", "Bob@Mars", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555">No server matches <b>Mars</>: use its ID, prefix or name from /csc list.</>)");
    h.command("Ann", {"msg", "Bea@G", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">No player named <b>Bea@G</> is online.</>)");
    h.command("Ann", {"msg", "Cy@B", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">No player named <b>Cy@B</> is online.</>)");
    h.command("Ann", {"msg", "Cy@ServerConnection", "hi"}); // our own server by name
    EXPECT_EQ(h.port.whispers("Cy").back(), R"(<color="00aaff">[!] <b>Ann</> whispers:</> hi)");
    h.command("Ann", {"msg", "Cy@7", "again"}); // ... and by our id
    EXPECT_EQ(h.port.whispers("Cy").back(), R"(<color="00aaff">[!] <b>Ann</> whispers:</> again)");
    EXPECT_TRUE(h.calls.whispers.empty());
}

TEST(OmeggaPlayerLookup, AWholeNameWithAnAtSignIsFoundBeforeAnyQualifier) {
    two_bobs h;
    h.node->player_lists.set(3, {{"b1", "Bob"}, {"x1", "x@G"}});
    h.command("Ann", {"msg", "x@g", "hi"});
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    EXPECT_EQ(h.calls.whispers[0].to_id, "x1");
}

TEST(OmeggaPlayerLookup, IgnoreTakesTheQualifierToo) {
    two_bobs h;
    h.command("Ann", {"ignore", "bob"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555"><b>bob</> matches several players: Bob@B, bob@G. Type one of these (name@server) or more of the name.</>)");
    h.command("Ann", {"ignore", "bob@G"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="00aaff">Ignoring <b>bob</>: their cross-server chat and whispers are hidden from you.</>)");
    EXPECT_TRUE(h.plugin.players().ignores({"a1", "Ann"}, {"g1", "bob"}));
    EXPECT_FALSE(h.plugin.players().ignores({"a1", "Ann"}, {"b1", "Bob"}));
    h.command("Ann", {"ignore", "Bob@Mars"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555">No server matches <b>Mars</>: use its ID, prefix or name from /csc list.</>)");
}

TEST(OmeggaPlayerLookup, ReplyGoesBackToTheOneWhoWhisperedNotTheOtherOfTheSameName) {
    two_bobs h;
    h.plugin.on_whisper(gamma_server, {5, 7, "g1", "bob", "a1", "Ann", "psst", true});
    h.command("Ann", {"r", "yes?"});
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    EXPECT_EQ(h.calls.whispers[0].target, 5);
    EXPECT_EQ(h.calls.whispers[0].to_id, "g1");
    // Without a player id, the same name on the same server.
    h.plugin.on_whisper(gamma_server, {5, 7, "", "BOB", "a1", "Ann", "again", true});
    h.command("Ann", {"r", "still here"});
    ASSERT_EQ(h.calls.whispers.size(), 2U);
    EXPECT_EQ(h.calls.whispers[1].target, 5);
    EXPECT_EQ(h.calls.whispers[1].to_id, "g1");
}

TEST(OmeggaPlayerLookup, AWhisperWithNoStatusIsReportedAfterTheTimeout) {
    two_bobs h;
    h.command("Ann", {"msg", "Bea", "hi"});
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    const std::size_t before = h.port.whispers("Ann").size();
    h.sched.advance(milliseconds(9999));
    EXPECT_EQ(h.port.whispers("Ann").size(), before) << "default timeout: 10 s";
    h.sched.advance(milliseconds(1));
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555">Your whisper to <b>Bea</> could not be confirmed: it may not have arrived.</>)");
    // A status arriving after that changes nothing.
    const std::size_t told = h.port.whispers("Ann").size();
    h.plugin.on_whisper_status(beta, h.status("b2", "Bea", whisper_result::delivered));
    EXPECT_EQ(h.port.whispers("Ann").size(), told);
}

TEST(OmeggaPlayerLookup, AnAnsweredWhisperIsNotReportedAgainAndTheTimeoutIsAConfigKey) {
    two_bobs h(json{{"whisper-timeout", 2}});
    h.command("Ann", {"msg", "Bob@B", "one"});
    h.sched.advance(milliseconds(1000));
    h.command("Ann", {"msg", "Bob@B", "two"});
    h.plugin.on_whisper_status(beta, h.status("b1", "Bob", whisper_result::delivered));
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">To [B] <b>Bob</>:</> one)");
    h.sched.advance(milliseconds(1000)); // the first one's timeout: answered already
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">To [B] <b>Bob</>:</> one)");
    h.sched.advance(milliseconds(1000)); // the second one's
    EXPECT_EQ(h.last_whisper("Ann"), unconfirmed_bob);
    EXPECT_EQ(h.port.whispers("Ann").size(), 2U);
}

TEST(OmeggaPlayerLookup, StatusesOfTheSameNameOnTwoServersFindTheirOwnWhisper) {
    two_bobs h;
    h.command("Ann", {"msg", "Bob@B", "to beta"});
    h.command("Ann", {"msg", "Bob@G", "to gamma"});
    ASSERT_EQ(h.calls.whispers.size(), 2U);
    csc::protocol::whisper_status st{5, 7, "a1", "Ann", "g1", "bob", whisper_result::delivered};
    h.plugin.on_whisper_status(gamma_server, st);
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="00ff00">To [G] <b>bob</>:</> to gamma)");
    st = h.status("b1", "Bob", whisper_result::delivered);
    h.plugin.on_whisper_status(beta, st);
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">To [B] <b>Bob</>:</> to beta)");
    // The hub answering for a server that left: matched by the names alone.
    h.command("Ann", {"msg", "Bob@G", "gone?"});
    const csc::core::server hub{0, {"Hub", "aaaaaa", "[hub]"}};
    h.plugin.on_whisper_status(hub, {0, 7, "a1", "Ann", "g1", "bob", whisper_result::offline});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555"><b>bob</> is no longer online.</>)");
}

TEST(OmeggaPlayerLookup, ASenderWhoLeftMeanwhileIsToldNothing) {
    two_bobs h;
    h.command("Cy", {"msg", "Bob@B", "bye"});
    h.notify("leave", json::array({{{"name", "Cy"}, {"id", "c1"}}}));
    h.sched.advance(milliseconds(10000));
    EXPECT_TRUE(h.port.whispers("Cy").empty());
}

TEST(OmeggaPlayerLookup, AFullQueueReportsTheOldestAtOnce) {
    two_bobs h(json{{"whisper-timeout", 3600}, {"chat-rate", 1000}, {"chat-burst", 1000}});
    for (std::size_t i = 0; i < csc::omegga::max_pending_whispers; ++i) {
        h.command("Ann", {"msg", "Bob@B", std::to_string(i)});
    }
    EXPECT_TRUE(h.port.whispers("Ann").empty());
    h.command("Ann", {"msg", "Bea", "one more"});
    EXPECT_EQ(h.calls.whispers.size(), csc::omegga::max_pending_whispers + 1);
    EXPECT_EQ(h.port.whispers("Ann"), std::vector<std::string>{unconfirmed_bob});
    // The oldest is gone: its status finds the next one, sent second.
    h.plugin.on_whisper_status(beta, h.status("b1", "Bob", whisper_result::delivered));
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">To [B] <b>Bob</>:</> 1)");
}

TEST(OmeggaPlayerLookup, WithoutPlayersOnTheLinkMsgAnswersAtOnce) {
    two_bobs h;
    h.node->supported = false; // lists still known, but the hub takes no whispers now
    h.command("Ann", {"msg", "Bea", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555"><b>Bea</> is no longer online.</>)");
    // The link went down: the node knows no server and no list.
    h.node->player_lists.clear();
    h.node->directory = csc::core::server_directory{};
    h.command("Ann", {"msg", "Bea", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">No player named <b>Bea</> is online.</>)");
    EXPECT_TRUE(h.calls.whispers.empty());
    const std::size_t answers = h.port.whispers("Ann").size();
    h.sched.advance(milliseconds(60000));
    EXPECT_EQ(h.port.whispers("Ann").size(), answers) << "nothing was left pending";
}

} // namespace
