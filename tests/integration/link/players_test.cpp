// Feature `players` through real links: lists announced after the acknowledge and on
// every change reach the other links' directories (the in-process host's too), a
// whisper and its status make the round trip, a list goes away with its server, and a
// link behind an original host sends none of it and says it does not support it.

#include "hub_network.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using csc::link_test::info;
using csc::test::event_kind;
namespace proto = csc::protocol;

/// A plugin's in-process hub with a player of its own.
struct players_network : csc::link_test::hub_network {
    players_network() {
        start_hub();
        hub->send_players({{"h-1", "Hoster"}});
    }
};

TEST(LinkPlayers, ListsReachEveryDirectory) {
    players_network n;
    auto& a = n.start(0, "alpha");
    a.client.send_players({{"a-1", "Alice"}, {"a-2", "Alan"}});
    auto& b = n.start(1, "beta");
    b.client.send_players({{"b-1", "Bob"}});
    ASSERT_TRUE(n.wait([&] {
        const auto* of_b = a.client.players().find(b.client.own_id());
        const auto* of_a = b.client.players().find(a.client.own_id());
        return of_b != nullptr && of_b->size() == 1 && of_a != nullptr && of_a->size() == 2;
    })) << n.hub_log.dump();
    EXPECT_TRUE(a.client.players_supported());
    EXPECT_TRUE(b.client.players().supports(0));
    EXPECT_EQ(b.client.players().find(0)->front().name, "Hoster");
    ASSERT_NE(a.client.players().find(a.client.own_id()), nullptr) << "our own list is listed";
    EXPECT_EQ(a.client.players().find_name("bo").matches.at(0).server, b.client.own_id());
    EXPECT_EQ(n.hub->players().find(a.client.own_id())->size(), 2U);
    EXPECT_GE(a.events.count(event_kind::players_changed), 1U);

    // A change is announced in full.
    a.client.send_players({{"a-1", "Alice"}});
    ASSERT_TRUE(n.wait([&] { return b.client.players().find(a.client.own_id())->size() == 1; }));

    // A list goes away with its server.
    const auto a_id = a.client.own_id();
    a.client.stop();
    ASSERT_TRUE(n.wait([&] { return !b.client.players().supports(a_id); }));
    EXPECT_FALSE(n.hub->players().supports(a_id));
}

TEST(LinkPlayers, ListIsSentAgainAfterReconnecting) {
    players_network n;
    auto& a = n.start(0, "alpha");
    a.client.send_players({{"a-1", "Alice"}});
    ASSERT_TRUE(n.wait([&] { return n.hub->players().find(a.client.own_id())->size() == 1; }));
    a.client.reconnect(std::chrono::milliseconds{0});
    ASSERT_TRUE(n.wait([&] { return a.client.connected() && a.client.own_id() == 2; }));
    ASSERT_TRUE(n.wait([&] {
        const auto* l = n.hub->players().find(2);
        return l != nullptr && l->size() == 1;
    })) << "the list is announced again on the new connection";
}

TEST(LinkPlayers, WhisperAndStatusRoundTrip) {
    players_network n;
    auto& a = n.start(0, "alpha");
    auto& b = n.start(1, "beta");
    a.client.send_player_message({"a-1", "Alice"}, "hello", false);
    ASSERT_TRUE(n.wait([&] { return b.events.count(event_kind::message) == 1; }));
    EXPECT_EQ(b.events.last(event_kind::message)->player_id, "a-1");

    a.client.send_whisper({99, b.client.own_id(), "a-1", "Alice", "b-1", "Bob", "psst", false});
    ASSERT_TRUE(n.wait([&] { return b.events.count(event_kind::whisper) == 1; }));
    const auto got = b.events.last(event_kind::whisper).value();
    EXPECT_EQ(got.server.info.name, "alpha");
    EXPECT_EQ(got.whisper.id, a.client.own_id());
    EXPECT_EQ(got.whisper.content, "psst");

    b.client.send_whisper_status({0, got.whisper.id, "a-1", "Alice", "b-1", "Bob",
                                  proto::whisper_result::delivered});
    ASSERT_TRUE(n.wait([&] { return a.events.count(event_kind::whisper_status) == 1; }));
    const auto st = a.events.last(event_kind::whisper_status).value();
    EXPECT_EQ(st.server.info.name, "beta");
    EXPECT_EQ(st.status.status, proto::whisper_result::delivered);

    // To the in-process host's players, and to a server that is not there.
    a.client.send_whisper({0, 0, "a-1", "Alice", "h-1", "Hoster", "hi host", false});
    ASSERT_TRUE(n.wait([&] { return n.hub_events.count(event_kind::whisper) == 1; }));
    a.client.send_whisper({0, 42, "a-1", "Alice", "", "Ghost", "anyone?", false});
    ASSERT_TRUE(n.wait([&] { return a.events.count(event_kind::whisper_status) == 2; }));
    EXPECT_EQ(a.events.last(event_kind::whisper_status)->status.status,
              proto::whisper_result::offline);
    EXPECT_EQ(a.events.last(event_kind::whisper_status)->server.id, 42);
}

TEST(LinkPlayers, BehindAnOriginalHostNothingIsSent) {
    csc::link_test::fake_host_fixture f;
    auto link = f.make_link("alpha");
    auto* host = f.join_original(*link, {{2, info("other")}});
    ASSERT_NE(host, nullptr) << link->log.dump();
    EXPECT_FALSE(link->client.players_supported());
    link->client.send_players({{"a-1", "Alice"}});
    link->client.send_player_join({"a-1", "Alice"});
    link->client.send_whisper({0, 2, "a-1", "Alice", "", "Olga", "hi", false});
    ASSERT_TRUE(f.wait([&] { return host->count<proto::join>() == 1; }));
    EXPECT_EQ(host->count<proto::players>(), 0U);
    EXPECT_EQ(host->count<proto::whisper>(), 0U);
    EXPECT_EQ(host->raw().find("playerId"), std::string::npos);
    EXPECT_TRUE(link->client.players().lists().empty());
    link->client.stop();
}

TEST(LinkPlayers, StrayPlayerPacketsAreIgnored) {
    csc::link_test::fake_host_fixture f;
    auto link = f.make_link("alpha");
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    auto ack = csc::link_test::make_ack(1, {{2, info("other")}});
    ack.features = {"sanitized", "players"};
    host->send(ack);
    ASSERT_TRUE(f.wait([&] { return host->count<proto::players>() == 1; }))
        << "our list follows the acknowledge";
    EXPECT_EQ(host->last<proto::players>()->id, 1);
    host->send(proto::players{1, {{"x", "Impostor"}}}); // names ourselves
    host->send(proto::players{9, {{"x", "Nobody"}}});   // an unknown server
    host->send(proto::whisper{2, 5, "", "Eve", "", "Alice", "not for you", false});
    host->send(proto::players{2, {{"o-1", "Olga"}}});
    ASSERT_TRUE(f.wait([&] { return link->events.count(event_kind::players_changed) == 1; }));
    EXPECT_EQ(link->events.count(event_kind::whisper), 0U);
    EXPECT_FALSE(link->client.players().supports(9));
    EXPECT_TRUE(link->client.players().find(1)->empty());
    EXPECT_EQ(link->client.players().find(2)->front().name, "Olga");
    link->client.stop();
}

} // namespace
