// The hub with real link clients (csc::link::client) instead of raw peers: the
// directory each side keeps, chat both ways, and what a client sees when the hub stops.

#include "hub_fixture.hpp"

#include "csc/link/client.hpp"

namespace csc::test {
namespace {

struct linked_server {
    linked_server(asio::io_context& ctx, const asio::ip::tcp::endpoint& hub, std::string name)
        : log(false), node(ctx.get_executor(), config_for(hub, std::move(name)), events, log) {}

    static link::client_config config_for(const asio::ip::tcp::endpoint& hub, std::string name) {
        link::client_config c;
        c.host = hub.address().to_string();
        c.port = hub.port();
        c.self = {name, "112233", "[" + name + "]"};
        return c;
    }

    recording_events events;
    recording_logger log;
    link::client node;
};

TEST_F(HubFixture, RealLinksChatThroughTheHub) {
    linked_server a(ctx_, endpoint(), "A");
    linked_server b(ctx_, endpoint(), "B");
    a.node.start();
    ASSERT_TRUE(wait([&] { return a.node.connected(); })) << a.log.dump();
    b.node.start();
    ASSERT_TRUE(wait([&] { return b.node.connected() && a.node.servers().size() == 2; }));

    EXPECT_EQ(a.node.own_id(), 1);
    EXPECT_EQ(b.node.own_id(), 2);
    ASSERT_EQ(b.node.servers().size(), 2U) << "A and the host";
    EXPECT_NE(b.node.servers().find(0), nullptr);
    EXPECT_NE(b.node.servers().find(1), nullptr);
    EXPECT_EQ(hub_.link_count(), 2U);

    a.node.send_message("alice", "hello from A", false);
    hub_.send_message("hoster", "hello from the host", false);
    ASSERT_TRUE(wait([&] { return b.events.count(event_kind::message) == 2; })) << log_.dump();
    // The host's line takes one hop, A's two: either may arrive first.
    for (const auto& e : b.events.of(event_kind::message)) {
        if (e.server.id == 0) {
            EXPECT_EQ(e.content, "hello from the host");
        } else {
            EXPECT_EQ(e.server.info.name, "A");
            EXPECT_EQ(e.content, "hello from A");
        }
    }
    ASSERT_TRUE(wait([&] { return events_.count(event_kind::message) == 1; }));
    EXPECT_EQ(events_.last(event_kind::message)->server.info.name, "A");

    b.node.stop();
    ASSERT_TRUE(wait([&] { return a.node.servers().size() == 1; }));
    EXPECT_EQ(a.events.last(event_kind::server_disconnected)->server.info.name, "B");

    hub_.stop();
    ASSERT_TRUE(wait([&] { return !a.node.connected(); }));
    EXPECT_EQ(a.events.count(event_kind::network_left), 1U);
    a.node.stop();
}

} // namespace
} // namespace csc::test
