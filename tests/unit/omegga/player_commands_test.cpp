// The player commands and lines of the Omegga adapter (who, msg, r, ignore, hide, help,
// stored switches, roles), driven through the fakes: no sockets, no clocks.

#include "csc/omegga/plugin.hpp"

#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::omegga::test::harness;
using json = nlohmann::json;
using csc::protocol::whisper_result;

const csc::core::server beta{3, {"Beta", "ff0000", "[B]"}};
const csc::core::server orig{4, {"Orig", "00ff00", "[O]"}};

json raw_players(std::initializer_list<std::pair<const char*, const char*>> players) {
    json list = json::array();
    for (const auto& [name, id] : players) {
        list.push_back(json::array({name, name, id, "c", "s"}));
    }
    return json::array({list});
}

/// A client plugin whose network has Beta (sharing Bob and Bea) and Orig (not sharing), with
/// Ann and Cy online here.
struct network : harness {
    network() {
        notify("plugin:players:raw", raw_players({{"Ann", "a1"}, {"Cy", "c1"}}));
        (void)init();
        (void)answer_store();
        node->directory.upsert(beta);
        node->directory.upsert(orig);
        node->player_lists.set(3, {{"b1", "Bob"}, {"b2", "Bea"}});
        node->player_lists.set(7, {{"a1", "Ann"}, {"c1", "Cy"}}); // our own, as the node echoes it
    }
};

TEST(OmeggaPlayers, PlayerListsGoToTheNodeWithTheirIds) {
    network h;
    ASSERT_FALSE(h.calls.player_lists.empty());
    EXPECT_EQ(h.calls.player_lists.back(),
              (std::vector<csc::core::player>{{"a1", "Ann"}, {"c1", "Cy"}}));
    h.notify("join", json::array({{{"name", "Dee"}, {"id", "d1"}}}));
    h.notify("chat", {"Ann", "hi"});
    EXPECT_EQ(h.calls.player_joins, (std::vector<csc::core::player>{{"d1", "Dee"}}));
    EXPECT_EQ(h.calls.message_ids, std::vector<std::string>{"a1"});
}

TEST(OmeggaPlayers, WhoShowsOwnServerFirstThenEveryServer) {
    network h;
    h.command("Ann", {"who"});
    EXPECT_EQ(h.port.whispers("Ann"),
              (std::vector<std::string>{
                  R"(<color="00aaff"><b>4 players</> online on <b>3 servers</>.</>)",
                  R"(<color="00aaff">[!] <b>Server Connection</></> <color="aaaaaa">(2 players)</>: Ann, Cy)",
                  R"(<color="ff0000">[B] <b>Beta</></> <color="aaaaaa">(2 players)</>: Bob, Bea)",
                  R"(<color="aaaaaa">[O] <b>Orig</> does not share its players: /csc who and /csc msg cannot see them.</>)"}));
}

TEST(OmeggaPlayers, MsgToAnotherServerIsConfirmedOnceDelivered) {
    network h;
    h.command("Ann", {"msg", "bo", "hello", "", "there;"});
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    const auto& w = h.calls.whispers[0];
    EXPECT_EQ(w.target, 3);
    EXPECT_EQ(w.from_id, "a1");
    EXPECT_EQ(w.from_name, "Ann");
    EXPECT_EQ(w.to_id, "b1");
    EXPECT_EQ(w.to_name, "Bob");
    EXPECT_EQ(w.content, "hello  there&scl;");
    EXPECT_TRUE(w.sanitized);
    EXPECT_TRUE(h.port.whispers("Ann").empty()) << "confirmed only once delivered";
    csc::protocol::whisper_status st{3, 7, "a1", "Ann", "b1", "Bob", whisper_result::delivered};
    h.plugin.on_whisper_status(beta, st);
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">To [B] <b>Bob</>:</> hello  there&scl;)");
    h.command("Ann", {"msg", "Bea", "x"});
    st.to_id = "b2";
    st.to_name = "Bea";
    st.status = whisper_result::offline;
    h.plugin.on_whisper_status(beta, st);
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555"><b>Bea</> is no longer online.</>)");
}

TEST(OmeggaPlayers, UnknownAmbiguousSelfAndUsageGetClearAnswers) {
    network h;
    h.command("Ann", {"msg", "zed", "hi"});
    EXPECT_EQ(h.port.whispers("Ann"),
              (std::vector<std::string>{
                  R"(<color="ff5555">No player named <b>zed</> is online.</>)",
                  R"(<color="aaaaaa">[O] <b>Orig</> does not share its players: /csc who and /csc msg cannot see them.</>)"}));
    h.command("Ann", {"msg", "b", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="ff5555"><b>b</> matches several players: Bob@B, Bea@B. Type one of these (name@server) or more of the name.</>)");
    h.command("Ann", {"msg", "ann", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">You cannot whisper to yourself.</>)");
    h.command("Ann", {"msg", "Bob"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">Usage: /csc msg PLAYER MESSAGE</>)");
    h.command("Ann", {"r", "hi"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">Nobody has whispered to you yet.</>)");
    EXPECT_TRUE(h.calls.whispers.empty());
}

TEST(OmeggaPlayers, WhispersOnOurOwnServerNeedNoNetworkAndCanBeAnswered) {
    network h;
    h.command("Ann", {"msg", "cy", "psst"});
    EXPECT_TRUE(h.calls.whispers.empty());
    EXPECT_EQ(h.port.whispers("Cy"),
              std::vector<std::string>{R"(<color="00aaff">[!] <b>Ann</> whispers:</> psst)"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="00aaff">To [!] <b>Cy</>:</> psst)");
    h.command("Cy", {"r", "yes"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="00aaff">[!] <b>Cy</> whispers:</> yes)");
}

TEST(OmeggaPlayers, IncomingWhispersAreShownAnsweredAndRepliedTo) {
    network h;
    csc::protocol::whisper w{3, 7, "b1", "Bob", "", "ann", "hey &lt;", true};
    h.plugin.on_whisper(beta, w);
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff0000">[B] <b>Bob</> whispers:</> hey &lt;)");
    ASSERT_EQ(h.calls.statuses.size(), 1U);
    EXPECT_EQ(h.calls.statuses[0].target, 3);
    EXPECT_EQ(h.calls.statuses[0].to_name, "Ann");
    EXPECT_EQ(h.calls.statuses[0].status, whisper_result::delivered);
    h.command("Ann", {"r", "back"});
    ASSERT_EQ(h.calls.whispers.size(), 1U);
    EXPECT_EQ(h.calls.whispers[0].to_id, "b1");
    EXPECT_EQ(h.calls.whispers[0].target, 3);
    w.to_name = "Nobody";
    w.content = "<b>raw";
    w.sanitized = false;
    h.plugin.on_whisper(beta, w);
    EXPECT_EQ(h.calls.statuses.back().status, whisper_result::offline);
}

TEST(OmeggaPlayers, IgnoredSendersAreHiddenButToldDelivered) {
    network h;
    h.command("Ann", {"ignore", "bob"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="00aaff">Ignoring <b>Bob</>: their cross-server chat and whispers are hidden from you.</>)");
    const auto sets = h.requests("store.set");
    ASSERT_FALSE(sets.empty());
    EXPECT_EQ(sets.back().second,
              json::array({"player:a1",
                           {{"hidden", false}, {"ignores", {{{"id", "b1"}, {"name", "Bob"}}}}}}));
    const std::size_t before = h.port.whispers("Ann").size();
    h.plugin.on_whisper(beta, {3, 7, "b1", "Bob", "a1", "Ann", "hey", true});
    EXPECT_EQ(h.port.whispers("Ann").size(), before);
    EXPECT_EQ(h.calls.statuses.back().status, whisper_result::delivered);
    // Chat: the others still see Bob, as whispers now that one player must not.
    h.plugin.on_player_chat(beta, {"b1", "Bob"}, "yo", true);
    h.plugin.on_player_chat(beta, {"b2", "Bea"}, "hi", true);
    EXPECT_EQ(h.port.whispers("Cy"), std::vector<std::string>{R"(<color="ff0000">[B] <b>Bob</>:</> yo)"});
    EXPECT_EQ(h.port.broadcasts(), std::vector<std::string>{R"(<color="ff0000">[B] <b>Bea</>:</> hi)"});
    h.command("Ann", {"ignore"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="00aaff">You ignore: <b>Bob</></>)");
    h.command("Ann", {"ignore", "Ann"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">You cannot ignore yourself.</>)");
    h.command("Ann", {"unignore", "B"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="00aaff">No longer ignoring <b>Bob</>.</>)");
    h.command("Ann", {"unignore", "Bob"});
    EXPECT_EQ(h.last_whisper("Ann"), R"(<color="ff5555">You are not ignoring <b>Bob</>.</>)");
}

TEST(OmeggaPlayers, HidingTurnsBroadcastsIntoWhispersForTheOthers) {
    network h;
    h.command("Cy", {"hide"});
    EXPECT_EQ(h.last_whisper("Cy"),
              R"(<color="00aaff"><b>Hidden.</> Messages from other servers will not be shown to you.</>)");
    h.plugin.on_player_join(beta, {"b3", "Bo"});
    h.plugin.on_player_chat(beta, {"b1", "Bob"}, "yo", true);
    h.plugin.on_server_connected(orig, 2); // notices still reach everyone
    EXPECT_EQ(h.port.whispers("Ann"),
              (std::vector<std::string>{R"(<color="ff0000">[B] <b>Bo</> has joined <b>Beta</>.</>)",
                                        R"(<color="ff0000">[B] <b>Bob</>:</> yo)"}));
    EXPECT_EQ(h.port.broadcasts().size(), 1U);
    h.command("Cy", {"hide"});
    h.plugin.on_player_chat(beta, {"b1", "Bob"}, "again", true);
    EXPECT_EQ(h.port.broadcasts().back(), R"(<color="ff0000">[B] <b>Bob</>:</> again)");
}

TEST(OmeggaPlayers, PrefsAreLoadedFromTheStoreWhenPlayersComeOnline) {
    harness h;
    (void)h.init();
    h.notify("plugin:players:raw", raw_players({{"Ann", "a1"}}));
    h.store["player:a1"] = {{"hidden", true}, {"ignores", json::array()}};
    (void)h.answer_store();
    h.plugin.on_player_chat(beta, {"b1", "Bob"}, "yo", true);
    EXPECT_TRUE(h.port.broadcasts().empty());
    EXPECT_TRUE(h.port.whispers("Ann").empty());
}

TEST(OmeggaPlayers, MuteAndDeafenAreStoredAndRestored) {
    harness h;
    (void)h.init({{"reconnect-authorized", "Ann"}});
    (void)h.answer_store();
    h.notify("cmd:csc", {"Ann", "mute"});
    (void)h.answer_store();
    ASSERT_TRUE(h.store.contains("settings"));
    EXPECT_EQ(h.store["settings"].at("muted"), true);

    harness restarted;
    restarted.store = h.store;
    restarted.request(1, "init", {{"reconnect-authorized", "Ann"}});
    (void)restarted.answer_store();
    EXPECT_TRUE(restarted.plugin.muted());
    EXPECT_FALSE(restarted.plugin.deafened());
}

TEST(OmeggaPlayers, AnAuthorizedRoleIsCheckedAfterTheHost) {
    harness h;
    (void)h.init({{"authorized-roles", json::array({"Moderator"})}});
    (void)h.answer_store();
    h.notify("cmd:csc", {"Mo", "deafen"});
    h.answer(h.requests("player.get").at(0).first, {{"name", "Mo"}, {"host", false}});
    const auto roles = h.requests("player.getRoles");
    ASSERT_EQ(roles.size(), 1U);
    EXPECT_EQ(roles[0].second, "Mo");
    h.answer(roles[0].first, json::array({"moderator"}));
    EXPECT_TRUE(h.plugin.deafened());
    h.notify("cmd:csc", {"Pat", "deafen"});
    h.answer(h.requests("player.get").at(1).first, nullptr);
    h.answer(h.requests("player.getRoles").at(1).first, json::array({"Player"}));
    EXPECT_EQ(h.port.whispers("Pat"),
              std::vector<std::string>{"You are not authorized to use that command."});
}

TEST(OmeggaPlayers, HelpListsWhatTheCallerMayUse) {
    harness h;
    (void)h.init({{"reconnect-authorized", "Boss"}});
    h.notify("cmd:csc", {"Boss", "help"});
    EXPECT_EQ(h.port.whispers("Boss").size(), 12U);
    h.notify("cmd:csc", {"Pat", "help"});
    h.answer(h.requests("player.get").at(0).first, nullptr);
    EXPECT_EQ(h.port.whispers("Pat").size(), 9U);
}

} // namespace

namespace {

TEST(OmeggaPlayers, AStandaloneHubShowsWithNoPlayersAnOriginalHostAsNotSharing) {
    network h;
    h.node->directory.upsert(csc::core::server{0, {"Chat Hub", "aaaaaa", "[hub]"}});
    h.command("Ann", {"who"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="aaaaaa">[hub] <b>Chat Hub</></> <color="aaaaaa">(0 players)</>)");
    h.node->supported = false; // an original host granted nothing
    h.command("Ann", {"who"});
    EXPECT_EQ(h.last_whisper("Ann"),
              R"(<color="aaaaaa">[hub] <b>Chat Hub</> does not share its players: /csc who and /csc msg cannot see them.</>)");
}

} // namespace
