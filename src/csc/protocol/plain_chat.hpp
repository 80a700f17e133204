#pragma once
// The encoder's own layout of a join, leave or message without extension fields, recognised
// without the general JSON reader: what csc-plugin and original plugins send for chat, and
// what the hub relays most. Private to the protocol layer: decode() takes its fast path
// through it and append_as_encoded() (relay_bytes.hpp) its proof.

#include "csc/protocol/codec.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace csc::protocol::detail {

/// A frame that is exactly `{"type":"message","identifier":D,"username":"U","content":"C"}`
/// (or join/leave: `{"type":"join","identifier":D,"username":"U"}`) where D is digits
/// without a leading zero and U and C are written as the encoder writes them (no quote,
/// backslash or control character; well-formed UTF-8).
struct plain_chat_frame {
    enum class kind : std::uint8_t { join, leave, message };
    kind type = kind::message;
    std::size_t id_start = 0;   ///< offset of the identifier's first digit
    std::size_t id_end = 0;     ///< offset just past its last digit
    std::string_view username;  ///< view into the frame
    std::string_view content;   ///< view into the frame (message only)
    std::size_t end = 0;        ///< offset just past the closing brace
    /// U and C have no DEL or C1 control character either (C0 never passes the recogniser).
    bool printable = false;
    bool username_without_markup = false; ///< U has no '<' or '>'
};

/// True when `text` begins with a frame of that exact layout (anything may follow its
/// closing brace); `out` then describes it, `out.end` being the frame's length.
bool match_plain_chat(std::string_view text, plain_chat_frame& out) noexcept;

/// True when `frame` (as the splitter cuts it, or as encode() writes it: with one newline
/// after it) has that exact layout; `out` then describes it.
bool parse_plain_chat(std::string_view frame, plain_chat_frame& out) noexcept;

/// The encoder's own layout of a chat packet without extension fields (most of what a hub
/// relays), decoded into `out` without the general reader (its strings reused when it holds
/// the same type), with out.plain set; false, `out` unchanged, when `frame` is not in it.
bool decode_plain(std::string_view frame, decode_result& out);

/// decode_plain() of a frame already recognised: `plain` is what match_plain_chat (or
/// parse_plain_chat) found for exactly `frame` (plain.end == frame.size(), or one newline
/// after it). False, `out` unchanged, when its identifier is out of range.
bool decode_matched(std::string_view frame, const plain_chat_frame& plain, decode_result& out);

} // namespace csc::protocol::detail
