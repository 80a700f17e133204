#pragma once
// The JSON reader's small token helpers (json_reader.cpp): character classes, `\u` escapes,
// the range of a number token, and turning an escaped string into its text.

#include <cstddef>
#include <string_view>

namespace csc::protocol::detail {

constexpr bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The value of one hex digit, or -1.
constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The four hex digits at text[at], or -1.
long hex4(std::string_view text, std::size_t at);

/// For a decimal token that std::from_chars found out of a double's range: true when it is
/// too large (nlohmann refuses it), false when it is too small (strtod, hence nlohmann, gives 0).
bool too_large_for_double(std::string_view token);

} // namespace csc::protocol::detail
