#include "csc/omegga/player_prefs.hpp"

#include "csc/omegga/local_players.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace {

using namespace csc::omegga;
using json = nlohmann::json;
using csc::core::player;

TEST(PlayerPrefs, IgnoresMatchByIdWhenBothKnowOneElseByName) {
    player_prefs p;
    EXPECT_TRUE(p.add_ignore({"id-1", "Bob"}));
    EXPECT_TRUE(p.add_ignore({"", "Cy"}));
    EXPECT_TRUE(p.ignores_player("id-1", "Robert")); // renamed, same id
    EXPECT_FALSE(p.ignores_player("id-2", "Bob"));   // another player with that name
    EXPECT_TRUE(p.ignores_player("", "bob"));        // no id to compare: by name
    EXPECT_TRUE(p.ignores_player("id-9", "CY"));
    EXPECT_FALSE(p.add_ignore({"id-1", "Bob"}));
}

TEST(PlayerPrefs, UnignoreTakesAnExactNameOrAUniquePrefix) {
    player_prefs p;
    (void)p.add_ignore({"1", "Alice"});
    (void)p.add_ignore({"2", "Alan"});
    (void)p.add_ignore({"3", "Al"});
    EXPECT_EQ(p.remove_ignore("al"), (ignored_player{"3", "Al"}));
    EXPECT_FALSE(p.remove_ignore("al").has_value()) << "two prefixes left";
    EXPECT_EQ(p.remove_ignore("ali"), (ignored_player{"1", "Alice"}));
    EXPECT_FALSE(p.remove_ignore("").has_value());
    EXPECT_EQ(p.ignores.size(), 1U);
}

TEST(PlayerPrefs, StoredFormRoundTripsAndBadEntriesAreSkipped) {
    player_prefs p;
    p.hidden = true;
    (void)p.add_ignore({"1", "Bob"});
    EXPECT_EQ(prefs_from_json(prefs_to_json(p)), p);
    const json junk{{"hidden", "no"},
                    {"ignores", json::array({1, json::object(), {{"name", ""}}, {{"name", "Ok"}},
                                             {{"id", 5}, {"name", "NoId"}}})}};
    const player_prefs read = prefs_from_json(junk);
    EXPECT_FALSE(read.hidden);
    EXPECT_EQ(read.ignores,
              (std::vector<ignored_player>{{"", "Ok"}, {"", "NoId"}}));
    EXPECT_EQ(prefs_from_json(nullptr), player_prefs{});
    EXPECT_EQ(player_prefs_key("abc", "Ann"), "player:abc");
    EXPECT_EQ(player_prefs_key("", "Ann"), "player-name:ann");
}

TEST(LocalPlayers, OneBroadcastUnlessSomeoneShouldNotSeeTheLine) {
    local_players l;
    const auto fresh = l.set_online({{"1", "Ann"}, {"2", "Ben"}, {"3", "Cy"}});
    EXPECT_EQ(fresh.size(), 3U);
    const player bob{"9", "Bob"};
    EXPECT_FALSE(l.recipients(&bob).has_value());
    l.edit_prefs(player{"2", "Ben"}).hidden = true;
    EXPECT_EQ(l.recipients(nullptr), (std::vector<std::string>{"Ann", "Cy"}));
    (void)l.edit_prefs(player{"3", "Cy"}).add_ignore({"9", "Bob"});
    EXPECT_EQ(l.recipients(&bob), std::vector<std::string>{"Ann"});
    const player other{"8", "Dee"};
    EXPECT_EQ(l.recipients(&other), (std::vector<std::string>{"Ann", "Cy"}));
}

TEST(LocalPlayers, LateLoadsDoNotOverwriteEditsAndLeaversAreForgotten) {
    local_players l;
    (void)l.set_online({{"1", "Ann"}, {"2", "Ben"}});
    l.edit_prefs(player{"1", "Ann"}).hidden = true;
    player_prefs stored;
    (void)stored.add_ignore({"9", "Bob"});
    l.loaded("player:1", stored); // Ann edited first: her edit stays
    l.loaded("player:2", stored);
    EXPECT_TRUE(l.prefs(player{"1", "Ann"}).hidden);
    EXPECT_TRUE(l.prefs(player{"1", "Ann"}).ignores.empty());
    EXPECT_EQ(l.prefs(player{"2", "Ben"}).ignores.size(), 1U);
    l.set_reply("Ben", {4, {"9", "Bob"}});
    ASSERT_NE(l.reply_of("Ben"), nullptr);
    EXPECT_EQ(l.set_online({{"1", "Ann"}}).size(), 0U);
    EXPECT_EQ(l.reply_of("Ben"), nullptr);
    EXPECT_TRUE(l.prefs(player{"2", "Ben"}).ignores.empty());
    l.loaded("player:2", stored); // Ben is gone: nothing kept
    EXPECT_TRUE(l.prefs(player{"2", "Ben"}).ignores.empty());
}

TEST(LocalPlayers, FindByIdThenExactNameThenTheOnlyCaseInsensitiveMatch) {
    local_players l;
    (void)l.set_online({{"1", "Ann"}, {"2", "ann"}, {"3", "Ben"}});
    EXPECT_EQ(l.find("ann")->id, "2");
    EXPECT_EQ(l.find("ANN"), nullptr) << "two players fold to ann";
    EXPECT_EQ(l.find("BEN")->id, "3");
    EXPECT_EQ(l.find("1", "whoever")->name, "Ann");
    EXPECT_EQ(l.find("", "Ben")->id, "3");
}

} // namespace
