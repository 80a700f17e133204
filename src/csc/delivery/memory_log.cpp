#include "csc/delivery/memory_log.hpp"

#include "csc/delivery/errc.hpp"

#include <algorithm>

namespace csc::delivery {

memory_log::memory_log(retention_config retention, const random_source& random)
    : retention_(retention), epoch_(random_hex_id(random)) {}

std::error_code memory_log::append(std::span<const log_record> batch, wall_time now) {
    if (const auto ec = validate_batch(batch)) {
        error_ = "hub log append refused: " + ec.message();
        return ec;
    }
    // Times never go backwards in the log, so age retention can cut from the front.
    last_at_ = std::max(last_at_, now);
    for (const auto& r : batch) {
        entries_.push_back({++last_, last_at_, r.id, r.payload});
    }
    return trim(now);
}

std::error_code memory_log::replay_after(position after, std::size_t max_entries,
                                         std::vector<log_entry>& out) const {
    out.clear();
    const auto first = std::upper_bound(
        entries_.begin(), entries_.end(), after,
        [](position p, const log_entry& e) { return p < e.pos; });
    const auto count = std::min<std::size_t>(max_entries,
                                             static_cast<std::size_t>(entries_.end() - first));
    out.assign(first, first + static_cast<std::ptrdiff_t>(count));
    return {};
}

std::error_code memory_log::trim(wall_time now) {
    while (!entries_.empty() && (entries_.size() > retention_.max_count ||
                                 now - entries_.front().at > retention_.max_age)) {
        entries_.pop_front();
    }
    return {};
}

position memory_log::first_position() const noexcept {
    return entries_.empty() ? last_ + 1 : entries_.front().pos;
}

} // namespace csc::delivery
