// Token buckets and the per-link flood guard, driven by an injected clock.

#include "csc/core/flood_control.hpp"

#include <gtest/gtest.h>

namespace csc::core {
namespace {

using namespace std::chrono_literals;

const steady_time t0{};

TEST(TokenBucket, StartsFullAndRefillsAtItsRate) {
    token_bucket b(10, 5, t0);
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(b.try_take(1, t0));
    }
    EXPECT_FALSE(b.try_take(1, t0));
    EXPECT_FALSE(b.try_take(1, t0 + 50ms)) << "half a token";
    EXPECT_TRUE(b.try_take(1, t0 + 100ms));
    EXPECT_FALSE(b.try_take(1, t0 + 100ms));
    EXPECT_TRUE(b.try_take(5, t0 + 10s)) << "refilled to the burst";
    EXPECT_FALSE(b.try_take(1, t0 + 10s)) << "never above the burst";
}

TEST(TokenBucket, AClockGoingBackAddsNothing) {
    token_bucket b(10, 1, t0 + 1s);
    EXPECT_TRUE(b.try_take(1, t0 + 1s));
    EXPECT_FALSE(b.try_take(1, t0));
    EXPECT_FALSE(b.try_take(1, t0 + 1s));
}

TEST(TokenBucket, ACostAboveTheBurstPassesFromAFullBucket) {
    token_bucket b(100, 1000, t0);
    EXPECT_TRUE(b.try_take(5000, t0));
    EXPECT_FALSE(b.try_take(1, t0));
}

TEST(FloodGuard, DropsOverBudgetOnceLoggedPerBurst) {
    flood_guard g({.messages_per_second = 1, .message_burst = 2, .max_drops = 100}, t0);
    EXPECT_EQ(g.on_packet(10, t0), flood_verdict::pass);
    EXPECT_EQ(g.on_packet(10, t0), flood_verdict::pass);
    EXPECT_EQ(g.on_packet(10, t0), flood_verdict::drop_first);
    EXPECT_EQ(g.on_packet(10, t0), flood_verdict::drop);
    EXPECT_EQ(g.on_packet(10, t0), flood_verdict::drop);
    EXPECT_EQ(g.burst_drops(), 3U);
    EXPECT_EQ(g.on_packet(10, t0 + 1s), flood_verdict::pass_after_burst);
    EXPECT_EQ(g.on_packet(10, t0 + 2s), flood_verdict::pass);
    EXPECT_EQ(g.total_drops(), 3U);
}

TEST(FloodGuard, BytesHaveABudgetOfTheirOwnAndDropsCostNothing) {
    flood_guard g({.messages_per_second = 1000,
                   .message_burst = 1000,
                   .bytes_per_second = 100,
                   .bytes_burst = 100},
                  t0);
    EXPECT_EQ(g.on_packet(60, t0), flood_verdict::pass);
    EXPECT_EQ(g.on_packet(60, t0), flood_verdict::drop_first);
    EXPECT_EQ(g.on_packet(40, t0), flood_verdict::pass_after_burst)
        << "the dropped packet took no bytes";
}

TEST(FloodGuard, TooManyDropsInAWindowDisconnect) {
    flood_guard g({.messages_per_second = 1, .message_burst = 1, .max_drops = 3, .window = 60s}, t0);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::pass);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::drop_first);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::drop);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::drop);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::disconnect);
}

TEST(FloodGuard, DropsOfAnOldWindowAreForgotten) {
    flood_guard g({.messages_per_second = 1, .message_burst = 1, .max_drops = 2, .window = 60s}, t0);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::pass);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::drop_first);
    EXPECT_EQ(g.on_packet(1, t0), flood_verdict::drop);
    const auto later = t0 + 61s;
    EXPECT_EQ(g.on_packet(1, later), flood_verdict::pass_after_burst);
    EXPECT_EQ(g.on_packet(1, later), flood_verdict::drop_first);
    EXPECT_EQ(g.on_packet(1, later), flood_verdict::drop);
    EXPECT_EQ(g.window_drops(), 2U);
    EXPECT_EQ(g.on_packet(1, later), flood_verdict::disconnect);
}

} // namespace
} // namespace csc::core
