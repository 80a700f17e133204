#pragma once
// Book-keeping of every delivery, per (sender, receiver) pair: which sequence numbers
// arrived (a bitmap, so duplicates are exact), whether one arrived after a later one
// (out of order), the latency of each, and per sender how many messages every receiver
// has seen, which bounds the messages in flight in flat-out scenarios.

#include "latency_histogram.hpp"

#include <cstdint>
#include <vector>

namespace csc::bench {

class delivery_tracker {
public:
    /// `links` links, of which links 0 .. senders-1 send; each message should reach links-1.
    delivery_tracker(int links, int senders, std::uint64_t window);

    /// Notes one received message; returns true when it completed sender's oldest message.
    bool record(int sender, int receiver, std::uint64_t seq, std::int64_t latency_ns);
    /// Notes that `sender` sent `count` more messages.
    void sent(int sender, std::uint64_t count) { sent_[static_cast<std::size_t>(sender)] += count; }
    /// Messages of `sender` not yet seen by every receiver.
    std::uint64_t in_flight(int sender) const;
    /// Messages of `sender` sent so far (its next sequence number).
    std::uint64_t sent_by(int sender) const { return sent_[static_cast<std::size_t>(sender)]; }

    /// Deliveries that should happen: every message sent, times links-1.
    std::uint64_t expected() const;
    /// Distinct (sender, receiver, seq) deliveries.
    std::uint64_t delivered() const noexcept { return delivered_; }
    /// Deliveries of a (sender, receiver, seq) already delivered.
    std::uint64_t duplicated() const noexcept { return duplicated_; }
    /// Deliveries that came after a later message of the same sender to the same receiver.
    std::uint64_t out_of_order() const noexcept { return out_of_order_; }
    /// Messages that should not exist: echoed to their sender, or naming an unknown sender.
    std::uint64_t unexpected() const noexcept { return unexpected_; }
    /// Counts a message that could not be attributed.
    void note_unexpected() noexcept { ++unexpected_; }
    /// Latencies of distinct deliveries.
    const latency_histogram& latency() const noexcept { return latency_; }

private:
    struct pair_state {
        std::vector<std::uint64_t> seen; ///< bitmap of sequence numbers
        std::uint64_t next = 0;          ///< highest sequence number seen + 1
    };
    struct sender_state {
        std::vector<std::uint32_t> receipts; ///< ring: receivers that saw seq, by seq % size
        std::uint64_t completed = 0;         ///< all messages below this reached everyone
    };

    int links_;
    int senders_;
    std::vector<pair_state> pairs_;
    std::vector<sender_state> by_sender_;
    std::vector<std::uint64_t> sent_;
    std::uint64_t delivered_ = 0;
    std::uint64_t duplicated_ = 0;
    std::uint64_t out_of_order_ = 0;
    std::uint64_t unexpected_ = 0;
    latency_histogram latency_;
};

} // namespace csc::bench
