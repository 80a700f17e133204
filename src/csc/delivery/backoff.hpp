#pragma once
// When a link tries the hub again: exponential backoff with full jitter. Attempt n waits a
// uniformly random time in [0, min(cap, first * 2^n)], so the first retry comes within
// `first` (1 s) and no wait exceeds `cap` (the link's reconnect-interval). A good handshake
// resets it. Many servers that lost the same hub do not all come back at the same moment.

#include "csc/delivery/ids.hpp"

#include <chrono>
#include <cstdint>

namespace csc::delivery {

struct backoff_config {
    /// The bound of the first wait.
    std::chrono::milliseconds first{1000};
    /// The bound no wait exceeds (the link's reconnect-interval); it also caps `first`.
    std::chrono::milliseconds cap{std::chrono::seconds(60)};
};

class backoff {
public:
    /// `random` gives the jitter (tests inject a fixed sequence).
    explicit backoff(backoff_config config, random_source random = default_random_source());

    /// The wait before the next attempt; each call counts one more failed attempt.
    std::chrono::milliseconds next();
    /// The bound next() draws its wait below, for the attempt after the current one.
    std::chrono::milliseconds ceiling() const noexcept;
    /// After a good handshake: the next wait is within `first` again.
    void reset() noexcept { attempts_ = 0; }
    /// Failed attempts since the last reset.
    std::uint32_t attempts() const noexcept { return attempts_; }

private:
    backoff_config config_;
    random_source random_;
    std::uint32_t attempts_ = 0;
};

} // namespace csc::delivery
