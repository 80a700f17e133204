#pragma once
// The sender's outbox: every packet this server sends with (origin, session, seq) stays here
// until the hub acknowledges its seq, so it can be sent again after a reconnect. Bounded by
// count and age; overflow drops the oldest and says when to log (once per episode).
//
//   push ──> [ seq 1 | seq 2 | ... | seq n ] ──ack(k)──> entries <= k removed
//                 ^ drop oldest when full or older than max_age (counted; log once)

#include "csc/delivery/ids.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace csc::delivery {

using steady_time = std::chrono::steady_clock::time_point;

struct outbox_config {
    /// Most packets kept; pushing one more drops the oldest.
    std::size_t max_count = 10000;
    /// Oldest packet kept; expire() drops older ones. Keep it <= the hub log's retention.
    std::chrono::milliseconds max_age{std::chrono::minutes(10)};
};

/// One packet waiting for its acknowledgement.
struct outbox_entry {
    std::uint64_t seq = 0;
    std::string payload;
    steady_time queued_at;
};

/// What pushing or expiring did to the outbox.
struct overflow_report {
    /// Packets dropped by this call (never acknowledged, never to be resent).
    std::size_t dropped = 0;
    /// True on the first drop of an overflow episode: log one line now, not one per drop.
    bool log_once = false;
};

/// What an acknowledgement did.
struct ack_report {
    /// Packets removed because the hub has them.
    std::size_t removed = 0;
    /// The ack named a seq we never assigned (a confused or hostile hub); nothing removed.
    bool beyond_sent = false;
    /// An overflow episode ended with this ack; `episode_dropped` packets were lost in it.
    bool episode_ended = false;
    std::size_t episode_dropped = 0;
};

class outbox {
public:
    /// An outbox for one run (`session`) of server `origin`; seqs start at 1.
    outbox(server_id origin, std::uint64_t session, outbox_config config = {});

    /// Keeps `payload` under the next seq (returned in `seq`), dropping the oldest if full.
    overflow_report push(std::string payload, steady_time now, std::uint64_t& seq);
    /// Drops packets older than max_age at `now`.
    overflow_report expire(steady_time now);
    /// The hub has everything up to and including `seq` of this session.
    ack_report ack(std::uint64_t seq);
    /// The packets after `seq`, oldest first: what to send again after a reconnect.
    std::vector<outbox_entry> pending_after(std::uint64_t seq) const;

    /// The id the packet with this seq carries.
    message_id id_of(std::uint64_t seq) const { return {origin_, session_, seq}; }
    const server_id& origin() const noexcept { return origin_; }
    std::uint64_t session() const noexcept { return session_; }
    /// The last seq assigned (0 before the first push).
    std::uint64_t last_seq() const noexcept { return next_seq_ - 1; }
    /// The highest seq the hub acknowledged.
    std::uint64_t acked() const noexcept { return acked_; }
    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    /// Packets dropped unacknowledged since construction.
    std::uint64_t dropped_total() const noexcept { return dropped_total_; }
    /// True while an overflow episode is running (from its first drop to the next ack).
    bool overflowing() const noexcept { return overflowing_; }

private:
    overflow_report drop_front(std::size_t count);

    server_id origin_;
    std::uint64_t session_;
    outbox_config config_;
    std::deque<outbox_entry> entries_;
    std::uint64_t next_seq_ = 1;
    std::uint64_t acked_ = 0;
    std::uint64_t dropped_total_ = 0;
    std::size_t episode_dropped_ = 0;
    bool overflowing_ = false;
};

} // namespace csc::delivery
