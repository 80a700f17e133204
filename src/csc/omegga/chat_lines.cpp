#include "csc/omegga/chat_lines.hpp"

#include "csc/omegga/line_parts.hpp"
#include "csc/omegga/sanitize.hpp"

#include <array>

namespace csc::omegga {
namespace {

constexpr std::string_view emoji_open = "<emoji>";
constexpr std::string_view tag_close = "</>";
constexpr std::array<std::string_view, 4> entities = {"&scl;", "&gt;", "&und;", "&lt;"};

using detail::color_open;
using detail::concat;
using detail::show;

/// Bytes of the smallest piece of sanitized text starting at `pos` that may not be cut.
std::size_t sanitized_token_size(std::string_view text, std::size_t pos) {
    const std::string_view rest = text.substr(pos);
    if (rest.front() == '\\' && rest.size() > 1) {
        return 1 + decode_utf8(text, pos + 1).size;
    }
    for (const auto entity : entities) {
        if (rest.starts_with(entity)) {
            return entity.size();
        }
    }
    if (rest.starts_with(emoji_open)) {
        const std::size_t end = rest.find(tag_close, emoji_open.size());
        if (end != std::string_view::npos) {
            return end + tag_close.size();
        }
    }
    return decode_utf8(text, pos).size;
}

} // namespace

std::size_t utf16_length(std::string_view utf8) {
    std::size_t units = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const utf8_char c = decode_utf8(utf8, pos);
        units += c.code_point >= 0x10000 ? 2 : 1;
        pos += c.size;
    }
    return units;
}

bool is_hex_color(std::string_view color) noexcept {
    if (color.size() != 6) {
        return false;
    }
    for (const char c : color) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) {
            return false;
        }
    }
    return true;
}

std::string_view display_color(std::string_view color) noexcept {
    return is_hex_color(color) ? color : fallback_color;
}

std::string escape_capped(std::string_view raw, std::size_t max_units) {
    std::string out = escape_markup(raw);
    if (utf16_length(out) <= max_units) {
        return out;
    }
    out.clear();
    if (max_units == 0) {
        return out;
    }
    const std::size_t budget = max_units - utf16_length(ellipsis);
    std::size_t units = 0;
    std::string piece;
    for (std::size_t pos = 0; pos < raw.size();) {
        piece.clear();
        const std::size_t consumed = append_escaped_char(piece, raw, pos);
        const std::size_t piece_units = utf16_length(piece);
        if (units + piece_units > budget) {
            break;
        }
        out += piece;
        units += piece_units;
        pos += consumed;
    }
    out += ellipsis;
    return out;
}

std::string truncate_sanitized(std::string_view sanitized, std::size_t max_units) {
    if (utf16_length(sanitized) <= max_units) {
        return std::string(sanitized);
    }
    if (max_units == 0) {
        return {};
    }
    const std::size_t budget = max_units - utf16_length(ellipsis);
    std::size_t units = 0;
    std::size_t pos = 0;
    while (pos < sanitized.size()) {
        const std::size_t size = sanitized_token_size(sanitized, pos);
        const std::size_t token_units = utf16_length(sanitized.substr(pos, size));
        if (units + token_units > budget) {
            break;
        }
        units += token_units;
        pos += size;
    }
    return concat({sanitized.substr(0, pos), ellipsis});
}

std::string server_connected_line(const server_style& s, std::int64_t players) {
    const auto v = show(s);
    return concat({v.color_tag, v.prefix, " <b>", v.name, "</> has connected to chat with ",
                   std::to_string(players), " players online.</>"});
}

std::string connected_to_host_line(const server_style& host, std::int64_t players) {
    const auto v = show(host);
    return concat({v.color_tag, "Connected to host chat <b>", v.name, "</> with ",
                   std::to_string(players), " players online.</>"});
}

std::string server_disconnected_line(const server_style& s) {
    const auto v = show(s);
    return concat({v.color_tag, v.prefix, " <b>", v.name, "</> has disconnected from chat.</>"});
}

std::string left_network_line(std::string_view own_color) {
    return concat({color_open(own_color), "Disconnected from chat.</>"});
}

std::string player_joined_line(const server_style& s, std::string_view username) {
    const auto v = show(s);
    const auto user = escape_capped(username, max_username_units);
    return concat({v.color_tag, v.prefix, " <b>", user, "</> has joined <b>", v.name, "</>.</>"});
}

std::string player_left_line(const server_style& s, std::string_view username) {
    const auto v = show(s);
    const auto user = escape_capped(username, max_username_units);
    return concat({v.color_tag, v.prefix, " <b>", user, "</> has left <b>", v.name, "</>.</>"});
}

std::string chat_line(const server_style& s, std::string_view username,
                      std::string_view sanitized_content) {
    const auto v = show(s);
    std::string line = concat({v.color_tag, v.prefix, " <b>",
                               escape_capped(username, max_username_units), "</>:</> "});
    // The caps above keep the head far below the limit, so the content always has room.
    line += truncate_sanitized(sanitized_content, max_line_units - utf16_length(line));
    return line;
}

std::string list_header_line(std::string_view own_color, std::size_t count) {
    return concat({color_open(own_color), "A total of <b>", std::to_string(count),
                   " connections</> are active.</>"});
}

std::string list_entry_line(std::int64_t id, const server_style& s, bool is_host) {
    const auto v = show(s);
    return concat({"<color=\"aaaaaa\">(ID ", std::to_string(id), ")</> ", v.color_tag, v.prefix,
                   " <b>", v.name, "</></>", is_host ? " <color=\"aaaaaa\">(HOST)</>" : ""});
}

std::string mute_line(std::string_view own_color, bool muted) {
    return concat({color_open(own_color),
                   muted ? "<b>Muted.</> Messages will no longer be shown to other servers."
                         : "<b>Unmuted.</> Messages will be shown to other servers.",
                   "</>"});
}

std::string deafen_line(std::string_view own_color, bool deafened) {
    return concat({color_open(own_color),
                   deafened ? "<b>Deafened.</> Messages from other servers will not be shown."
                            : "<b>Undeafened.</> Messages from other servers will be shown.",
                   "</>"});
}

} // namespace csc::omegga
