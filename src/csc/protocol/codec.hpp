#pragma once
// Packet <-> JSON text. Never throws; every failure is an error_code plus a sentence.

#include "csc/protocol/packet.hpp"

#include <string>
#include <string_view>
#include <system_error>

namespace csc::protocol {

/// What encode may write beyond protocol version 1.
struct encode_options {
    /// Write extension fields (`features`, `sanitized`). Off for peers that announced nothing.
    bool extensions = true;
    /// With extensions: write `playerId` in join/leave/message (peers that announced players).
    bool player_ids = true;
};

/// One JSON object on one line, ending in '\n'. Invalid UTF-8 in strings becomes U+FFFD.
std::string encode(const packet& p, encode_options opts = {});

/// Appends the encoding of `p` to `out` (for writers that batch).
void encode_to(std::string& out, const packet& p, encode_options opts = {});

/// Deepest nesting of arrays/objects that decode accepts.
inline constexpr int max_nesting = 16;

/// The result of decode: a packet, or an error with a human-readable detail.
struct decode_result {
    packet value;
    std::error_code error;
    std::string detail; ///< names the field or the problem, e.g. "field 'identifier': expected an integer"
    explicit operator bool() const noexcept { return !error; }
};

/// Parses one frame (one JSON object; surrounding whitespace allowed) and validates it.
decode_result decode(std::string_view frame);

} // namespace csc::protocol
