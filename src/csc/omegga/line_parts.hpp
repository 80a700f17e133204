#pragma once
// Internal to the line builders (chat_lines.cpp, player_lines.cpp, who_lines.cpp): the pieces
// every line is made of.

#include "csc/omegga/chat_lines.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace csc::omegga::detail {

/// The parts joined, with one allocation.
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (const auto part : parts) {
        size += part.size();
    }
    std::string out;
    out.reserve(size);
    for (const auto part : parts) {
        out.append(part);
    }
    return out;
}

/// `<color="RRGGBB">` with the fallback applied.
inline std::string color_open(std::string_view color) {
    return concat({"<color=\"", display_color(color), "\">"});
}

/// A server's prefix and name, escaped and capped, ready to paste into a line.
struct shown_server {
    std::string color_tag;
    std::string prefix;
    std::string name;
};

inline shown_server show(const server_style& s) {
    return {color_open(s.color), escape_capped(s.prefix, max_prefix_units),
            escape_capped(s.name, max_name_units)};
}

/// A player name, escaped and capped.
inline std::string show_name(std::string_view name) {
    return escape_capped(name, max_username_units);
}

} // namespace csc::omegga::detail
