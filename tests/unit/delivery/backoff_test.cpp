// backoff: full jitter below an exponential ceiling, first retry within a second, cap, reset.
#include "csc/delivery/backoff.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;

// A source that always gives the same word; next() waits word % (ceiling + 1) ms.
random_source fixed(std::uint64_t word) {
    return [word] { return word; };
}

TEST(Backoff, CeilingDoublesFromFirstUpToTheCap) {
    backoff b({.first = 1000ms, .cap = 10s}, fixed(0));
    std::vector<std::int64_t> ceilings;
    for (int i = 0; i < 7; ++i) {
        ceilings.push_back(b.ceiling().count());
        b.next();
    }
    EXPECT_EQ(ceilings, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 10000, 10000, 10000}));
    EXPECT_EQ(b.attempts(), 7U);
}

TEST(Backoff, WaitsAreDrawnBelowTheCeiling) {
    // word % (bound + 1): with word = bound the wait is the bound itself.
    std::uint64_t word = 1000;
    backoff b({.first = 1000ms, .cap = 3s}, [&] { return word; });
    EXPECT_EQ(b.next(), 1000ms);
    word = 2000;
    EXPECT_EQ(b.next(), 2000ms);
    word = 3000;
    EXPECT_EQ(b.next(), 3000ms);
    word = 3001;
    EXPECT_EQ(b.next(), 0ms) << "3001 % 3001";
    word = 1234;
    EXPECT_EQ(b.next(), 1234ms);
}

TEST(Backoff, FirstRetryIsWithinASecondWhateverTheRandomWord) {
    for (const std::uint64_t word : {std::uint64_t{0}, std::uint64_t{999}, std::uint64_t{1000},
                                     std::numeric_limits<std::uint64_t>::max()}) {
        backoff b({.first = 1000ms, .cap = 60s}, fixed(word));
        EXPECT_LE(b.next(), 1000ms) << word;
    }
}

TEST(Backoff, NoWaitExceedsTheCapEvenAfterManyAttempts) {
    auto random = default_random_source();
    backoff b({.first = 1000ms, .cap = 15s}, random);
    for (int i = 0; i < 200; ++i) {
        const auto wait = b.next();
        EXPECT_GE(wait, 0ms);
        EXPECT_LE(wait, 15s);
    }
    EXPECT_EQ(b.ceiling(), 15s);
}

TEST(Backoff, ResetAfterAGoodHandshakeStartsOver) {
    backoff b({.first = 1000ms, .cap = 60s}, fixed(0));
    for (int i = 0; i < 5; ++i) {
        b.next();
    }
    EXPECT_EQ(b.ceiling(), 32s);
    b.reset();
    EXPECT_EQ(b.attempts(), 0U);
    EXPECT_EQ(b.ceiling(), 1000ms);
}

TEST(Backoff, ACapBelowFirstBoundsTheFirstWaitToo) {
    backoff b({.first = 1000ms, .cap = 200ms}, fixed(5000));
    EXPECT_EQ(b.ceiling(), 200ms) << "the cap wins";
    EXPECT_LE(b.next(), 200ms);
    backoff zero({.first = 0ms, .cap = 0ms}, fixed(7));
    EXPECT_LE(zero.next(), 1ms) << "a zero configuration still gives a bounded wait";
}

} // namespace
} // namespace csc::delivery
