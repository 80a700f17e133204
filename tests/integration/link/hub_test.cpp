// Three links against the real hub on 127.0.0.1: directory contents and order,
// connection/disconnect tracking, relay of each kind, hub down and back.

#include "hub_network.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::link_test::hub_network;
using csc::link_test::info;
using csc::test::event_kind;

std::vector<std::string> names(const csc::core::server_directory& d) {
    std::vector<std::string> out;
    for (const auto& s : d.list()) {
        out.push_back(s.info.name);
    }
    return out;
}

TEST(LinkWithHub, AcknowledgeGivesDirectoryInOrder) {
    hub_network n;
    n.start_hub();
    ASSERT_TRUE(n.connect_all());
    auto& a = n.at(0);
    auto& b = n.at(1);
    auto& c = n.at(2);
    EXPECT_EQ(a.client.host_id(), 0);
    EXPECT_NE(a.client.own_id(), b.client.own_id());
    EXPECT_NE(b.client.own_id(), c.client.own_id());
    // The acknowledge lists the others in accept order and the host last; later
    // connections are appended.
    EXPECT_EQ(names(c.client.servers()), (std::vector<std::string>{"alpha", "beta", "host"}));
    EXPECT_EQ(names(b.client.servers()), (std::vector<std::string>{"alpha", "host", "gamma"}));
    EXPECT_EQ(names(a.client.servers()), (std::vector<std::string>{"host", "beta", "gamma"}));
    auto joined = c.events.last(event_kind::network_joined);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined->server, (csc::core::server{0, info("host")}));
    // The player count announced in a handshake reaches the others.
    auto seen = a.events.of(event_kind::server_connected);
    ASSERT_EQ(seen.size(), 2U);
    EXPECT_EQ(seen[0].server.info.name, "beta");
    EXPECT_EQ(seen[0].player_count, 2);
    EXPECT_EQ(seen[1].player_count, 3);
    EXPECT_EQ(n.hub_events.count(event_kind::server_connected), 3U);
}

TEST(LinkWithHub, DisconnectIsTracked) {
    hub_network n;
    n.start_hub();
    ASSERT_TRUE(n.connect_all());
    const auto beta = n.at(1).client.own_id();
    n.at(1).client.stop();
    ASSERT_TRUE(n.wait([&] {
        return n.at(0).events.count(event_kind::server_disconnected) == 1 &&
               n.at(2).events.count(event_kind::server_disconnected) == 1;
    }));
    EXPECT_EQ(n.at(0).events.last(event_kind::server_disconnected)->server.id, beta);
    EXPECT_EQ(names(n.at(0).client.servers()), (std::vector<std::string>{"host", "gamma"}));
    EXPECT_EQ(names(n.at(2).client.servers()), (std::vector<std::string>{"alpha", "host"}));
    EXPECT_EQ(n.at(1).events.count(event_kind::network_left), 1U);
}

TEST(LinkWithHub, RelaysEveryKindBetweenLinks) {
    hub_network n;
    n.start_hub();
    ASSERT_TRUE(n.connect_all());
    auto& a = n.at(0);
    a.client.send_join("ann");
    a.client.send_message("ann", "hello &lt;b&gt;", true);
    a.client.send_message("ann", "raw <b>", false);
    a.client.send_leave("ann");
    // The host's own message only after alpha's have reached it, so the order is fixed.
    ASSERT_TRUE(n.wait([&] { return n.hub_events.count(event_kind::player_left) == 1; }));
    n.hub->send_message("hostess", "from the host", true);
    for (std::size_t i : {1U, 2U}) {
        auto& l = n.at(i);
        ASSERT_TRUE(n.wait([&] {
            return l.events.count(event_kind::player_left) == 1 &&
                   l.events.count(event_kind::message) == 3;
        })) << l.log.dump();
        auto joined = l.events.last(event_kind::player_joined);
        EXPECT_EQ(joined->server.info.name, "alpha");
        EXPECT_EQ(joined->username, "ann");
        auto messages = l.events.of(event_kind::message);
        EXPECT_EQ(messages[0].server.info.name, "alpha");
        EXPECT_EQ(messages[0].content, "hello &lt;b&gt;");
        EXPECT_TRUE(messages[0].sanitized);
        EXPECT_EQ(messages[1].content, "raw <b>");
        EXPECT_FALSE(messages[1].sanitized);
        EXPECT_EQ(messages[2].server.id, 0);
        EXPECT_EQ(messages[2].username, "hostess");
        EXPECT_TRUE(messages[2].sanitized);
        EXPECT_EQ(l.events.last(event_kind::player_left)->username, "ann");
    }
    // The sender hears nothing back of its own, but does hear the host.
    ASSERT_TRUE(n.wait([&] { return a.events.count(event_kind::message) == 1; }));
    EXPECT_EQ(a.events.last(event_kind::message)->username, "hostess");
    EXPECT_EQ(a.events.count(event_kind::player_joined), 0U);
    EXPECT_EQ(n.hub_events.count(event_kind::message), 2U);
}

TEST(LinkWithHub, LinkStartedBeforeTheHubConnectsOnceItIsUp) {
    hub_network n;
    n.port = csc::link_test::free_port(n.ctx);
    auto& early = n.make(0, "early");
    early.client.start();
    ASSERT_TRUE(n.wait([&] { return early.log.contains("cannot connect"); }));
    EXPECT_FALSE(early.client.connected());
    n.start_hub(n.port);
    ASSERT_TRUE(n.wait([&] { return early.client.connected(); })) << early.log.dump();
    EXPECT_EQ(n.hub->link_count(), 1U);
    EXPECT_EQ(names(early.client.servers()), (std::vector<std::string>{"host"}));
}

TEST(LinkWithHub, LinksReconnectWhenTheHubIsRecreated) {
    hub_network n;
    n.start_hub();
    ASSERT_TRUE(n.connect_all());
    const std::uint16_t port = n.port;
    n.hub.reset();
    ASSERT_TRUE(n.wait([&] {
        for (auto& l : n.links) {
            if (l->client.connected() || l->events.count(event_kind::network_left) != 1) {
                return false;
            }
        }
        return true;
    }));
    for (auto& l : n.links) {
        EXPECT_EQ(l->client.servers().size(), 0U);
    }
    n.start_hub(port);
    ASSERT_TRUE(n.wait([&] {
        return n.hub->link_count() == 3 && n.links[0]->client.connected() &&
               n.links[1]->client.connected() && n.links[2]->client.connected();
    }));
    ASSERT_TRUE(n.wait([&] {
        for (auto& l : n.links) {
            if (l->client.servers().size() != 3) {
                return false;
            }
        }
        return true;
    }));
    for (auto& l : n.links) {
        EXPECT_EQ(l->events.count(event_kind::network_joined), 2U);
    }
}

} // namespace
