// The link's side of acknowledged delivery against a fake host, keeping the connection
// alive: pings answered with pong, a hub that never answers our pings closed and retried, an
// answering one kept; and the waits between reconnect attempts (backoff with full jitter).

#include "delivery_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace csc::link_test {
namespace {

using namespace std::chrono_literals;
using core::log_level;
using test::event_kind;
namespace proto = protocol;

TEST(LinkDelivery, PingsAreAnsweredWithPong) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1));
    host->send(proto::ping{});
    host->send(proto::ping{});
    ASSERT_TRUE(f.wait([&] { return host->count<proto::pong>() == 2; })) << link.log.dump();
}

TEST(LinkDelivery, AHubThatAcceptsButNeverAnswersPingsIsClosedAndRetried) {
    fake_host_fixture f;
    auto config = delivery_config(f);
    config.delivery.liveness.interval = 50ms;
    config.delivery.liveness.dead_after = 2;
    link_under_test link(f.ctx, config);
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1)); // then silence: a half-open connection, as far as we can tell
    ASSERT_TRUE(f.wait([&] { return host->count<proto::ping>() >= 1; })) << link.log.dump();
    ASSERT_TRUE(f.wait([&] { return host->closed(); })) << link.log.dump();
    EXPECT_EQ(link.count_log(log_level::warn, "has not answered"), 1U) << link.log.dump();
    EXPECT_EQ(link.events.count(event_kind::network_left), 1U);
    ASSERT_NE(f.wait_handshake(1), nullptr) << "reconnects after closing a dead link";
}

TEST(LinkDelivery, AnAnsweringHubIsNotClosed) {
    fake_host_fixture f;
    auto config = delivery_config(f);
    config.delivery.liveness.interval = 50ms;
    link_under_test link(f.ctx, config);
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1));
    // Answer five pings: that spans more than dead_after intervals of our own silence.
    std::size_t answered = 0;
    while (answered < 5) {
        ASSERT_TRUE(f.wait([&] { return host->count<proto::ping>() > answered; }))
            << link.log.dump();
        host->send(proto::pong{});
        ++answered;
    }
    EXPECT_FALSE(host->closed());
    EXPECT_EQ(link.count_log(log_level::warn, "has not answered"), 0U);
}

TEST(LinkBackoff, TheFirstRetryComesWithinASecondWhateverTheInterval) {
    asio::io_context ctx{1};
    auto config = make_config(free_port(ctx), "alpha");
    config.reconnect_interval = 60s;
    link_under_test link(ctx, config);
    link.client.start();
    ASSERT_TRUE(test::run_until(ctx, [&] { return !link.client.retry_delays().empty(); }));
    EXPECT_LE(link.client.retry_delays()[0], 1000ms);
}

TEST(LinkBackoff, WaitsGrowWhileTheHubIsDownUpToTheInterval) {
    asio::io_context ctx{1};
    auto config = make_config(free_port(ctx), "alpha");
    config.reconnect_interval = 2s;
    // 1001 * 2001 - 1 is the top of [0, 1000] and of [0, 2000]: each wait is its bound.
    config.backoff_random = [] { return std::uint64_t{1001} * 2001 - 1; };
    link_under_test link(ctx, config);
    link.client.start();
    ASSERT_TRUE(test::run_until(ctx, [&] { return link.client.retry_delays().size() >= 3; }))
        << link.log.dump();
    const auto& delays = link.client.retry_delays();
    EXPECT_EQ(std::vector(delays.begin(), delays.begin() + 3),
              (std::vector<std::chrono::milliseconds>{1000ms, 2000ms, 2000ms}));
    link.client.stop();
}

TEST(LinkBackoff, AGoodHandshakeStartsTheWaitsAgainFromASecond) {
    fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.reconnect_interval = 60s;
    // 1001 * 2001 - 1 is the top of [0, 1000] and of [0, 2000]: each wait is its bound, so a
    // backoff that was not reset would wait 2000 ms after the second cut.
    config.backoff_random = [] { return std::uint64_t{1001} * 2001 - 1; };
    link_under_test link(f.ctx, config);
    link.client.start();
    for (std::size_t i = 0; i < 2; ++i) {
        auto* host = f.wait_handshake(i);
        ASSERT_NE(host, nullptr) << link.log.dump();
        host->send(make_ack(1, {}));
        ASSERT_TRUE(f.wait([&] { return link.client.connected(); }));
        host->close();
        ASSERT_TRUE(f.wait([&] { return link.client.retry_delays().size() == i + 1; }));
    }
    EXPECT_EQ(link.client.retry_delays(), (std::vector<std::chrono::milliseconds>{1000ms, 1000ms}));
}

} // namespace
} // namespace csc::link_test
