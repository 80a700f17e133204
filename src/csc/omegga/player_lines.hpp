#pragma once
// The lines of the player commands (`/csc msg`, `r`, `ignore`, `unignore`, `hide`), whispered
// to one player. Names from peers are escaped and capped like in chat_lines, content is
// already sanitized and is cut to keep every line under Omegga's 512 characters.
// docs/rendering.md shows each one to the character.

#include "csc/omegga/chat_lines.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// Colour of the lines that report a refusal or a mistake (as the flood warning).
inline constexpr std::string_view error_color = "ff5555";
/// Colour of secondary text (as `/csc list`'s "(ID i)").
inline constexpr std::string_view muted_color = "aaaaaa";

/// To the recipient: `<color="C">P <b>FROM</> whispers:</> CONTENT`.
std::string whisper_received_line(const server_style& from, std::string_view from_name,
                                  std::string_view sanitized_content);
/// To the sender: `<color="C">To P <b>TO</>:</> CONTENT` (C, P: the recipient's server).
std::string whisper_sent_line(const server_style& to, std::string_view to_name,
                              std::string_view sanitized_content);
/// `<color="ff5555">No player named <b>X</> is online.</>`
std::string no_such_player_line(std::string_view query);
/// `<color="ff5555"><b>X</> matches several players: A@S, B@T. Type one of these
/// (name@server) or more of the name.</>` (as many names as fit, then "…").
std::string ambiguous_player_line(std::string_view query, const std::vector<std::string>& names);
/// `<color="ff5555">No server matches <b>S</>: use its ID, prefix or name from /csc list.</>`
std::string no_such_server_line(std::string_view qualifier);
/// `<color="ff5555">Your whisper to <b>X</> could not be confirmed: it may not have
/// arrived.</>` (no status came back in time).
std::string whisper_unconfirmed_line(std::string_view to_name);
/// `<color="ff5555"><b>X</> is no longer online.</>`
std::string player_offline_line(std::string_view name);
/// `<color="ff5555">P <b>N</> does not support whispers.</>`
std::string whispers_unsupported_line(const server_style& s);
/// `<color="aaaaaa">P <b>N</> does not share its players: /csc who and /csc msg cannot see
/// them.</>`
std::string players_unshared_line(const server_style& s);

/// `<color="OWN">Ignoring <b>X</>: their cross-server chat and whispers are hidden from you.</>`
std::string ignore_added_line(std::string_view own_color, std::string_view name);
/// `<color="OWN">You already ignore <b>X</>.</>`
std::string ignore_already_line(std::string_view own_color, std::string_view name);
/// `<color="OWN">No longer ignoring <b>X</>.</>`
std::string ignore_removed_line(std::string_view own_color, std::string_view name);
/// `<color="ff5555">You are not ignoring <b>X</>.</>`
std::string not_ignoring_line(std::string_view query);
/// `/csc ignore` alone: `<color="OWN">You ignore: <b>A</>, <b>B</></>`, wrapped over as many
/// lines as needed; or `<color="OWN">You are not ignoring anyone.</>`.
std::vector<std::string> ignore_list_lines(std::string_view own_color,
                                           const std::vector<std::string>& names);
/// The reply to `/csc hide` once toggled: the "Hidden." or the "Unhidden." line.
std::string hide_line(std::string_view own_color, bool hidden);

/// Fixed replies.
inline constexpr std::string_view whisper_self_line =
    R"(<color="ff5555">You cannot whisper to yourself.</>)";
inline constexpr std::string_view ignore_self_line =
    R"(<color="ff5555">You cannot ignore yourself.</>)";
inline constexpr std::string_view ignore_full_line =
    R"(<color="ff5555">You already ignore 100 players; unignore someone first.</>)";
inline constexpr std::string_view no_reply_target_line =
    R"(<color="ff5555">Nobody has whispered to you yet.</>)";
inline constexpr std::string_view msg_usage_line =
    R"(<color="ff5555">Usage: /csc msg PLAYER MESSAGE</>)";
inline constexpr std::string_view reply_usage_line = R"(<color="ff5555">Usage: /csc r MESSAGE</>)";
inline constexpr std::string_view unignore_usage_line =
    R"(<color="ff5555">Usage: /csc unignore PLAYER</>)";

} // namespace csc::omegga
