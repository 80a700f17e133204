#pragma once
// `/csc who`: one block of lines per server (ours first), each line under Omegga's 512
// characters however many players a server has, and the wrapping it shares with the
// ignore list.

#include "csc/omegga/chat_lines.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// One server as `/csc who` shows it.
struct who_server {
    server_style style;
    /// Player names (raw), or nothing when the server does not share its players.
    std::optional<std::vector<std::string>> players;
};

/// `<color="OWN"><b>N players</> online on <b>K servers</>.</>` (singular for 1).
std::string who_header_line(std::string_view own_color, std::size_t players, std::size_t servers);

/// The lines for one server: `<color="C">P <b>N</></> <color="aaaaaa">(X players)</>: A, B`
/// continued on as many lines as needed (`A, B` only); `... <color="aaaaaa">(0 players)</>`
/// for none; `players_unshared_line` when `players` is nothing.
std::vector<std::string> who_server_lines(const who_server& s);

/// `head` followed by `items` joined with `separator`, then `tail`, split into lines of at
/// most max_line_units: a line that would grow too long ends (with `tail`) and the next one
/// starts with `continued_head`. Each item fits on a line of its own; an empty list gives
/// one line `head` + `tail`.
std::vector<std::string> wrap_items(std::string_view head, std::string_view continued_head,
                                    const std::vector<std::string>& items,
                                    std::string_view separator, std::string_view tail);

} // namespace csc::omegga
