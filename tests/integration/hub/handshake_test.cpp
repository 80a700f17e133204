// The hub's handshake: identifiers, acknowledge contents, connection and disconnect
// announcements, and refusals that announce nothing.

#include "hub_fixture.hpp"

namespace csc::test {
namespace {

using protocol::acknowledge;
using protocol::connection;
using protocol::disconnect;

TEST_F(HubFixture, AcknowledgeListsOtherLinksInAcceptOrderThenTheHost) {
    hub_.set_player_count(7);
    auto a = join_network("A", 1);
    auto b = join_network("B", 2);
    auto c = join_network("C", 3);

    const auto ack_a = a->last<acknowledge>().value();
    EXPECT_EQ(ack_a.id, 1);
    EXPECT_EQ(ack_a.host_id, 0);
    EXPECT_EQ(ack_a.player_count, 7);
    ASSERT_EQ(ack_a.connections.size(), 1U);
    EXPECT_EQ(ack_a.connections[0], (core::server{0, {"Host", "ffffff", "[h]"}}));

    const auto ack_c = c->last<acknowledge>().value();
    EXPECT_EQ(ack_c.id, 3);
    ASSERT_EQ(ack_c.connections.size(), 3U);
    EXPECT_EQ(ack_c.connections[0].id, 1);
    EXPECT_EQ(ack_c.connections[0].info, make_handshake("A").info);
    EXPECT_EQ(ack_c.connections[1].id, 2);
    EXPECT_EQ(ack_c.connections[1].info.name, "B");
    EXPECT_EQ(ack_c.connections[2].id, 0);
    EXPECT_TRUE(ack_c.features.empty());
    EXPECT_EQ(c->raw().find("features"), std::string::npos) << "no extensions for original peers";

    EXPECT_EQ(hub_.link_count(), 3U);
    ASSERT_EQ(hub_.servers().size(), 3U);
    EXPECT_EQ(hub_.servers().list()[2].info.name, "C");
    EXPECT_TRUE(b->raw().ends_with("\n"));
}

TEST_F(HubFixture, IdentifiersFollowAcceptOrderNotHandshakeOrder) {
    auto first = connect_raw();
    ASSERT_TRUE(wait([&] { return log_.contains("link 1 accepted"); }));
    auto second = join_network("Second");
    first->send(make_handshake("First"));
    ASSERT_TRUE(wait([&] { return first->count<acknowledge>() == 1; }));

    EXPECT_EQ(second->last<acknowledge>()->id, 2);
    const auto ack = first->last<acknowledge>().value();
    EXPECT_EQ(ack.id, 1);
    ASSERT_EQ(ack.connections.size(), 2U);
    EXPECT_EQ(ack.connections[0].id, 2);
    EXPECT_EQ(ack.connections[1].id, 0);
    ASSERT_EQ(hub_.servers().size(), 2U);
    EXPECT_EQ(hub_.servers().list()[0].id, 1) << "servers() is in accept order";
}

TEST_F(HubFixture, FeaturesAreAnsweredOnlyToPeersThatAnnouncedThem) {
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto future = join_network("Future", 0, {"something-new"});
    EXPECT_EQ(modern->last<acknowledge>()->features, std::vector<std::string>{"sanitized"});
    EXPECT_EQ(future->last<acknowledge>()->features, std::vector<std::string>{"sanitized"});
}

TEST_F(HubFixture, ConnectionIsAnnouncedToOthersAndToTheHost) {
    auto a = join_network("A");
    auto b = join_network("B", 5);
    ASSERT_TRUE(wait([&] { return a->count<connection>() == 1; }));
    const auto announced = a->last<connection>().value();
    EXPECT_EQ(announced.id, 2);
    EXPECT_EQ(announced.info, make_handshake("B").info);
    EXPECT_EQ(announced.player_count, 5);
    EXPECT_EQ(b->count<connection>(), 0U) << "a link is never told about itself";

    ASSERT_EQ(events_.count(event_kind::server_connected), 2U);
    const auto e = events_.last(event_kind::server_connected).value();
    EXPECT_EQ(e.server.id, 2);
    EXPECT_EQ(e.server.info.name, "B");
    EXPECT_EQ(e.player_count, 5);
    EXPECT_TRUE(log_.contains("link 2 (B) handshaken"));
}

TEST_F(HubFixture, DisconnectIsAnnouncedWhenAHandshakenLinkCloses) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto c = join_network("C");
    b->close();
    ASSERT_TRUE(wait([&] { return a->count<disconnect>() == 1 && c->count<disconnect>() == 1; }));
    EXPECT_EQ(a->last<disconnect>()->id, 2);
    EXPECT_EQ(c->last<disconnect>()->id, 2);
    ASSERT_EQ(events_.count(event_kind::server_disconnected), 1U);
    EXPECT_EQ(events_.last(event_kind::server_disconnected)->server.info.name, "B");
    EXPECT_EQ(hub_.link_count(), 2U);
    ASSERT_EQ(hub_.servers().size(), 2U);
    EXPECT_EQ(hub_.servers().find(2), nullptr);
    EXPECT_TRUE(log_.contains("link 2 (B) closed"));
}

TEST_F(HubFixture, StrayConnectionAnnouncesNothing) {
    auto a = join_network("A");
    auto b = join_network("B");
    {
        auto stray = connect_raw();
        ASSERT_TRUE(wait([&] { return log_.contains("link 3 accepted"); }));
    }
    ASSERT_TRUE(wait([&] { return log_.contains("link 3 (127.0.0.1:"); }));
    barrier(*a, *b);
    barrier(*b, *a);
    EXPECT_EQ(a->count<disconnect>(), 0U);
    EXPECT_EQ(b->count<disconnect>(), 0U);
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 0U);
    // The next link still gets a fresh identifier.
    auto d = join_network("D");
    EXPECT_EQ(d->last<acknowledge>()->id, 4);
}

TEST_F(HubFixture, WrongVersionIsRefusedWithALogLineNamingIt) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto old = connect_raw();
    auto h = make_handshake("Old");
    h.version = 2;
    old->send(h);
    ASSERT_TRUE(wait([&] { return old->closed(); }));
    EXPECT_EQ(old->count<acknowledge>(), 0U);
    EXPECT_TRUE(log_.contains(core::log_level::warn, "link 3 (127.0.0.1:")) << log_.dump();
    EXPECT_TRUE(log_.contains("refused: protocol version 2, expected 1")) << log_.dump();
    barrier(*a, *b);
    EXPECT_EQ(a->count<connection>(), 1U) << "only B's";
    EXPECT_EQ(a->count<disconnect>(), 0U);
    EXPECT_EQ(events_.count(event_kind::server_connected), 2U);
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 0U);
}

TEST_F(HubFixture, PacketBeforeHandshakeClosesOnlyThatLink) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto rude = connect_raw();
    rude->send(protocol::message{3, "rude", "hello", false});
    ASSERT_TRUE(wait([&] { return rude->closed(); }));
    EXPECT_TRUE(log_.contains("before its handshake")) << log_.dump();
    barrier(*a, *b);
    barrier(*b, *a);
    EXPECT_EQ(b->count<protocol::message>(), 1U) << "only the barrier line";
    EXPECT_EQ(a->count<disconnect>(), 0U);
    EXPECT_EQ(events_.count(event_kind::message), 2U);
}

TEST_F(HubFixture, SecondHandshakeClosesTheLink) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto c = join_network("C");
    b->send(make_handshake("B again"));
    ASSERT_TRUE(wait([&] { return b->closed() && a->count<disconnect>() == 1; }));
    EXPECT_EQ(b->count<acknowledge>(), 1U);
    EXPECT_EQ(a->last<disconnect>()->id, 2);
    EXPECT_TRUE(log_.contains("second handshake")) << log_.dump();
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 1U);
    barrier(*a, *c);
    barrier(*c, *a);
}

} // namespace
} // namespace csc::test
