#include "csc/omegga/who_lines.hpp"

#include "csc/omegga/line_parts.hpp"
#include "csc/omegga/player_lines.hpp"

namespace csc::omegga {

namespace {

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

std::string who_header_line(std::string_view own_color, std::size_t players, std::size_t servers) {
    return detail::concat({detail::color_open(own_color), "<b>",
                           count_of(players, "player", "players"), "</> online on <b>",
                           count_of(servers, "server", "servers"), "</>.</>"});
}

std::vector<std::string> wrap_items(std::string_view head, std::string_view continued_head,
                                    const std::vector<std::string>& items,
                                    std::string_view separator, std::string_view tail) {
    std::vector<std::string> lines;
    std::string line(head);
    std::size_t units = utf16_length(line);
    const std::size_t tail_units = utf16_length(tail);
    const std::size_t separator_units = utf16_length(separator);
    bool first_on_line = true;
    for (const std::string& item : items) {
        const std::size_t item_units = utf16_length(item);
        const std::size_t extra = (first_on_line ? 0 : separator_units) + item_units;
        if (!first_on_line && units + extra + tail_units > max_line_units) {
            lines.push_back(line + std::string(tail));
            line = continued_head;
            units = utf16_length(line);
            first_on_line = true;
        }
        if (!first_on_line) {
            line += separator;
            units += separator_units;
        }
        line += item;
        units += item_units;
        first_on_line = false;
    }
    lines.push_back(line + std::string(tail));
    return lines;
}

std::vector<std::string> who_server_lines(const who_server& s) {
    if (!s.players) {
        return {players_unshared_line(s.style)};
    }
    const auto v = detail::show(s.style);
    const std::string head =
        detail::concat({v.color_tag, v.prefix, " <b>", v.name, "</></> <color=\"",
                        muted_color, "\">(", count_of(s.players->size(), "player", "players"),
                        ")</>"});
    if (s.players->empty()) {
        return {head};
    }
    std::vector<std::string> names;
    names.reserve(s.players->size());
    for (const std::string& name : *s.players) {
        names.push_back(detail::show_name(name));
    }
    return wrap_items(head + ": ", "", names, ", ", "");
}

} // namespace csc::omegga
