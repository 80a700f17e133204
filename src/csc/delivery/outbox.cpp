#include "csc/delivery/outbox.hpp"

#include <algorithm>
#include <utility>

namespace csc::delivery {

outbox::outbox(server_id origin, std::uint64_t session, outbox_config config)
    : origin_(std::move(origin)), session_(session), config_(config) {
    config_.max_count = std::max<std::size_t>(config_.max_count, 1);
}

overflow_report outbox::push(std::string payload, steady_time now, std::uint64_t& seq) {
    overflow_report report;
    if (entries_.size() >= config_.max_count) {
        report = drop_front(entries_.size() - config_.max_count + 1);
    }
    seq = next_seq_++;
    entries_.push_back({seq, std::move(payload), now});
    return report;
}

overflow_report outbox::expire(steady_time now) {
    std::size_t count = 0;
    while (count < entries_.size() && now - entries_[count].queued_at > config_.max_age) {
        ++count;
    }
    return drop_front(count);
}

ack_report outbox::ack(std::uint64_t seq) {
    ack_report report;
    if (seq >= next_seq_) {
        report.beyond_sent = true;
        return report;
    }
    acked_ = std::max(acked_, seq);
    while (!entries_.empty() && entries_.front().seq <= seq) {
        entries_.pop_front();
        ++report.removed;
    }
    if (overflowing_) {
        overflowing_ = false;
        report.episode_ended = true;
        report.episode_dropped = std::exchange(episode_dropped_, 0);
    }
    return report;
}

std::vector<outbox_entry> outbox::pending_after(std::uint64_t seq) const {
    const auto first = std::find_if(entries_.begin(), entries_.end(),
                                    [seq](const outbox_entry& e) { return e.seq > seq; });
    return {first, entries_.end()};
}

overflow_report outbox::drop_front(std::size_t count) {
    overflow_report report;
    if (count == 0) {
        return report;
    }
    entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(count));
    report.dropped = count;
    report.log_once = !overflowing_;
    overflowing_ = true;
    episode_dropped_ += count;
    dropped_total_ += count;
    return report;
}

} // namespace csc::delivery
