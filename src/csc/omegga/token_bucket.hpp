#pragma once
// A token bucket as a pure value: `rate` tokens per second flow in, up to `burst`; each
// event takes tokens. Time is passed in, so it is tested without clocks or timers.

#include <chrono>

namespace csc::omegga {

class token_bucket {
public:
    using clock = std::chrono::steady_clock;

    /// A full bucket at `now`; `rate` > 0 tokens per second, `burst` >= 1 tokens at most.
    token_bucket(double rate, double burst, clock::time_point now) noexcept;

    /// Takes `cost` tokens when the bucket holds that many at `now`; true when taken.
    bool try_take(clock::time_point now, double cost = 1.0) noexcept;
    /// Whether the bucket is full again at `now`.
    bool full(clock::time_point now) noexcept;
    /// Tokens held at `now`.
    double tokens(clock::time_point now) noexcept;

private:
    void refill(clock::time_point now) noexcept;

    double rate_;
    double burst_;
    double tokens_;
    clock::time_point last_;
};

} // namespace csc::omegga
