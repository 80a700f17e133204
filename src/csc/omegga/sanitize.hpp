#pragma once
// Making untrusted text safe to show in Brickadia chat: Omegga's own escaping, plus
// UTF-8 repair and removal of control characters, so a chat line is always one valid line.

#include <cstddef>
#include <string>
#include <string_view>

namespace csc::omegga {

/// One UTF-8 sequence decoded from a string.
struct utf8_char {
    char32_t code_point = 0; ///< the decoded value, U+FFFD when the sequence is invalid
    std::size_t size = 1;    ///< bytes consumed (1 for an invalid byte)
    bool valid = true;       ///< false for a byte that starts no well-formed sequence
};

/// Decodes the sequence starting at `text[pos]` (requires pos < text.size()). Overlong forms,
/// surrogates, values above U+10FFFF and truncated sequences are invalid, one byte at a time.
utf8_char decode_utf8(std::string_view text, std::size_t pos) noexcept;

/// True for characters that may not appear in a chat line: C0 and C1 controls, DEL,
/// U+2028 and U+2029 (line and paragraph separators).
bool is_line_breaking_control(char32_t code_point) noexcept;

/// Omegga's own `sanitize` (omegga-rpc.md), same order: `\`->`\\`, `;`->`&scl;`, `>`->`&gt;`,
/// `_`->`&und;`, `<`->`&lt;`, `"`->`\"`, then `:name:` -> `<emoji>name</>` when name is a known
/// emote. Also: CR/LF/other control chars become a space (a chat line never contains a
/// newline); invalid UTF-8 bytes become U+FFFD.
std::string sanitize(std::string_view text);

/// The same escaping without emotes: for peer-supplied names, prefixes and usernames.
std::string escape_markup(std::string_view text);

/// Appends escape_markup() of the one character at `text[pos]` to `out`; returns the bytes it
/// spans (so cutting between calls never splits an entity or a UTF-8 sequence).
std::size_t append_escaped_char(std::string& out, std::string_view text, std::size_t pos);

/// True when `text` is exactly what sanitize() yields for some input, so a peer's content
/// marked `sanitized` can be shown as is (otherwise the receiver sanitizes it itself).
bool is_sanitized_form(std::string_view text);

} // namespace csc::omegga
