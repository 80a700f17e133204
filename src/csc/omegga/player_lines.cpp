#include "csc/omegga/player_lines.hpp"

#include "csc/omegga/line_parts.hpp"
#include "csc/omegga/who_lines.hpp"

namespace csc::omegga {

using detail::color_open;
using detail::concat;
using detail::show;
using detail::show_name;

namespace {

/// `head` + content cut so the line stays under the limit.
std::string with_content(std::string head, std::string_view sanitized_content) {
    head += truncate_sanitized(sanitized_content, max_line_units - utf16_length(head));
    return head;
}

std::string error_line(std::initializer_list<std::string_view> parts) {
    std::string out = color_open(error_color);
    out += concat(parts);
    out += "</>";
    return out;
}

} // namespace

std::string whisper_received_line(const server_style& from, std::string_view from_name,
                                  std::string_view sanitized_content) {
    const auto v = show(from);
    return with_content(
        concat({v.color_tag, v.prefix, " <b>", show_name(from_name), "</> whispers:</> "}),
        sanitized_content);
}

std::string whisper_sent_line(const server_style& to, std::string_view to_name,
                              std::string_view sanitized_content) {
    const auto v = show(to);
    return with_content(concat({v.color_tag, "To ", v.prefix, " <b>", show_name(to_name), "</>:</> "}),
                        sanitized_content);
}

std::string no_such_player_line(std::string_view query) {
    return error_line({"No player named <b>", show_name(query), "</> is online."});
}

std::string ambiguous_player_line(std::string_view query, const std::vector<std::string>& names) {
    const std::string head = concat({color_open(error_color), "<b>", show_name(query),
                                     "</> matches several players: "});
    const std::string_view tail = ". Type one of these (name@server) or more of the name.</>";
    std::string line = head;
    std::size_t units = utf16_length(line);
    const std::size_t reserve = utf16_length(tail) + utf16_length(", ") + utf16_length(ellipsis);
    bool first = true;
    for (const std::string& name : names) {
        const std::string shown = show_name(name);
        const std::size_t extra = (first ? 0 : 2) + utf16_length(shown);
        if (units + extra + reserve > max_line_units) {
            line += first ? std::string(ellipsis) : ", " + std::string(ellipsis);
            return line + std::string(tail);
        }
        if (!first) {
            line += ", ";
        }
        line += shown;
        units += extra;
        first = false;
    }
    return line + std::string(tail);
}

std::string no_such_server_line(std::string_view qualifier) {
    return error_line({"No server matches <b>", show_name(qualifier),
                       "</>: use its ID, prefix or name from /csc list."});
}

std::string whisper_unconfirmed_line(std::string_view to_name) {
    return error_line({"Your whisper to <b>", show_name(to_name),
                       "</> could not be confirmed: it may not have arrived."});
}

std::string player_offline_line(std::string_view name) {
    return error_line({"<b>", show_name(name), "</> is no longer online."});
}

std::string whispers_unsupported_line(const server_style& s) {
    const auto v = show(s);
    return error_line({v.prefix, " <b>", v.name, "</> does not support whispers."});
}

std::string players_unshared_line(const server_style& s) {
    const auto v = show(s);
    return concat({color_open(muted_color), v.prefix, " <b>", v.name,
                   "</> does not share its players: /csc who and /csc msg cannot see them.</>"});
}

std::string ignore_added_line(std::string_view own_color, std::string_view name) {
    return concat({color_open(own_color), "Ignoring <b>", show_name(name),
                   "</>: their cross-server chat and whispers are hidden from you.</>"});
}

std::string ignore_already_line(std::string_view own_color, std::string_view name) {
    return concat({color_open(own_color), "You already ignore <b>", show_name(name), "</>.</>"});
}

std::string ignore_removed_line(std::string_view own_color, std::string_view name) {
    return concat({color_open(own_color), "No longer ignoring <b>", show_name(name), "</>.</>"});
}

std::string not_ignoring_line(std::string_view query) {
    return error_line({"You are not ignoring <b>", show_name(query), "</>."});
}

std::vector<std::string> ignore_list_lines(std::string_view own_color,
                                           const std::vector<std::string>& names) {
    if (names.empty()) {
        return {concat({color_open(own_color), "You are not ignoring anyone.</>"})};
    }
    std::vector<std::string> shown;
    shown.reserve(names.size());
    for (const std::string& name : names) {
        shown.push_back(concat({"<b>", show_name(name), "</>"}));
    }
    const std::string open = color_open(own_color);
    return wrap_items(open + "You ignore: ", open, shown, ", ", "</>");
}

std::string hide_line(std::string_view own_color, bool hidden) {
    return concat({color_open(own_color),
                   hidden ? "<b>Hidden.</> Messages from other servers will not be shown to you."
                          : "<b>Unhidden.</> Messages from other servers will be shown to you.",
                   "</>"});
}

} // namespace csc::omegga
