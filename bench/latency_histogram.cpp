#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace csc::bench {

// Values below 2^(sub_bits+1) map to themselves. Above, a value with bit width w keeps its
// top sub_bits+1 bits: shift = w - (sub_bits+1), index = shift * 2^sub_bits + (v >> shift),
// where v >> shift lies in [2^sub_bits, 2^(sub_bits+1)).
std::size_t latency_histogram::index_of(std::uint64_t v) noexcept {
    const int width = std::bit_width(v);
    if (width <= sub_bits + 1) return static_cast<std::size_t>(v);
    const int shift = width - (sub_bits + 1);
    return (static_cast<std::size_t>(shift) << sub_bits) + static_cast<std::size_t>(v >> shift);
}

std::int64_t latency_histogram::value_of(std::size_t index) noexcept {
    constexpr std::size_t half = std::size_t{1} << sub_bits;
    if (index < 2 * half) return static_cast<std::int64_t>(index);
    const std::size_t shift = (index >> sub_bits) - 1;
    const std::size_t top = index - (shift << sub_bits);
    // The middle of the bucket's range.
    return static_cast<std::int64_t>((top << shift) + ((std::size_t{1} << shift) >> 1));
}

void latency_histogram::record(std::int64_t ns) noexcept {
    const std::uint64_t v = ns > 0 ? static_cast<std::uint64_t>(ns) : 0;
    ++buckets_[std::min(index_of(v), bucket_count - 1)];
    ++count_;
    max_ = std::max(max_, static_cast<std::int64_t>(v));
}

void latency_histogram::merge(const latency_histogram& other) noexcept {
    for (std::size_t i = 0; i < bucket_count; ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
}

std::int64_t latency_histogram::quantile(double q) const noexcept {
    if (count_ == 0) return 0;
    const double wanted = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_));
    const std::uint64_t rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
        seen += buckets_[i];
        if (seen >= rank) return std::min(value_of(i), max_);
    }
    return max_;
}

} // namespace csc::bench
