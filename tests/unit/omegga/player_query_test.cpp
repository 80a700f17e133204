// NAME@SERVER: splitting a query, which servers a qualifier names, and what the ambiguous
// answer suggests typing for each server.

#include "csc/omegga/player_query.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using csc::omegga::bare_prefix;
using csc::omegga::match_servers;
using csc::omegga::server_label;
using csc::omegga::split_qualified;
using csc::omegga::typeable_qualifier;
using ids = std::vector<csc::protocol::identifier>;

/// Ours (key -1, id 7), then three servers of the network.
const std::vector<server_label> servers{
    {-1, 7, true, "[!]", "Server Connection"},
    {3, 3, true, "[EU]", "Europe Main"},
    {4, 4, true, "[EU]", "Europe Build"},
    {5, 5, true, "{US}", "America"},
};

TEST(PlayerQuery, SplitsAtTheLastAtSignWhenBothSidesHaveText) {
    const auto q = split_qualified("Bob@EU");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->name, "Bob");
    EXPECT_EQ(q->server, "EU");
    const auto twice = split_qualified("a@b@c");
    ASSERT_TRUE(twice);
    EXPECT_EQ(twice->name, "a@b");
    EXPECT_EQ(twice->server, "c");
    EXPECT_FALSE(split_qualified("Bob"));
    EXPECT_FALSE(split_qualified("Bob@"));
    EXPECT_FALSE(split_qualified("@EU"));
    EXPECT_FALSE(split_qualified(""));
}

TEST(PlayerQuery, BarePrefixDropsThePunctuationAround) {
    EXPECT_EQ(bare_prefix("[EU]"), "EU");
    EXPECT_EQ(bare_prefix(" {US} "), "US");
    EXPECT_EQ(bare_prefix("[!]"), "");
    EXPECT_EQ(bare_prefix("A.B"), "A.B");
    EXPECT_EQ(bare_prefix("[É]"), "É");
}

TEST(PlayerQuery, AnIdNamesThatServerAlone) {
    EXPECT_EQ(match_servers("3", servers), ids{3});
    EXPECT_EQ(match_servers("7", servers), ids{-1});
    EXPECT_EQ(match_servers("9", servers), ids{});
}

TEST(PlayerQuery, PrefixNameOrTheStartOfANameInAnyCase) {
    EXPECT_EQ(match_servers("eu", servers), (ids{3, 4}));
    EXPECT_EQ(match_servers("[eu]", servers), (ids{3, 4}));
    EXPECT_EQ(match_servers("us", servers), ids{5});
    EXPECT_EQ(match_servers("EUROPEBUILD", servers), ids{4});
    EXPECT_EQ(match_servers("europe", servers), (ids{3, 4}));
    EXPECT_EQ(match_servers("EuropeM", servers), ids{3});
    EXPECT_EQ(match_servers("Server", servers), ids{-1});
    EXPECT_EQ(match_servers("[!]", servers), ids{-1});
    EXPECT_EQ(match_servers("Mars", servers), ids{});
    EXPECT_EQ(match_servers("", servers), ids{});
}

TEST(PlayerQuery, AnExactMatchBeatsTheStartOfAName) {
    const std::vector<server_label> two{{1, 1, true, "[A]", "Am"}, {2, 2, true, "[B]", "Amber"}};
    EXPECT_EQ(match_servers("am", two), ids{1});
    EXPECT_EQ(match_servers("amb", two), ids{2});
}

TEST(PlayerQuery, TheSuggestionIsTheBarePrefixThenTheNameThenTheId) {
    EXPECT_EQ(typeable_qualifier(servers[3], servers), "US");
    EXPECT_EQ(typeable_qualifier(servers[1], servers), "EuropeMain"); // [EU] names two
    EXPECT_EQ(typeable_qualifier(servers[0], servers), "ServerConnection");
    const std::vector<server_label> clash{{1, 1, true, "[X]", "Same"}, {2, 2, true, "[X]", "Same"}};
    EXPECT_EQ(typeable_qualifier(clash[0], clash), "1");
    const std::vector<server_label> digits{{1, 1, true, "[2]", "A@B"}, {2, 2, true, "", ""}};
    EXPECT_EQ(typeable_qualifier(digits[0], digits), "1") << "a number would be read as an id";
    const server_label unknown_own{-1, 0, false, "", ""};
    EXPECT_EQ(typeable_qualifier(unknown_own, {unknown_own}), "");
}

TEST(PlayerQuery, EverySuggestionNamesItsServerAlone) {
    for (const server_label& s : servers) {
        EXPECT_EQ(match_servers(typeable_qualifier(s, servers), servers), ids{s.key}) << s.name;
    }
}

} // namespace
