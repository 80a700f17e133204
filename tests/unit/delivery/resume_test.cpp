// resume_cursor: where a returning link starts, replay in batches, the switch to live.
#include "csc/delivery/resume.hpp"

#include "csc/delivery/memory_log.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const wall_time t0 = wall_time(std::chrono::hours(24 * 365 * 50));

void append(hub_log& log, std::size_t n, wall_time at = t0) {
    std::vector<log_record> batch;
    for (std::size_t i = 0; i < n; ++i) {
        batch.push_back({{"o", 1, log.last_position() + 1 + i}, "x"});
    }
    ASSERT_FALSE(log.append(batch, at));
}

std::vector<position> drain(resume_cursor& c, std::size_t batch) {
    std::vector<position> sent;
    std::vector<log_entry> out;
    for (int guard = 0; guard < 1000 && !c.live(); ++guard) {
        EXPECT_FALSE(c.next_batch(batch, out));
        EXPECT_LE(out.size(), batch);
        for (const auto& e : out) {
            sent.push_back(e.pos);
        }
    }
    return sent;
}

TEST(Resume, SameEpochReplaysWhatCameAfterInOrderThenGoesLive) {
    memory_log log;
    append(log, 10);
    resume_cursor c(log, {log.log_epoch(), 4});
    EXPECT_EQ(c.outcome(), resume_outcome::resumed);
    EXPECT_FALSE(history_lost(c.outcome()));
    EXPECT_FALSE(c.live());
    EXPECT_EQ(drain(c, 4), (std::vector<position>{5, 6, 7, 8, 9, 10}));
    EXPECT_TRUE(c.live());
    EXPECT_EQ(c.cursor(), 10U);
    append(log, 1);
    EXPECT_EQ(c.on_appended(11), live_action::send);
    EXPECT_EQ(c.cursor(), 11U);
}

TEST(Resume, ALinkThatAppliedEverythingIsLiveAtOnce) {
    memory_log log;
    append(log, 3);
    resume_cursor c(log, {log.log_epoch(), 3});
    EXPECT_EQ(c.outcome(), resume_outcome::resumed);
    EXPECT_TRUE(c.live());
    std::vector<log_entry> out;
    EXPECT_FALSE(c.next_batch(10, out));
    EXPECT_TRUE(out.empty());
}

TEST(Resume, ALinkWithNoPositionStartsLiveWithoutHistory) {
    memory_log log;
    append(log, 5);
    resume_cursor c(log, {"", 0});
    EXPECT_EQ(c.outcome(), resume_outcome::fresh);
    EXPECT_FALSE(history_lost(c.outcome()));
    EXPECT_TRUE(c.live());
    EXPECT_EQ(c.on_appended(5), live_action::skip);
    append(log, 1);
    EXPECT_EQ(c.on_appended(6), live_action::send);
}

TEST(Resume, AnotherEpochMeansHistoryWasLostAndReplaysTheWholeNewLog) {
    memory_log old_log;
    append(old_log, 50);
    memory_log log; // the hub lost its file: a new epoch
    append(log, 3);
    resume_cursor c(log, {old_log.log_epoch(), 50});
    EXPECT_EQ(c.outcome(), resume_outcome::epoch_changed);
    EXPECT_TRUE(history_lost(c.outcome()));
    EXPECT_EQ(drain(c, 10), (std::vector<position>{1, 2, 3}));
}

TEST(Resume, APositionTrimmedByRetentionSaysHowMuchWasLost) {
    memory_log log({.max_age = 1h, .max_count = 5});
    append(log, 12); // keeps 8..12
    resume_cursor c(log, {log.log_epoch(), 4});
    EXPECT_EQ(c.outcome(), resume_outcome::trimmed);
    EXPECT_TRUE(history_lost(c.outcome()));
    EXPECT_EQ(c.lost(), 3U) << "5, 6 and 7";
    EXPECT_EQ(drain(c, 2), (std::vector<position>{8, 9, 10, 11, 12}));
}

TEST(Resume, APositionJustBeforeTheOldestKeptLosesNothing) {
    memory_log log({.max_age = 1h, .max_count = 5});
    append(log, 12);
    resume_cursor c(log, {log.log_epoch(), 7});
    EXPECT_EQ(c.outcome(), resume_outcome::resumed);
    EXPECT_EQ(c.lost(), 0U);
}

TEST(Resume, APositionFromTheFutureIsRefusedAndStartsLive) {
    memory_log log;
    append(log, 3);
    resume_cursor c(log, {log.log_epoch(), 99});
    EXPECT_EQ(c.outcome(), resume_outcome::bad_position);
    EXPECT_TRUE(history_lost(c.outcome()));
    EXPECT_TRUE(c.live());
    EXPECT_EQ(c.cursor(), 3U);
}

TEST(Resume, PacketsAppendedDuringReplayAreReachedByTheReplayNotSentTwice) {
    memory_log log;
    append(log, 5);
    resume_cursor c(log, {log.log_epoch(), 0});
    std::vector<log_entry> out;
    ASSERT_FALSE(c.next_batch(2, out)); // 1, 2
    append(log, 2);                     // 6, 7 arrive while replaying
    EXPECT_EQ(c.on_appended(6), live_action::skip);
    EXPECT_EQ(c.on_appended(7), live_action::skip);
    const auto rest = drain(c, 2);
    EXPECT_EQ(rest, (std::vector<position>{3, 4, 5, 6, 7}));
    EXPECT_TRUE(c.live());
    EXPECT_EQ(c.on_appended(7), live_action::skip);
}

TEST(Resume, AGapWhileLiveGoesBackToReplaying) {
    memory_log log;
    append(log, 2);
    resume_cursor c(log, {log.log_epoch(), 2});
    ASSERT_TRUE(c.live());
    append(log, 3); // 3, 4, 5; the hub only tells us about 5 (say 3 and 4 were missed)
    EXPECT_EQ(c.on_appended(5), live_action::catch_up);
    EXPECT_FALSE(c.live());
    EXPECT_EQ(drain(c, 10), (std::vector<position>{3, 4, 5}));
}

TEST(Resume, RetentionOvertakingASlowReplayIsCountedAsLost) {
    memory_log log({.max_age = 1h, .max_count = 4});
    append(log, 4);
    resume_cursor c(log, {log.log_epoch(), 0});
    EXPECT_EQ(c.outcome(), resume_outcome::resumed);
    std::vector<log_entry> out;
    ASSERT_FALSE(c.next_batch(1, out)); // sent 1
    append(log, 4);                     // keeps 5..8: 2, 3 and 4 are gone
    const auto rest = drain(c, 10);
    EXPECT_EQ(rest, (std::vector<position>{5, 6, 7, 8}));
    EXPECT_EQ(c.outcome(), resume_outcome::trimmed);
    EXPECT_EQ(c.lost(), 3U);
}

TEST(Resume, OutcomeNamesRoundTripAndUnknownNamesAreRefused) {
    for (auto o : {resume_outcome::resumed, resume_outcome::fresh, resume_outcome::trimmed,
                   resume_outcome::epoch_changed, resume_outcome::bad_position}) {
        EXPECT_EQ(parse_outcome(outcome_name(o)), o) << outcome_name(o);
    }
    EXPECT_EQ(outcome_name(resume_outcome::epoch_changed), "epoch_changed");
    EXPECT_FALSE(parse_outcome("Resumed").has_value());
    EXPECT_FALSE(parse_outcome("").has_value());
}

} // namespace
} // namespace csc::delivery
