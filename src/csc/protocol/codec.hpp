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

/// What decode proved of a join, leave or message that came exactly in the encoder's own
/// layout (`{"type":"message","identifier":D,"username":"U","content":"C"}`, no extension
/// field, no escape, no whitespace; docs/performance.md, "Relaying the frame as it came").
/// All false for any other frame.
struct plain_layout {
    /// The frame is what encode() writes for the decoded packet but for the identifier's
    /// digits (at [id_start, id_end)) and the newline after the closing brace (at end - 1).
    bool taken = false;
    /// Username and content are well-formed UTF-8 without control characters (C0, DEL, C1).
    bool printable = false;
    bool username_without_markup = false; ///< the username has no '<' or '>'
    std::size_t id_start = 0;             ///< offset of the identifier's first digit
    std::size_t id_end = 0;               ///< offset just past its last digit
    std::size_t end = 0;                  ///< offset just past the closing brace
};

/// The result of decode: a packet, or an error with a human-readable detail.
struct decode_result {
    packet value;
    std::error_code error;
    std::string detail; ///< names the field or the problem, e.g. "field 'identifier': expected an integer"
    plain_layout plain; ///< set when the frame came in the encoder's own layout
    explicit operator bool() const noexcept { return !error; }
};

/// Parses one frame (one JSON object; surrounding whitespace allowed) and validates it.
decode_result decode(std::string_view frame);

/// decode(frame) into `out`, replacing all of it; a join, leave or message in the encoder's
/// own layout reuses the strings `out.value` already holds when it is of the same type, so
/// a reader that keeps one result decodes most chat without allocating.
void decode_into(std::string_view frame, decode_result& out);

class frame_splitter;
/// decode_into() of the frame `cut_by.next()` has just given: a chat frame the splitter
/// already recognised in the encoder's layout is not recognised a second time.
void decode_into(std::string_view frame, decode_result& out, const frame_splitter& cut_by);

} // namespace csc::protocol
