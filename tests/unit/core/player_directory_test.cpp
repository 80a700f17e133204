// player_directory: lists per server, supports(), and lookup by name (exact beats a
// unique prefix, ambiguity reported with its candidates, case-insensitive, UTF-8 names).
#include "csc/core/player_directory.hpp"

#include "csc/core/validate.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/frame_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csc::core {
namespace {

player_directory sample() {
    player_directory d;
    d.set(0, {{"h1", "Host"}});
    d.set(1, {{"a1", "Alice"}, {"a2", "Alicia"}, {"b1", "Bob"}});
    d.set(2, {{"b2", "bobby"}, {"z1", "Zo\xC3\xAB"}, {"c1", "\xD0\x90\xD0\xBD\xD1\x8F"}});
    return d;
}

std::vector<std::string> names(const lookup_result& r) {
    std::vector<std::string> out;
    for (const auto& m : r.matches) {
        out.push_back(m.who.name);
    }
    return out;
}

TEST(PlayerDirectory, SupportsOnlyServersThatAnnouncedAList) {
    player_directory d;
    EXPECT_FALSE(d.supports(1));
    d.set(1, {});
    EXPECT_TRUE(d.supports(1));
    ASSERT_NE(d.find(1), nullptr);
    EXPECT_TRUE(d.find(1)->empty());
    EXPECT_EQ(d.find(2), nullptr);
    EXPECT_TRUE(d.remove(1));
    EXPECT_FALSE(d.remove(1));
    EXPECT_FALSE(d.supports(1));
}

TEST(PlayerDirectory, SetReplacesTheWholeList) {
    player_directory d = sample();
    d.set(1, {{"x", "Xavier"}});
    ASSERT_EQ(d.find(1)->size(), 1U);
    EXPECT_EQ(d.find(1)->front().name, "Xavier");
    EXPECT_EQ(d.player_count(), 5U);
    d.clear();
    EXPECT_TRUE(d.lists().empty());
}

TEST(PlayerDirectory, ExactNameWinsOverPrefix) {
    const auto r = sample().find_name("alice");
    ASSERT_EQ(r.kind, lookup_kind::unique);
    EXPECT_EQ(r.matches[0], (player_location{1, {"a1", "Alice"}}));
}

TEST(PlayerDirectory, UniquePrefixIsEnough) {
    const auto r = sample().find_name("ALICI");
    ASSERT_EQ(r.kind, lookup_kind::unique);
    EXPECT_EQ(r.matches[0].who.id, "a2");
    EXPECT_EQ(sample().find_name("h").matches.at(0).server, 0);
}

TEST(PlayerDirectory, AmbiguousPrefixListsEveryCandidate) {
    const auto r = sample().find_name("Ali");
    EXPECT_EQ(r.kind, lookup_kind::ambiguous);
    EXPECT_EQ(names(r), (std::vector<std::string>{"Alice", "Alicia"}));
}

TEST(PlayerDirectory, ExactMatchOnTwoServersIsAmbiguous) {
    player_directory d = sample();
    d.set(3, {{"a9", "ALICE"}});
    const auto r = d.find_name("alice");
    EXPECT_EQ(r.kind, lookup_kind::ambiguous);
    ASSERT_EQ(r.matches.size(), 2U);
    EXPECT_EQ(r.matches[0].server, 1);
    EXPECT_EQ(r.matches[1].server, 3);
}

TEST(PlayerDirectory, ExactMatchBeatsPrefixAcrossServers) {
    // "bob" is Bob on server 1 exactly, and a prefix of bobby on server 2.
    const auto r = sample().find_name("BOB");
    ASSERT_EQ(r.kind, lookup_kind::unique);
    EXPECT_EQ(r.matches[0].who.id, "b1");
    EXPECT_EQ(sample().find_name("bobb").matches.at(0).who.id, "b2");
}

TEST(PlayerDirectory, NoMatchAndEmptyQuery) {
    EXPECT_EQ(sample().find_name("carol").kind, lookup_kind::none);
    EXPECT_TRUE(sample().find_name("carol").matches.empty());
    EXPECT_EQ(sample().find_name("").kind, lookup_kind::none);
    EXPECT_EQ(player_directory{}.find_name("a").kind, lookup_kind::none);
}

TEST(PlayerDirectory, UnicodeNamesMatchCaseInsensitively) {
    auto r = sample().find_name("ZO\xC3\x8B"); // ZOË
    ASSERT_EQ(r.kind, lookup_kind::unique);
    EXPECT_EQ(r.matches[0].who.id, "z1");
    r = sample().find_name("\xD0\xB0\xD0\xBD"); // "ан" for "Аня"
    ASSERT_EQ(r.kind, lookup_kind::unique);
    EXPECT_EQ(r.matches[0].who.id, "c1");
}

TEST(PlayerDirectory, FoldCase) {
    EXPECT_EQ(fold_case("AbC"), "abc");
    EXPECT_EQ(fold_case("\xC3\x89T\xC3\x89"), "\xC3\xA9t\xC3\xA9");          // ÉTÉ
    EXPECT_EQ(fold_case("\xCE\xA3\xCE\x9F"), "\xCF\x83\xCE\xBF");            // ΣΟ
    EXPECT_EQ(fold_case("\xC5\x81\xC3\x93" "D\xC5\xB9"), "\xC5\x82\xC3\xB3" "d\xC5\xBA"); // ŁÓDŹ
    EXPECT_EQ(fold_case("\xC3\x97"), "\xC3\x97");                            // × stays
    EXPECT_EQ(fold_case("\xE6\x97\xA5"), "\xE6\x97\xA5");                    // CJK unchanged
    EXPECT_EQ(fold_case("a\xFF" "B"), "a\xFF" "b");                          // invalid kept
}

TEST(PlayerDirectory, FindById) {
    const auto found = sample().find_id("b2");
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].server, 2);
    EXPECT_TRUE(sample().find_id("").empty());
    EXPECT_TRUE(sample().find_id("nobody").empty());
}

TEST(PlayerList, CleanedAndCapped) {
    std::vector<player> list = {{"id\x01", "A<b>"}, {"x", ""}, {"y", "Ok"}};
    const auto cleaned = clean_player_list(list);
    ASSERT_EQ(cleaned.size(), 2U);
    EXPECT_EQ(cleaned[0], (player{"id", "Ab"}));
    EXPECT_EQ(cleaned[1], (player{"y", "Ok"}));

    std::vector<player> many(400, player{"0123456789", "name"});
    EXPECT_EQ(clean_player_list(many).size(), protocol::max_players);

    const std::string long_name(64, 'n');
    const std::string long_id(64, 'i');
    std::vector<player> big(250, player{long_id, long_name});
    const auto cut = clean_player_list(big);
    EXPECT_LT(cut.size(), 250U);
    EXPECT_LE(cut.size() * (20 + 128) + 2, max_player_list_bytes);
    EXPECT_GT((cut.size() + 1) * (20 + 128) + 2, max_player_list_bytes);
}

TEST(PlayerList, WorstCaseListStaysUnderTheFrameCap) {
    std::string emoji_name;
    for (int i = 0; i < 70; ++i) {
        emoji_name += "ð"; // 4 bytes each, cut to 64 code points
    }
    const std::string quoted_id(80, '"'); // each doubles when escaped
    std::vector<player> worst(300, player{quoted_id, emoji_name});
    const protocol::players p{protocol::max_identifier, clean_player_list(worst)};
    EXPECT_FALSE(p.list.empty());
    EXPECT_LT(protocol::encode(p).size(), protocol::default_max_frame);

    // Typical: a UUID and a 16-character name fit about 200 players.
    std::vector<player> typical(250, player{"8f0e6c2a-3b1d-4c55-9e7a-0123456789ab", "PlayerName123456"});
    const auto kept = clean_player_list(typical);
    EXPECT_GE(kept.size(), 190U);
    EXPECT_LT(protocol::encode(protocol::players{protocol::max_identifier, kept}).size(),
              protocol::default_max_frame);
}

} // namespace
} // namespace csc::core
