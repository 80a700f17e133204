// Feature `players` at the hub: player lists kept, stamped and relayed to the links
// that announced players (and given to newcomers), removed with their server;
// whispers and statuses routed to their target only, with the hub's own answers for
// unknown and unsupported targets; playerId only for links that announced players;
// original peers never see any of it.

#include "hub_fixture.hpp"

#include "csc/core/validate.hpp"
#include "csc/protocol/codec.hpp"

#include <algorithm>

namespace csc::test {
namespace {

using protocol::players;
using protocol::whisper;
using protocol::whisper_result;
using protocol::whisper_status;

const std::vector<std::string> with_players = {"sanitized", "players"};

players list_of(protocol::identifier id, std::vector<protocol::player_entry> entries) {
    return {id, std::move(entries)};
}

whisper whisper_to(protocol::identifier target, std::string to_name = "Bob") {
    return {0, target, "id-alice", "Alice", "", std::move(to_name), "psst", false};
}

class HubPlayers : public HubFixture {
protected:
    /// A link that announced players and got its acknowledge, and (when the hub had any)
    /// the lists that follow it.
    std::unique_ptr<test_peer> join_with_players(const std::string& name,
                                                 std::size_t expected_lists = 0) {
        auto p = join_network(name, 0, with_players);
        EXPECT_TRUE(wait([&] { return p->count<players>() >= expected_lists; })) << log_.dump();
        return p;
    }
};

TEST_F(HubPlayers, AcknowledgeGrantsPlayersOnlyToLinksThatAnnouncedIt) {
    auto modern = join_network("Modern", 0, with_players);
    auto sanitized_only = join_network("Sanitized", 0, {"sanitized"});
    auto original = join_network("Original");
    const auto granted = modern->last<protocol::acknowledge>().value().features;
    EXPECT_NE(std::find(granted.begin(), granted.end(), "players"), granted.end());
    const auto other = sanitized_only->last<protocol::acknowledge>().value().features;
    EXPECT_EQ(std::find(other.begin(), other.end(), "players"), other.end());
    EXPECT_TRUE(original->last<protocol::acknowledge>()->features.empty());
}

TEST_F(HubPlayers, NewcomerReceivesEveryKnownListIncludingTheHostsOwn) {
    hub_.send_players({{"h-1", "Hoster"}});
    auto a = join_with_players("A", 1);
    EXPECT_EQ(a->last<players>(), list_of(0, {{"h-1", "Hoster"}}));

    a->send(list_of(7, {{"a-1", "Alice"}, {"", "Anon"}})); // claims to be 7: stamped as 1
    ASSERT_TRUE(wait([&] { return events_.count(event_kind::players_changed) == 1; }));
    EXPECT_EQ(events_.last(event_kind::players_changed)->server.id, 1);
    ASSERT_NE(hub_.players().find(1), nullptr);
    EXPECT_EQ(hub_.players().find(1)->size(), 2U);
    EXPECT_FALSE(hub_.players().supports(7));

    auto b = join_with_players("B", 2);
    const auto lists = b->all<players>();
    ASSERT_EQ(lists.size(), 2U);
    EXPECT_EQ(lists[0], list_of(0, {{"h-1", "Hoster"}}));
    EXPECT_EQ(lists[1], list_of(1, {{"a-1", "Alice"}, {"", "Anon"}}));
}

TEST_F(HubPlayers, ListChangesReachOnlyLinksThatAnnouncedPlayers) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    auto sanitized_only = join_network("Sanitized", 0, {"sanitized"});
    auto original = join_network("Original");
    a->send(list_of(1, {{"a-1", "Alice"}}));
    a->send(list_of(1, {{"a-1", "Alice"}, {"a-2", "Alan"}}));
    ASSERT_TRUE(wait([&] { return b->last<players>().value().list.size() == 2; })) << log_.dump();
    EXPECT_EQ(b->last<players>()->id, 1);
    barrier(*a, *original);
    barrier(*a, *sanitized_only);
    EXPECT_EQ(a->count<players>(), 0U) << "never echoed to the sender";
    EXPECT_EQ(original->raw().find("players"), std::string::npos);
    EXPECT_EQ(sanitized_only->raw().find("\"players\""), std::string::npos);
}

TEST_F(HubPlayers, HostListChangesGoToPlayerLinks) {
    auto a = join_with_players("A");
    auto original = join_network("Original");
    hub_.send_players({{"h-1", "Hoster"}, {"h-2", "<b>Bold</b>"}});
    ASSERT_TRUE(wait([&] { return a->count<players>() == 1; }));
    EXPECT_EQ(a->last<players>(), list_of(0, {{"h-1", "Hoster"}, {"h-2", "bBold/b"}}));
    EXPECT_TRUE(hub_.players().supports(0));
    barrier(*a, *original);
    EXPECT_EQ(original->count<players>(), 0U);
}

TEST_F(HubPlayers, ListGoesAwayWithItsServer) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    a->send(list_of(1, {{"a-1", "Alice"}}));
    ASSERT_TRUE(wait([&] { return b->count<players>() == 1; }));
    EXPECT_TRUE(hub_.players().supports(1));
    a->close();
    ASSERT_TRUE(wait([&] { return b->count<protocol::disconnect>() == 1; }));
    EXPECT_FALSE(hub_.players().supports(1));
    auto c = join_with_players("C");
    barrier(*b, *c);
    for (const auto& l : c->all<players>()) {
        EXPECT_NE(l.id, 1) << "a list of a server that left";
    }
}

TEST_F(HubPlayers, OversizedAndMalformedListsAreRefusedAndTheLinkStays) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    a->send_raw(R"({"type":"players","identifier":1,"players":["Alice"]})"
                "\n");
    players big{1, {}};
    for (int i = 0; i < 125; ++i) {
        big.list.push_back({std::string(40, 'i'), std::string(60, 'n') + std::to_string(i)});
    }
    const std::string big_line = protocol::encode(big);
    ASSERT_LT(big_line.size(), protocol::default_max_frame);
    ASSERT_GT(big_line.size(), core::max_player_list_bytes);
    const auto before = b->count<players>();
    a->send_raw(big_line);
    ASSERT_TRUE(wait([&] { return b->count<players>() == before + 1; })) << log_.dump();
    const auto relayed = b->last<players>().value().list;
    EXPECT_LT(relayed.size(), big.list.size()) << "cut to the byte budget";
    EXPECT_LT(protocol::encode(*b->last<players>()).size(), core::max_player_list_bytes + 64);
    EXPECT_FALSE(a->closed());
    EXPECT_EQ(log_.count("invalid packet"), 1U) << log_.dump();
    barrier(*a, *b);
}

TEST_F(HubPlayers, PlayerIdsReachOnlyLinksThatAnnouncedPlayers) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    auto sanitized_only = join_network("Sanitized", 0, {"sanitized"});
    auto original = join_network("Original");
    a->send(protocol::join{1, "Alice", "a-1"});
    a->send(protocol::message{1, "Alice", "hi", true, "a-1"});
    ASSERT_TRUE(wait([&] {
        return b->count<protocol::message>() == 1 && original->count<protocol::message>() == 1 &&
               sanitized_only->count<protocol::message>() == 1;
    }));
    EXPECT_EQ(b->last<protocol::join>()->player_id, "a-1");
    EXPECT_EQ(b->last<protocol::message>()->player_id, "a-1");
    EXPECT_TRUE(sanitized_only->last<protocol::message>()->sanitized);
    EXPECT_EQ(sanitized_only->raw().find("playerId"), std::string::npos);
    EXPECT_EQ(original->raw().find("playerId"), std::string::npos);
    EXPECT_EQ(events_.last(event_kind::player_joined)->player_id, "a-1");
    EXPECT_EQ(events_.last(event_kind::message)->player_id, "a-1");

    hub_.send_player_leave({"h-1", "Hoster"});
    ASSERT_TRUE(wait([&] { return original->count<protocol::leave>() == 1; }));
    ASSERT_TRUE(wait([&] { return b->count<protocol::leave>() == 1; }));
    EXPECT_EQ(b->last<protocol::leave>()->player_id, "h-1");
    EXPECT_EQ(original->raw().find("playerId"), std::string::npos);
}

TEST_F(HubPlayers, WhisperReachesOnlyItsTargetWithTheSendersIdentifier) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    auto c = join_with_players("C");
    auto original = join_network("Original");
    whisper w = whisper_to(2);
    w.id = 3; // spoofed
    a->send(w);
    ASSERT_TRUE(wait([&] { return b->count<whisper>() == 1; }));
    whisper expected = w;
    expected.id = 1;
    EXPECT_EQ(b->last<whisper>(), expected);
    barrier(*a, *c);
    barrier(*a, *original);
    EXPECT_EQ(c->count<whisper>(), 0U);
    EXPECT_EQ(a->count<whisper>(), 0U);
    EXPECT_EQ(original->raw().find("whisper"), std::string::npos);
    EXPECT_EQ(events_.count(event_kind::whisper), 0U);

    // The answer goes back to the sender only.
    b->send(whisper_status{9, 1, "id-alice", "Alice", "id-bob", "Bob", whisper_result::delivered});
    ASSERT_TRUE(wait([&] { return a->count<whisper_status>() == 1; }));
    EXPECT_EQ(a->last<whisper_status>()->id, 2);
    EXPECT_EQ(a->last<whisper_status>()->status, whisper_result::delivered);
    barrier(*b, *c);
    EXPECT_EQ(c->count<whisper_status>(), 0U);
    EXPECT_EQ(events_.count(event_kind::whisper_status), 0U);
}

TEST_F(HubPlayers, HubAnswersForUnknownAndUnsupportedTargets) {
    auto a = join_with_players("A");
    auto sanitized_only = join_network("Sanitized", 0, {"sanitized"}); // 2
    auto original = join_network("Original");                          // 3
    a->send(whisper_to(42, "Ghost"));
    a->send(whisper_to(2, "Sam"));
    a->send(whisper_to(3, "Olga"));
    a->send(whisper_to(0, "Hoster")); // this hub sent no list: it takes no whispers
    ASSERT_TRUE(wait([&] { return a->count<whisper_status>() == 4; })) << log_.dump();
    const auto st = a->all<whisper_status>();
    EXPECT_EQ(st[0], (whisper_status{42, 1, "id-alice", "Alice", "", "Ghost",
                                     whisper_result::offline}));
    EXPECT_EQ(st[1].status, whisper_result::unsupported);
    EXPECT_EQ(st[1].id, 2);
    EXPECT_EQ(st[1].to_name, "Sam");
    EXPECT_EQ(st[2].status, whisper_result::unsupported);
    EXPECT_EQ(st[3].status, whisper_result::unsupported);
    EXPECT_EQ(st[3].id, 0);
    barrier(*a, *original);
    EXPECT_EQ(original->raw().find("whisper"), std::string::npos);
    EXPECT_EQ(sanitized_only->raw().find("whisper"), std::string::npos);
}

TEST_F(HubPlayers, HostTakesWhispersOnceItSentItsList) {
    hub_.send_players({{"h-1", "Hoster"}});
    auto a = join_with_players("A", 1);
    a->send(whisper_to(0, "Hoster"));
    ASSERT_TRUE(wait([&] { return events_.count(event_kind::whisper) == 1; }));
    const auto got = events_.last(event_kind::whisper).value();
    EXPECT_EQ(got.server.id, 1);
    EXPECT_EQ(got.server.info.name, "A");
    EXPECT_EQ(got.whisper.content, "psst");
    EXPECT_EQ(got.whisper.id, 1);

    hub_.send_whisper_status({5, 1, "id-alice", "Alice", "h-1", "Hoster", whisper_result::delivered});
    ASSERT_TRUE(wait([&] { return a->count<whisper_status>() == 1; }));
    EXPECT_EQ(a->last<whisper_status>()->id, 0) << "stamped with the host's identifier";
}

TEST_F(HubPlayers, HostWhispersGoToTheTargetAndUnknownTargetsAnswerLocally) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    hub_.send_whisper(whisper_to(1));
    ASSERT_TRUE(wait([&] { return a->count<whisper>() == 1; }));
    EXPECT_EQ(a->last<whisper>()->id, 0);
    hub_.send_whisper(whisper_to(77, "Ghost"));
    EXPECT_EQ(events_.count(event_kind::whisper_status), 0U) << "answered later, not re-entrantly";
    ASSERT_TRUE(wait([&] { return events_.count(event_kind::whisper_status) == 1; }));
    const auto st = events_.last(event_kind::whisper_status).value();
    EXPECT_EQ(st.status.status, whisper_result::offline);
    EXPECT_EQ(st.status.to_name, "Ghost");
    EXPECT_EQ(st.server.id, 77);
    a->send(whisper_status{0, 0, "id-alice", "Alice", "", "Bob", whisper_result::offline});
    ASSERT_TRUE(wait([&] { return events_.count(event_kind::whisper_status) == 2; }));
    EXPECT_EQ(events_.last(event_kind::whisper_status)->server.info.name, "A");
    barrier(*a, *b);
    EXPECT_EQ(b->count<whisper>(), 0U);
}

TEST_F(HubPlayers, LinksWithoutPlayersCannotSendPlayerPackets) {
    auto a = join_with_players("A");
    auto sneaky = join_network("Sneaky", 0, {"sanitized"});
    sneaky->send(list_of(2, {{"x", "X"}}));
    sneaky->send(whisper_to(1));
    sneaky->send(whisper_status{2, 1, "", "A", "", "B", whisper_result::delivered});
    barrier(*sneaky, *a);
    EXPECT_EQ(a->count<players>(), 0U);
    EXPECT_EQ(a->count<whisper>(), 0U);
    EXPECT_EQ(a->count<whisper_status>(), 0U);
    EXPECT_FALSE(hub_.players().supports(2));
    EXPECT_EQ(log_.count("without announcing players"), 3U) << log_.dump();
}

TEST_F(HubPlayers, WhispersCountAgainstTheFloodBudget) {
    auto a = join_with_players("A");
    auto b = join_with_players("B");
    // The fixture's hub has the default burst of 200 packets: 260 whispers exceed it.
    std::string flood;
    for (int i = 0; i < 260; ++i) {
        flood += protocol::encode(whisper_to(2));
    }
    a->send_raw(flood);
    EXPECT_TRUE(wait([&] { return log_.contains(core::log_level::warn, "exceeds its budget"); }))
        << log_.dump();
    EXPECT_LT(b->count<whisper>(), 260U);
}

} // namespace
} // namespace csc::test
