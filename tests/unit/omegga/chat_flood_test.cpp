#include "csc/omegga/chat_flood.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;
using csc::omegga::chat_flood;
using verdict = csc::omegga::chat_flood::verdict;

const chat_flood::clock::time_point t0{};

TEST(ChatFlood, BurstPassesThenOneTellThenQuietDrops) {
    chat_flood f(1.0, 5.0);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(f.on_message("ann", t0), verdict::send) << i;
    }
    EXPECT_EQ(f.on_message("ann", t0), verdict::drop_and_tell);
    for (int i = 0; i < 14; ++i) {
        EXPECT_EQ(f.on_message("ann", t0), verdict::drop) << i;
    }
    // Another player has a budget of their own.
    EXPECT_EQ(f.on_message("bob", t0), verdict::send);
}

TEST(ChatFlood, TheEpisodeLastsUntilTheBucketRefillsCompletely) {
    chat_flood f(1.0, 5.0);
    for (int i = 0; i < 5; ++i) {
        (void)f.on_message("ann", t0);
    }
    EXPECT_EQ(f.on_message("ann", t0), verdict::drop_and_tell);
    // A token came back, but not the whole burst: sent, and the episode goes on.
    EXPECT_EQ(f.on_message("ann", t0 + 1s), verdict::send);
    EXPECT_EQ(f.on_message("ann", t0 + 1s), verdict::drop);
    // Full again (5 s later): a new episode, told again when it floods again.
    const auto later = t0 + 1s + 5s;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(f.on_message("ann", later), verdict::send) << i;
    }
    EXPECT_EQ(f.on_message("ann", later), verdict::drop_and_tell);
}

TEST(ChatFlood, ForgetsPlayersWhoLeft) {
    chat_flood f(1.0, 1.0);
    EXPECT_EQ(f.on_message("ann", t0), verdict::send);
    EXPECT_EQ(f.on_message("bob", t0), verdict::send);
    EXPECT_EQ(f.tracked(), 2U);
    f.forget("ann");
    EXPECT_EQ(f.tracked(), 1U);
    EXPECT_EQ(f.on_message("ann", t0), verdict::send) << "a fresh bucket after forget";
    f.retain_only({"ann"});
    EXPECT_EQ(f.tracked(), 1U);
    EXPECT_EQ(f.on_message("bob", t0), verdict::send);
}

TEST(ChatFlood, ConfigureSetsTheBudgetAndForgetsEveryone) {
    chat_flood f;
    EXPECT_EQ(f.on_message("ann", t0), verdict::send);
    f.configure(1.0, 2.0);
    EXPECT_EQ(f.tracked(), 0U);
    EXPECT_EQ(f.on_message("ann", t0), verdict::send);
    EXPECT_EQ(f.on_message("ann", t0), verdict::send);
    EXPECT_EQ(f.on_message("ann", t0), verdict::drop_and_tell);
}

TEST(ChatFlood, ManyNamesArePrunedOnceTheirBucketsAreFull) {
    chat_flood f(1.0, 1.0);
    for (std::size_t i = 0; i < chat_flood::prune_threshold; ++i) {
        (void)f.on_message("p" + std::to_string(i), t0);
    }
    EXPECT_EQ(f.tracked(), chat_flood::prune_threshold);
    (void)f.on_message("late", t0 + 2s);
    EXPECT_EQ(f.tracked(), 1U);
}

} // namespace
