// outbox: seqs, acknowledgements, resend after reconnect, bounds by count and age, log once.
#include "csc/delivery/outbox.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const steady_time t0{};

std::vector<std::uint64_t> seqs(const std::vector<outbox_entry>& entries) {
    std::vector<std::uint64_t> out;
    for (const auto& e : entries) {
        out.push_back(e.seq);
    }
    return out;
}

std::uint64_t push(outbox& box, std::string payload, steady_time at = t0) {
    std::uint64_t seq = 0;
    box.push(std::move(payload), at, seq);
    return seq;
}

TEST(Outbox, SeqsCountFromOneWithoutGaps) {
    outbox box("origin", 7);
    EXPECT_EQ(box.last_seq(), 0U);
    EXPECT_EQ(push(box, "a"), 1U);
    EXPECT_EQ(push(box, "b"), 2U);
    EXPECT_EQ(push(box, "c"), 3U);
    EXPECT_EQ(box.size(), 3U);
    EXPECT_EQ(box.id_of(2), (message_id{"origin", 7, 2}));
}

TEST(Outbox, AckRemovesEverythingUpToTheSeq) {
    outbox box("o", 1);
    for (const char* p : {"a", "b", "c", "d"}) {
        push(box, p);
    }
    const auto r = box.ack(2);
    EXPECT_EQ(r.removed, 2U);
    EXPECT_FALSE(r.beyond_sent);
    EXPECT_EQ(box.acked(), 2U);
    EXPECT_EQ(seqs(box.pending_after(0)), (std::vector<std::uint64_t>{3, 4}));
    EXPECT_EQ(box.ack(1).removed, 0U) << "an old ack changes nothing";
    EXPECT_EQ(box.acked(), 2U);
    EXPECT_EQ(box.ack(4).removed, 2U);
    EXPECT_TRUE(box.empty());
}

TEST(Outbox, AckBeyondWhatWasSentIsRefused) {
    outbox box("o", 1);
    push(box, "a");
    const auto r = box.ack(5);
    EXPECT_TRUE(r.beyond_sent);
    EXPECT_EQ(r.removed, 0U);
    EXPECT_EQ(box.size(), 1U);
    EXPECT_EQ(box.acked(), 0U);
}

TEST(Outbox, PendingAfterGivesWhatToResendInOrder) {
    outbox box("o", 1);
    for (const char* p : {"a", "b", "c", "d", "e"}) {
        push(box, p);
    }
    box.ack(1);
    const auto pending = box.pending_after(3);
    ASSERT_EQ(seqs(pending), (std::vector<std::uint64_t>{4, 5}));
    EXPECT_EQ(pending[0].payload, "d");
    EXPECT_EQ(seqs(box.pending_after(box.acked())), (std::vector<std::uint64_t>{2, 3, 4, 5}));
    EXPECT_TRUE(box.pending_after(5).empty());
}

TEST(Outbox, OverflowDropsTheOldestAndLogsOncePerEpisode) {
    outbox box("o", 1, {.max_count = 3, .max_age = 1h});
    std::uint64_t seq = 0;
    for (const char* p : {"a", "b", "c"}) {
        EXPECT_EQ(box.push(p, t0, seq).dropped, 0U);
    }
    const auto first = box.push("d", t0, seq);
    EXPECT_EQ(first.dropped, 1U);
    EXPECT_TRUE(first.log_once);
    const auto second = box.push("e", t0, seq);
    EXPECT_EQ(second.dropped, 1U);
    EXPECT_FALSE(second.log_once) << "one log line per episode";
    EXPECT_TRUE(box.overflowing());
    EXPECT_EQ(seqs(box.pending_after(0)), (std::vector<std::uint64_t>{3, 4, 5}));
    EXPECT_EQ(box.dropped_total(), 2U);

    const auto ack = box.ack(3);
    EXPECT_TRUE(ack.episode_ended);
    EXPECT_EQ(ack.episode_dropped, 2U);
    EXPECT_FALSE(box.overflowing());
    box.push("f", t0, seq);
    const auto next_episode = box.push("g", t0, seq);
    EXPECT_EQ(next_episode.dropped, 1U);
    EXPECT_TRUE(next_episode.log_once) << "a new episode logs again";
    EXPECT_EQ(box.dropped_total(), 3U);
}

TEST(Outbox, ExpireDropsPacketsOlderThanMaxAge) {
    outbox box("o", 1, {.max_count = 100, .max_age = 10s});
    push(box, "a", t0);
    push(box, "b", t0 + 5s);
    push(box, "c", t0 + 9s);
    EXPECT_EQ(box.expire(t0 + 10s).dropped, 0U) << "exactly max_age old is kept";
    const auto r = box.expire(t0 + 15500ms);
    EXPECT_EQ(r.dropped, 2U);
    EXPECT_TRUE(r.log_once);
    EXPECT_EQ(seqs(box.pending_after(0)), (std::vector<std::uint64_t>{3}));
    EXPECT_FALSE(box.expire(t0 + 30s).log_once);
    EXPECT_TRUE(box.empty());
    EXPECT_EQ(box.last_seq(), 3U) << "dropping never reuses a seq";
    EXPECT_EQ(push(box, "d", t0 + 31s), 4U);
}

TEST(Outbox, ZeroCountIsTreatedAsOne) {
    outbox box("o", 1, {.max_count = 0, .max_age = 1h});
    push(box, "a");
    push(box, "b");
    EXPECT_EQ(seqs(box.pending_after(0)), (std::vector<std::uint64_t>{2}));
}

} // namespace
} // namespace csc::delivery
