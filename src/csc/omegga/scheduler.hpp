#pragma once
// Time as the Omegga adapter sees it: a clock and one-shot callbacks. The
// application implements it with asio timers; tests with a hand-driven clock.

#include <chrono>
#include <functional>

namespace csc::omegga {

class scheduler {
public:
    using clock = std::chrono::steady_clock;

    virtual ~scheduler() = default;

    /// The current time.
    virtual clock::time_point now() const = 0;
    /// Calls `fn` once, `delay` from now, on the same thread as everything else.
    virtual void call_after(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
};

} // namespace csc::omegga
