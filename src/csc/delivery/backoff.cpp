#include "csc/delivery/backoff.hpp"

#include <algorithm>
#include <utility>

namespace csc::delivery {

backoff::backoff(backoff_config config, random_source random)
    : config_(config), random_(std::move(random)) {
    config_.cap = std::max(config_.cap, std::chrono::milliseconds(1));
    config_.first = std::clamp(config_.first, std::chrono::milliseconds(1), config_.cap);
}

std::chrono::milliseconds backoff::ceiling() const noexcept {
    const auto cap = config_.cap.count();
    auto bound = config_.first.count();
    for (std::uint32_t i = 0; i < attempts_ && bound < cap; ++i) {
        bound *= 2;
    }
    return std::chrono::milliseconds(std::min(bound, cap));
}

std::chrono::milliseconds backoff::next() {
    const auto bound = static_cast<std::uint64_t>(ceiling().count());
    if (attempts_ < 64) {
        ++attempts_;
    }
    // Uniform in [0, bound]; the modulo bias of a 64-bit word over a few million is negligible.
    return std::chrono::milliseconds(static_cast<std::int64_t>(random_() % (bound + 1)));
}

} // namespace csc::delivery
