#pragma once
// A log-linear histogram of latencies in nanoseconds: exact below 128 ns, then 64 buckets
// per power of two (at most 1.6 % error), so millions of samples cost a few KiB.

#include <array>
#include <cstdint>

namespace csc::bench {

class latency_histogram {
public:
    /// Adds one sample; negative values count as 0.
    void record(std::int64_t ns) noexcept;
    /// Adds every sample of `other`.
    void merge(const latency_histogram& other) noexcept;
    /// Number of samples.
    std::uint64_t count() const noexcept { return count_; }
    /// The value at quantile q in [0, 1] (0 when empty).
    std::int64_t quantile(double q) const noexcept;
    /// The largest sample recorded (exact).
    std::int64_t max() const noexcept { return max_; }

private:
    static constexpr int sub_bits = 6;
    static constexpr std::size_t bucket_count = (64 - sub_bits) << sub_bits;

    static std::size_t index_of(std::uint64_t v) noexcept;
    static std::int64_t value_of(std::size_t index) noexcept;

    std::array<std::uint64_t, bucket_count> buckets_{};
    std::uint64_t count_ = 0;
    std::int64_t max_ = 0;
};

} // namespace csc::bench
