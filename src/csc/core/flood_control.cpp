#include "csc/core/flood_control.hpp"

#include <algorithm>

namespace csc::core {

token_bucket::token_bucket(double rate, double burst, steady_time now)
    : rate_(std::max(rate, 0.0)), burst_(std::max(burst, 1.0)), tokens_(burst_), last_(now) {}

void token_bucket::refill(steady_time now) {
    if (now <= last_) {
        return; // a clock that does not move (or moves back) adds nothing
    }
    const std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
}

bool token_bucket::try_take(double cost, steady_time now) {
    refill(now);
    // A single packet bigger than the whole burst still passes from a full bucket,
    // so that one large (frame-capped) message is never refused forever.
    const double needed = std::min(cost, burst_);
    if (tokens_ < needed) {
        return false;
    }
    tokens_ -= needed;
    return true;
}

flood_guard::flood_guard(const flood_limits& limits, steady_time now)
    : limits_(limits), messages_(limits.messages_per_second, limits.message_burst, now),
      bytes_(limits.bytes_per_second, limits.bytes_burst, now), window_start_(now) {}

flood_verdict flood_guard::on_packet(std::size_t bytes, steady_time now) {
    if (now - window_start_ >= limits_.window) {
        window_start_ = now;
        window_drops_ = 0;
    }
    // Both budgets are checked before either is charged: a refused packet costs nothing.
    const double size = static_cast<double>(bytes);
    token_bucket messages_probe = messages_;
    token_bucket bytes_probe = bytes_;
    if (messages_probe.try_take(1.0, now) && bytes_probe.try_take(size, now)) {
        messages_ = messages_probe;
        bytes_ = bytes_probe;
        if (in_burst_) {
            in_burst_ = false;
            return flood_verdict::pass_after_burst;
        }
        return flood_verdict::pass;
    }
    ++window_drops_;
    ++total_drops_;
    if (window_drops_ > limits_.max_drops) {
        return flood_verdict::disconnect;
    }
    if (!in_burst_) {
        in_burst_ = true;
        burst_drops_ = 1;
        return flood_verdict::drop_first;
    }
    ++burst_drops_;
    return flood_verdict::drop;
}

} // namespace csc::core
