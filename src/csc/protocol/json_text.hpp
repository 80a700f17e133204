#pragma once
// Byte-level helpers shared by the JSON reader and writer: finding the next byte of a
// string that needs attention eight bytes at a time, and checking one UTF-8 sequence.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace csc::protocol::detail {

/// Index of the first byte at or after `i` that is '"', '\\', below 0x20 or at least 0x80
/// (the bytes a JSON string cannot copy as they are), or text.size() if there is none.
inline std::size_t find_special_byte(std::string_view text, std::size_t i) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    if constexpr (std::endian::native == std::endian::little) {
        // SWAR: for each test, the lowest flagged byte is exact (borrows only flag bytes above
        // a true hit), so the lowest bit of the union marks the first special byte.
        while (i + 8 <= text.size()) {
            std::uint64_t v = 0;
            std::memcpy(&v, text.data() + i, 8);
            const std::uint64_t quote = v ^ (ones * '"');
            const std::uint64_t backslash = v ^ (ones * '\\');
            const std::uint64_t hit = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                                      ((v - ones * 0x20) & ~v) | v;
            if ((hit & highs) != 0) {
                return i + static_cast<std::size_t>(std::countr_zero(hit & highs)) / 8;
            }
            i += 8;
        }
    }
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
            return i;
        }
    }
    return text.size();
}

/// Index of the first '"' or '\\' at or after `i`, or text.size() if there is none: where a
/// scanner that only tracks string boundaries must look next inside a string.
inline std::size_t find_quote_or_backslash(std::string_view text, std::size_t i) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    if constexpr (std::endian::native == std::endian::little) {
        while (i + 8 <= text.size()) {
            std::uint64_t v = 0;
            std::memcpy(&v, text.data() + i, 8);
            const std::uint64_t quote = v ^ (ones * '"');
            const std::uint64_t backslash = v ^ (ones * '\\');
            const std::uint64_t hit =
                (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs;
            if (hit != 0) {
                return i + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
            }
            i += 8;
        }
    }
    for (; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\\') {
            return i;
        }
    }
    return text.size();
}

/// Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF) starting at text[i], or 0 if there is none.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    const std::size_t left = text.size() - i;
    const unsigned char b0 = byte(0);
    if (b0 < 0x80) {
        return 1;
    }
    if (in(b0, 0xC2, 0xDF)) {
        return left >= 2 && in(byte(1), 0x80, 0xBF) ? 2 : 0;
    }
    if (in(b0, 0xE0, 0xEF)) {
        const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
        return left >= 3 && in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    }
    if (in(b0, 0xF0, 0xF4)) {
        const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
        return left >= 4 && in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) &&
                       in(byte(3), 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

} // namespace csc::protocol::detail
