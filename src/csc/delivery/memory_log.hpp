#pragma once
// The in-memory hub log: the same contract as sqlite_log, lost with the process. Each
// instance is a new epoch.

#include "csc/delivery/hub_log.hpp"

#include <deque>

namespace csc::delivery {

class memory_log final : public hub_log {
public:
    explicit memory_log(retention_config retention = {},
                        const random_source& random = default_random_source());

    const epoch& log_epoch() const noexcept override { return epoch_; }
    std::error_code append(std::span<const log_record> batch, wall_time now) override;
    std::error_code replay_after(position after, std::size_t max_entries,
                                 std::vector<log_entry>& out) const override;
    std::error_code trim(wall_time now) override;
    position first_position() const noexcept override;
    position last_position() const noexcept override { return last_; }
    std::size_t size() const noexcept override { return entries_.size(); }
    const std::string& last_error() const noexcept override { return error_; }

private:
    retention_config retention_;
    epoch epoch_;
    std::deque<log_entry> entries_;
    position last_ = 0;
    wall_time last_at_{};
    std::string error_;
};

} // namespace csc::delivery
