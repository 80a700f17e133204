// liveness: when to ping, when a silent peer is dead, what any traffic changes.
#include "csc/delivery/liveness.hpp"

#include <gtest/gtest.h>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const liveness::time_point t0{};
const liveness_config config{.interval = 10s, .dead_after = 2};

TEST(Liveness, ABusyTwoWayLinkNeverPings) {
    liveness l(config, t0);
    for (auto t = t0; t < t0 + 100s; t += 5s) {
        l.on_sent(t);
        l.on_received(t);
        EXPECT_EQ(l.poll(t), liveness_action::none);
    }
}

TEST(Liveness, AnIdleLinkPingsEveryIntervalAndAPongKeepsItAlive) {
    liveness l(config, t0);
    EXPECT_EQ(l.poll(t0 + 9s), liveness_action::none);
    EXPECT_EQ(l.deadline(), t0 + 10s);
    EXPECT_EQ(l.poll(t0 + 10s), liveness_action::send_ping);
    l.on_sent(t0 + 10s);
    EXPECT_EQ(l.poll(t0 + 10s), liveness_action::none) << "one ping per silence";
    l.on_received(t0 + 11s); // the pong
    EXPECT_EQ(l.poll(t0 + 15s), liveness_action::none);
    EXPECT_EQ(l.deadline(), t0 + 20s);
    EXPECT_EQ(l.poll(t0 + 20s), liveness_action::send_ping);
    EXPECT_FALSE(l.is_dead());
}

TEST(Liveness, APeerSilentForTwoIntervalsIsDead) {
    liveness l(config, t0);
    EXPECT_EQ(l.poll(t0 + 10s), liveness_action::send_ping);
    l.on_sent(t0 + 10s);
    EXPECT_EQ(l.poll(t0 + 19999ms), liveness_action::none);
    EXPECT_EQ(l.deadline(), t0 + 20s);
    EXPECT_EQ(l.poll(t0 + 20s), liveness_action::dead);
    EXPECT_TRUE(l.is_dead());
    l.on_received(t0 + 21s);
    EXPECT_EQ(l.poll(t0 + 21s), liveness_action::dead) << "dead is final";
}

TEST(Liveness, AHalfOpenLinkIsDeadEvenWhileWeKeepSending) {
    // We write (the kernel accepts it), the peer never answers.
    liveness l(config, t0);
    EXPECT_EQ(l.poll(t0 + 5s), liveness_action::none);
    l.on_sent(t0 + 5s);
    EXPECT_EQ(l.poll(t0 + 10s), liveness_action::send_ping) << "the peer is quiet: ask it";
    l.on_sent(t0 + 10s);
    l.on_sent(t0 + 15s);
    EXPECT_EQ(l.poll(t0 + 15s), liveness_action::none);
    EXPECT_EQ(l.poll(t0 + 20s), liveness_action::dead);
}

TEST(Liveness, WhenOnlyThePeerTalksWeStillPingSoItHearsFromUs) {
    liveness l(config, t0);
    l.on_received(t0 + 5s);
    l.on_received(t0 + 9s);
    EXPECT_EQ(l.poll(t0 + 10s), liveness_action::send_ping);
    l.on_sent(t0 + 10s);
    l.on_received(t0 + 14s);
    EXPECT_EQ(l.poll(t0 + 15s), liveness_action::none);
    EXPECT_EQ(l.deadline(), t0 + 20s);
}

TEST(Liveness, DeadAfterIsConfigurable) {
    liveness l({.interval = 1s, .dead_after = 5}, t0);
    EXPECT_NE(l.poll(t0 + 4999ms), liveness_action::dead);
    EXPECT_EQ(l.poll(t0 + 5s), liveness_action::dead);
}

TEST(Liveness, ZeroConfigurationIsClampedToSomethingUsable) {
    liveness l({.interval = 0ms, .dead_after = 0}, t0);
    EXPECT_EQ(l.poll(t0), liveness_action::none);
    EXPECT_EQ(l.poll(t0 + 1ms), liveness_action::dead);
}

} // namespace
} // namespace csc::delivery
