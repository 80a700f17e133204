#include "csc/delivery/liveness.hpp"

#include <algorithm>

namespace csc::delivery {

liveness::liveness(liveness_config config, time_point now)
    : config_(config), last_received_(now), last_sent_(now) {
    config_.interval = std::max(config_.interval, std::chrono::milliseconds(1));
    config_.dead_after = std::max<std::uint32_t>(config_.dead_after, 1);
}

void liveness::on_received(time_point now) noexcept {
    last_received_ = std::max(last_received_, now);
    pinged_since_received_ = false;
}

void liveness::on_sent(time_point now) noexcept {
    last_sent_ = std::max(last_sent_, now);
}

liveness_action liveness::poll(time_point now) noexcept {
    if (dead_ || now - last_received_ >= config_.interval * config_.dead_after) {
        dead_ = true;
        return liveness_action::dead;
    }
    const bool quiet_peer = now - last_received_ >= config_.interval && !pinged_since_received_;
    if (quiet_peer || now - last_sent_ >= config_.interval) {
        pinged_since_received_ = true;
        return liveness_action::send_ping;
    }
    return liveness_action::none;
}

liveness::time_point liveness::deadline() const noexcept {
    time_point next = last_received_ + config_.interval * config_.dead_after;
    next = std::min(next, last_sent_ + config_.interval);
    if (!pinged_since_received_) {
        next = std::min(next, last_received_ + config_.interval);
    }
    return next;
}

} // namespace csc::delivery
