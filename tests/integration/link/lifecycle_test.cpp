// The link's connect loop: hub down at start, lost connections, reconnect(delay), stop().

#include "link_fixture.hpp"

#include <asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include <string>

namespace {

using namespace std::chrono_literals;
using csc::core::log_level;
using csc::link_test::fake_host_fixture;
using csc::link_test::link_under_test;
using csc::link_test::make_ack;
using csc::link_test::make_config;
using csc::link_test::original_bytes;
using csc::test::event_kind;
namespace proto = csc::protocol;

TEST(LinkLifecycle, HubDownAtStartIsRetriedAndLoggedOnce) {
    asio::io_context ctx{1};
    const std::uint16_t port = csc::link_test::free_port(ctx);
    link_under_test link(ctx, make_config(port, "alpha"));
    link.client.start();
    // Two failed attempts: one warning for the outage, then quiet debug lines.
    ASSERT_TRUE(csc::test::run_until(ctx, [&] {
        return link.count_log(log_level::debug, "cannot connect") >= 1;
    })) << link.log.dump();
    EXPECT_EQ(link.count_log(log_level::warn, "cannot connect"), 1U);
    EXPECT_EQ(link.events.count(event_kind::network_left), 0U);

    // The hub comes up on that port: the link gets there by itself.
    asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), port});
    asio::ip::tcp::socket accepted(ctx);
    bool got = false;
    acceptor.async_accept(accepted, [&](std::error_code ec) { got = !ec; });
    ASSERT_TRUE(csc::test::run_until(ctx, [&] { return got; })) << link.log.dump();
    link.client.stop();
    // TCP was established, so stop() reports leaving the network.
    EXPECT_EQ(link.events.count(event_kind::network_left), 1U);
}

TEST(LinkLifecycle, StopDuringPendingRetryEndsTheLoop) {
    asio::io_context ctx{1};
    const std::uint16_t port = csc::link_test::free_port(ctx);
    auto config = make_config(port, "alpha");
    config.reconnect_interval = std::chrono::seconds{30};
    link_under_test link(ctx, config);
    link.client.start();
    ASSERT_TRUE(csc::test::run_until(
        ctx, [&] { return link.count_log(log_level::warn, "cannot connect") == 1; }));
    link.client.stop();
    link.client.stop(); // idempotent
    // Only the link had work on this context: once stopped, nothing is pending any more
    // (a live 30 s retry timer would keep run_for busy until its bound).
    ctx.restart();
    ctx.run_for(10s);
    EXPECT_TRUE(ctx.stopped());
    EXPECT_EQ(link.events.count(event_kind::network_left), 0U);
    link.client.start(); // no restart after stop
    ctx.restart();
    ctx.run_for(10s);
    EXPECT_TRUE(ctx.stopped());
}

TEST(LinkLifecycle, ReconnectsAfterTheHostCloses) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* first = f.join_original(*link, {{5, csc::link_test::info("five")}});
    ASSERT_NE(first, nullptr);
    first->close();
    ASSERT_TRUE(f.wait([&] { return link->events.count(event_kind::network_left) == 1; }));
    EXPECT_FALSE(link->client.connected());
    EXPECT_EQ(link->client.servers().size(), 0U);
    auto* second = f.wait_handshake(1);
    ASSERT_NE(second, nullptr) << link->log.dump();
    second->send_raw(original_bytes(make_ack(2, {})));
    ASSERT_TRUE(f.wait([&] { return link->client.connected(); }));
    EXPECT_EQ(link->client.own_id(), 2);
    EXPECT_EQ(link->events.count(event_kind::network_joined), 2U);
    link->client.stop();
}

TEST(LinkLifecycle, GarbageClosesAndReconnects) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    host->send_raw(original_bytes(make_ack(1, {})) + "hello, not json");
    ASSERT_TRUE(f.wait([&] { return host->closed(); }));
    EXPECT_TRUE(link->log.contains(log_level::warn, "unreadable"));
    EXPECT_NE(f.wait_handshake(1), nullptr);
    link->client.stop();
}

TEST(LinkLifecycle, FrameTooLongClosesAndReconnects) {
    fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.max_frame = 256;
    link_under_test link(f.ctx, config);
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    host->send_raw(original_bytes(make_ack(1, {})));
    host->send_raw(original_bytes(proto::message{0, "u", std::string(1000, 'x'), false}));
    ASSERT_TRUE(f.wait([&] { return host->closed(); }));
    EXPECT_EQ(link.events.count(event_kind::message), 0U);
    EXPECT_NE(f.wait_handshake(1), nullptr);
    link.client.stop();
}

TEST(LinkLifecycle, ReconnectWhileConnectedConnectsExactlyOnce) {
    fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.reconnect_interval = std::chrono::seconds{60}; // only reconnect() can connect again
    link_under_test link(f.ctx, config);
    auto* first = f.join_original(link);
    ASSERT_NE(first, nullptr);
    link.client.reconnect(20ms);
    EXPECT_FALSE(link.client.connected());
    EXPECT_EQ(link.events.count(event_kind::network_left), 1U);
    ASSERT_NE(f.wait_handshake(1), nullptr);
    csc::test::run_for(f.ctx, 300ms); // a second firing would connect within this window
    EXPECT_EQ(f.server.accepted(), 2U);
    link.client.stop();
}

TEST(LinkLifecycle, ReconnectWhileWaitingShortensTheWaitOnce) {
    fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.reconnect_interval = std::chrono::seconds{60};
    link_under_test link(f.ctx, config);
    auto* first = f.start(link);
    ASSERT_NE(first, nullptr);
    first->close(); // the link now waits 60 s
    ASSERT_TRUE(f.wait([&] { return link.events.count(event_kind::network_left) == 1; }));
    link.client.reconnect(10ms);
    link.client.reconnect(20ms); // the later request replaces the earlier one
    ASSERT_NE(f.wait_handshake(1), nullptr);
    csc::test::run_for(f.ctx, 300ms);
    EXPECT_EQ(f.server.accepted(), 2U);
    link.client.stop();
}

TEST(LinkLifecycle, StopClosesReportsLeftAndNeverReconnects) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.join_original(*link, {{2, csc::link_test::info("two")}});
    ASSERT_NE(host, nullptr);
    link->client.stop();
    EXPECT_FALSE(link->client.connected());
    EXPECT_EQ(link->client.servers().size(), 0U);
    EXPECT_EQ(link->events.count(event_kind::network_left), 1U);
    ASSERT_TRUE(f.wait([&] { return host->closed(); }));
    link->client.stop();
    link->client.reconnect(1ms);       // ignored after stop
    csc::test::run_for(f.ctx, 1500ms); // longer than the 1 s interval
    EXPECT_EQ(f.server.accepted(), 1U);
    EXPECT_EQ(link->events.count(event_kind::network_left), 1U);
}

TEST(LinkLifecycle, DestructorReportsNothing) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.join_original(*link);
    ASSERT_NE(host, nullptr);
    csc::test::recording_events outer;
    {
        auto config = make_config(f.server.endpoint().port(), "beta");
        csc::test::recording_logger log{false};
        auto c = std::make_unique<csc::link::client>(f.ctx.get_executor(), config, outer, log);
        c->start();
        ASSERT_NE(f.wait_handshake(1), nullptr);
        f.server.peer(1).send_raw(original_bytes(make_ack(2, {})));
        ASSERT_TRUE(f.wait([&] { return c->connected(); }));
        c.reset();
    }
    ASSERT_TRUE(f.wait([&] { return f.server.peer(1).closed(); }));
    EXPECT_EQ(outer.count(event_kind::network_left), 0U);
    link->client.stop();
}

} // namespace
