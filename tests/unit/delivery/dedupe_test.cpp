// dedupe: duplicates by (origin, session, seq), out-of-order window, restarts, bounded memory.
#include "csc/delivery/dedupe.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const std::chrono::steady_clock::time_point t0{};

verdict see(dedupe& d, const char* origin, std::uint64_t session, std::uint64_t seq,
            std::chrono::steady_clock::time_point at = t0) {
    return d.accept({origin, session, seq}, at);
}

TEST(Dedupe, InOrderPacketsAreFreshOnceAndDuplicateAfter) {
    dedupe d;
    for (std::uint64_t seq = 1; seq <= 5; ++seq) {
        EXPECT_EQ(see(d, "a", 1, seq), verdict::fresh) << seq;
    }
    EXPECT_EQ(d.contiguous("a"), 5U);
    for (std::uint64_t seq = 1; seq <= 5; ++seq) {
        EXPECT_EQ(see(d, "a", 1, seq), verdict::duplicate) << seq;
    }
}

TEST(Dedupe, SessionIsTheNewestSeen) {
    dedupe d;
    EXPECT_EQ(d.session("a"), 0U);
    see(d, "a", 2, 1);
    EXPECT_EQ(d.session("a"), 2U);
    see(d, "a", 1, 9); // stale
    EXPECT_EQ(d.session("a"), 2U);
    see(d, "a", 3, 1);
    EXPECT_EQ(d.session("a"), 3U);
}

TEST(Dedupe, OriginsAreIndependent) {
    dedupe d;
    EXPECT_EQ(see(d, "a", 1, 1), verdict::fresh);
    EXPECT_EQ(see(d, "b", 1, 1), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 1), verdict::duplicate);
    EXPECT_EQ(d.origins(), 2U);
}

TEST(Dedupe, OutOfOrderWithinTheWindowIsFreshOnce) {
    dedupe d({.window = 64, .max_origins = 10, .idle_forget = 1h});
    EXPECT_EQ(see(d, "a", 1, 1), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 4), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 3), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 4), verdict::duplicate);
    EXPECT_EQ(d.contiguous("a"), 1U);
    EXPECT_EQ(see(d, "a", 1, 2), verdict::fresh);
    EXPECT_EQ(d.contiguous("a"), 4U) << "the gap filled: the mark moves over 2, 3 and 4";
    EXPECT_EQ(see(d, "a", 1, 3), verdict::duplicate);
    EXPECT_EQ(d.skipped(), 0U);
}

TEST(Dedupe, ReorderingAcrossWordBoundariesIsTracked) {
    dedupe d({.window = 256, .max_origins = 10, .idle_forget = 1h});
    EXPECT_EQ(see(d, "a", 1, 1), verdict::fresh);
    // Deliver 2..200 backwards: every one fresh, then everything contiguous.
    for (std::uint64_t seq = 200; seq >= 2; --seq) {
        ASSERT_EQ(see(d, "a", 1, seq), verdict::fresh) << seq;
    }
    EXPECT_EQ(d.contiguous("a"), 200U);
    for (std::uint64_t seq = 1; seq <= 200; ++seq) {
        ASSERT_EQ(see(d, "a", 1, seq), verdict::duplicate) << seq;
    }
}

TEST(Dedupe, AJumpBeyondTheWindowIsFreshAndCountsTheSkippedSeqs) {
    dedupe d({.window = 64, .max_origins = 10, .idle_forget = 1h});
    EXPECT_EQ(see(d, "a", 1, 1), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 3), verdict::fresh);
    EXPECT_EQ(see(d, "a", 1, 1000), verdict::fresh);
    EXPECT_EQ(d.contiguous("a"), 1000U - 64U);
    // 2 and 4..935 were passed over unseen; 3 was seen.
    EXPECT_EQ(d.skipped(), 1U + (936U - 4U + 1U));
    EXPECT_EQ(see(d, "a", 1, 3), verdict::duplicate);
    EXPECT_EQ(see(d, "a", 1, 2), verdict::duplicate) << "below the mark: too late, dropped";
    EXPECT_EQ(see(d, "a", 1, 1000), verdict::duplicate);
    EXPECT_EQ(see(d, "a", 1, 999), verdict::fresh);
}

TEST(Dedupe, ANewSessionResetsTheOriginAndOldSessionsAreStale) {
    dedupe d;
    for (std::uint64_t seq = 1; seq <= 10; ++seq) {
        see(d, "a", 1, seq);
    }
    EXPECT_EQ(see(d, "a", 2, 1), verdict::fresh) << "the origin restarted: seq 1 again";
    EXPECT_EQ(d.contiguous("a"), 1U);
    EXPECT_EQ(see(d, "a", 2, 2), verdict::fresh);
    EXPECT_EQ(see(d, "a", 2, 1), verdict::duplicate);
    EXPECT_EQ(see(d, "a", 1, 11), verdict::stale) << "a packet of the old run";
    EXPECT_EQ(see(d, "a", 1, 3), verdict::stale);
}

TEST(Dedupe, ALateJoinerStartsTrackingAtTheFirstSeqItSees) {
    dedupe d;
    EXPECT_EQ(see(d, "a", 3, 500), verdict::fresh);
    EXPECT_EQ(d.contiguous("a"), 500U);
    EXPECT_EQ(see(d, "a", 3, 501), verdict::fresh);
    EXPECT_EQ(see(d, "a", 3, 500), verdict::duplicate);
    EXPECT_EQ(d.skipped(), 0U);
}

TEST(Dedupe, MemoryIsBoundedByEvictingTheLeastRecentlyHeard) {
    dedupe d({.window = 64, .max_origins = 3, .idle_forget = 1h});
    see(d, "a", 1, 1, t0);
    see(d, "b", 1, 1, t0 + 1s);
    see(d, "c", 1, 1, t0 + 2s);
    see(d, "a", 1, 2, t0 + 3s); // a is now the most recent
    see(d, "d", 1, 1, t0 + 4s); // evicts b
    EXPECT_EQ(d.origins(), 3U);
    EXPECT_EQ(d.contiguous("b"), 0U);
    EXPECT_EQ(d.contiguous("a"), 2U);
    EXPECT_EQ(see(d, "a", 1, 2, t0 + 5s), verdict::duplicate);
}

TEST(Dedupe, ForgetIdleDropsSilentOrigins) {
    dedupe d({.window = 64, .max_origins = 10, .idle_forget = 60s});
    see(d, "a", 1, 1, t0);
    see(d, "b", 1, 1, t0 + 30s);
    EXPECT_EQ(d.forget_idle(t0 + 59s), 0U);
    EXPECT_EQ(d.forget_idle(t0 + 60s), 1U);
    EXPECT_EQ(d.origins(), 1U);
    EXPECT_EQ(d.contiguous("a"), 0U);
    EXPECT_EQ(d.contiguous("b"), 1U);
}

TEST(Dedupe, ManyPacketsWithDuplicatesDeliverEachExactlyOnce) {
    dedupe d({.window = 128, .max_origins = 10, .idle_forget = 1h});
    // A sender resends its last 50 after every 100 (as after a reconnect), locally shuffled.
    std::vector<std::uint64_t> arrivals;
    for (std::uint64_t block = 0; block < 20; ++block) {
        for (std::uint64_t i = 1; i <= 100; ++i) {
            arrivals.push_back(block * 100 + i);
        }
        for (std::uint64_t i = 51; i <= 100; ++i) {
            arrivals.push_back(block * 100 + i);
        }
    }
    // (Seq 1 stays first: an origin's first packet starts its tracking.)
    for (std::size_t i = 1; i + 1 < arrivals.size(); i += 7) {
        std::swap(arrivals[i], arrivals[i + 1]);
    }
    std::size_t fresh = 0;
    for (const auto seq : arrivals) {
        fresh += see(d, "a", 1, seq) == verdict::fresh ? 1U : 0U;
    }
    EXPECT_EQ(fresh, 2000U);
    EXPECT_EQ(d.contiguous("a"), 2000U);
    EXPECT_EQ(d.skipped(), 0U);
}

} // namespace
} // namespace csc::delivery
