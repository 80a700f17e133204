#pragma once
// Flood control for one link (docs/security.md): a token bucket for packets per
// second and one for bytes per second; packets over either budget are dropped and
// counted, and a link that keeps exceeding them is to be disconnected. Pure values:
// the caller passes the time, so tests need no clock.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace csc::core {

using steady_time = std::chrono::steady_clock::time_point;

/// A token bucket: `rate` tokens per second, at most `burst` stored; starts full.
class token_bucket {
public:
    token_bucket(double rate, double burst, steady_time now);

    /// Takes `cost` tokens if there are that many at `now`; false (nothing taken) otherwise.
    bool try_take(double cost, steady_time now);
    /// Tokens available at the last refill.
    double tokens() const noexcept { return tokens_; }

private:
    void refill(steady_time now);

    double rate_;
    double burst_;
    double tokens_;
    steady_time last_;
};

/// The budgets of one link.
struct flood_limits {
    double messages_per_second = 50;
    double message_burst = 200;
    double bytes_per_second = 64 * 1024;
    double bytes_burst = 256 * 1024;
    /// Drops within `window` after which the link is to be disconnected.
    std::size_t max_drops = 500;
    std::chrono::steady_clock::duration window = std::chrono::minutes(1);
};

/// What to do with one packet.
enum class flood_verdict {
    pass,             ///< within budget: relay it
    pass_after_burst, ///< within budget again after drops: relay it, the burst is over
    drop_first,       ///< over budget, the first drop of a burst: drop and log once
    drop,             ///< over budget, later in a burst: drop quietly
    disconnect,       ///< over max_drops within the window: drop and disconnect
};

class flood_guard {
public:
    flood_guard(const flood_limits& limits, steady_time now);

    /// Accounts one packet of `bytes` bytes received at `now`.
    flood_verdict on_packet(std::size_t bytes, steady_time now);
    /// Packets dropped in the current (or last) burst.
    std::uint64_t burst_drops() const noexcept { return burst_drops_; }
    /// Packets dropped since the link connected.
    std::uint64_t total_drops() const noexcept { return total_drops_; }
    /// Packets dropped in the current window.
    std::size_t window_drops() const noexcept { return window_drops_; }

private:
    flood_limits limits_;
    token_bucket messages_;
    token_bucket bytes_;
    steady_time window_start_;
    std::size_t window_drops_ = 0;
    std::uint64_t burst_drops_ = 0;
    std::uint64_t total_drops_ = 0;
    bool in_burst_ = false;
};

} // namespace csc::core
