#pragma once
// Byte-level helpers shared by the JSON reader and writer: finding the next byte of a
// string that needs attention sixteen bytes at a time (SSE2; eight without it), and checking
// one UTF-8 sequence.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace csc::protocol::detail {

#if defined(__SSE2__)
/// Runs `hits` (16 bytes -> bit mask of the bytes sought) over text[i..]: the index of the
/// first byte sought, or text.size(). The last partial block is read as the text's last
/// sixteen bytes, its mask shifted past the bytes already seen; a text shorter than that is
/// copied into a buffer padded with spaces, which none of the scans seeks.
template <class Hits>
inline std::size_t scan16(std::string_view text, std::size_t i, Hits hits) noexcept {
    for (; i + 16 <= text.size(); i += 16) {
        const unsigned mask =
            hits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i))); // NOLINT
        if (mask != 0) {
            return i + static_cast<std::size_t>(std::countr_zero(mask));
        }
    }
    if (i < text.size() && text.size() >= 16) {
        const std::size_t last = text.size() - 16;
        const unsigned mask =
            hits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + last))) >> // NOLINT
            (i - last);
        return mask != 0 ? i + static_cast<std::size_t>(std::countr_zero(mask)) : text.size();
    }
    if (i < text.size()) {
        alignas(16) std::array<char, 16> tail; // NOLINT(cppcoreguidelines-pro-type-member-init)
        tail.fill(' ');
        std::memcpy(tail.data(), text.data() + i, text.size() - i);
        const unsigned mask = hits(_mm_load_si128(reinterpret_cast<const __m128i*>(tail.data()))); // NOLINT
        if (mask != 0) {
            return i + static_cast<std::size_t>(std::countr_zero(mask));
        }
    }
    return text.size();
}
#endif

/// Index of the first byte at or after `i` that is '"', '\\', below 0x20 or at least 0x80
/// (the bytes a JSON string cannot copy as they are), or text.size() if there is none.
inline std::size_t find_special_byte(std::string_view text, std::size_t i) noexcept {
#if defined(__SSE2__)
    // As signed bytes, both < 0x20 and >= 0x80 are "less than 0x20".
    return scan16(text, i, [](__m128i v) {
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
            _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
        return static_cast<unsigned>(_mm_movemask_epi8(hit));
    });
#else
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
#endif
}

/// Bytes structural_events() looks at.
inline constexpr std::size_t block = 16;

/// A bit per byte of text[i .. i + block) (fewer at the end) that is '"', '\\', '{', '}',
/// '[' or ']'.
inline unsigned structural_events(std::string_view text, std::size_t i) noexcept {
    const std::size_t n = text.size() - i < block ? text.size() - i : block;
#if defined(__SSE2__)
    alignas(16) std::array<char, block> tail; // NOLINT(cppcoreguidelines-pro-type-member-init)
    const char* at = text.data() + i;
    unsigned shift = 0; // bytes of the block read before text[i]
    if (n < block && text.size() >= block) {
        shift = static_cast<unsigned>(block - n); // the text's last sixteen bytes
        at = text.data() + text.size() - block;
    } else if (n < block) {
        tail.fill(' ');
        std::memcpy(tail.data(), at, n);
        at = tail.data();
    }
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); // NOLINT
    const __m128i strings = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    const __m128i braces = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('}')));
    const __m128i brackets = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8(']')));
    return static_cast<unsigned>(
               _mm_movemask_epi8(_mm_or_si128(strings, _mm_or_si128(braces, brackets)))) >>
           shift;
#else
    unsigned out = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = text[i + k];
        if (c == '"' || c == '\\' || c == '{' || c == '}' || c == '[' || c == ']') {
            out |= 1U << k;
        }
    }
    return out;
#endif
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
