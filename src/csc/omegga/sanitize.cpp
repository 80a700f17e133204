#include "csc/omegga/sanitize.hpp"

#include "csc/omegga/emotes.hpp"

#include <array>

namespace csc::omegga {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view emoji_open = "<emoji>";
constexpr std::string_view tag_close = "</>";

/// Escapes sanitize() inserts, with the character each one stands for.
struct escape_pair {
    std::string_view escaped;
    char raw;
};
constexpr std::array<escape_pair, 6> escapes = {{
    {"\\\\", '\\'},
    {"&scl;", ';'},
    {"&gt;", '>'},
    {"&und;", '_'},
    {"&lt;", '<'},
    {"\\\"", '"'},
}};

/// What escape_markup() writes for an ASCII character, or "" when it is kept as is.
std::string_view escape_of(char raw) noexcept {
    for (const auto& e : escapes) {
        if (e.raw == raw) {
            return e.escaped;
        }
    }
    return {};
}

bool is_continuation(unsigned char byte) noexcept { return (byte & 0xC0U) == 0x80U; }

/// JavaScript's `\w` without the `u` flag: ASCII letters, digits and underscore.
bool is_word_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Omegga's second pass: `/:\w+:/g` on the escaped text, a match replaced by
/// `<emoji>name</>` when the name is an emote. Matches never overlap and scanning resumes
/// after a match, replaced or not (so in `:x:egg:` the `:egg:` is not found), as in JavaScript.
std::string replace_emotes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ':') {
            std::size_t j = i + 1;
            while (j < text.size() && is_word_char(text[j])) {
                ++j;
            }
            if (j > i + 1 && j < text.size() && text[j] == ':') {
                const std::string_view name = text.substr(i + 1, j - i - 1);
                if (is_emote(name)) {
                    out.append(emoji_open).append(name).append(tag_close);
                } else {
                    out.append(text.substr(i, j - i + 1));
                }
                i = j + 1;
                continue;
            }
        }
        out.push_back(text[i]);
        ++i;
    }
    return out;
}

/// The inverse of sanitize() on its outputs; on other text, some string whose sanitized form
/// differs from `text`, which is all is_sanitized_form() needs.
std::string unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        bool matched = false;
        for (const auto& e : escapes) {
            if (rest.starts_with(e.escaped)) {
                out.push_back(e.raw);
                i += e.escaped.size();
                matched = true;
                break;
            }
        }
        if (matched) {
            continue;
        }
        if (rest.starts_with(emoji_open)) {
            const std::size_t end = rest.find(tag_close, emoji_open.size());
            if (end != std::string_view::npos) {
                out.push_back(':');
                out.append(rest.substr(emoji_open.size(), end - emoji_open.size()));
                out.push_back(':');
                i += end + tag_close.size();
                continue;
            }
        }
        out.push_back(text[i]);
        ++i;
    }
    return out;
}

} // namespace

utf8_char decode_utf8(std::string_view text, std::size_t pos) noexcept {
    constexpr utf8_char invalid{U'\uFFFD', 1, false};
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[pos + k]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80U) {
        return {lead, 1, true};
    }
    std::size_t size = 0;
    char32_t value = 0;
    unsigned char low = 0x80U; // allowed range of the second byte, to reject overlongs etc.
    unsigned char high = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        size = 2;
        value = lead & 0x1FU;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        size = 3;
        value = lead & 0x0FU;
        low = lead == 0xE0U ? 0xA0U : 0x80U;
        high = lead == 0xEDU ? 0x9FU : 0xBFU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        size = 4;
        value = lead & 0x07U;
        low = lead == 0xF0U ? 0x90U : 0x80U;
        high = lead == 0xF4U ? 0x8FU : 0xBFU;
    } else {
        return invalid;
    }
    if (text.size() - pos < size || byte(1) < low || byte(1) > high) {
        return invalid;
    }
    for (std::size_t k = 1; k < size; ++k) {
        if (!is_continuation(byte(k))) {
            return invalid;
        }
        value = (value << 6U) | (byte(k) & 0x3FU);
    }
    return {value, size, true};
}

bool is_line_breaking_control(char32_t code_point) noexcept {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F) ||
           code_point == 0x2028 || code_point == 0x2029;
}

std::size_t append_escaped_char(std::string& out, std::string_view text, std::size_t pos) {
    const utf8_char c = decode_utf8(text, pos);
    if (!c.valid) {
        out.append(replacement_character);
    } else if (is_line_breaking_control(c.code_point)) {
        out.push_back(' ');
    } else {
        const std::string_view escaped = c.size == 1 ? escape_of(text[pos]) : std::string_view{};
        out.append(escaped.empty() ? text.substr(pos, c.size) : escaped);
    }
    return c.size;
}

std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    std::size_t pos = 0;
    while (pos < text.size()) {
        pos += append_escaped_char(out, text, pos);
    }
    return out;
}

std::string sanitize(std::string_view text) { return replace_emotes(escape_markup(text)); }

bool is_sanitized_form(std::string_view text) { return sanitize(unescape(text)) == text; }

} // namespace csc::omegga
