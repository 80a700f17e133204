#pragma once
// Every chat line the plugin broadcasts or whispers, byte for byte as the original plugin
// wrote them, but with peer-supplied text escaped and capped so a line always reaches players.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace csc::omegga {

/// Omegga silently drops a line of 512 or more characters (JavaScript string length = UTF-16
/// code units).
inline constexpr std::size_t max_line_units = 511;
/// Cap on a server prefix once escaped, in UTF-16 units ("…" included when cut).
inline constexpr std::size_t max_prefix_units = 64;
/// Cap on a server name once escaped, in UTF-16 units ("…" included when cut).
inline constexpr std::size_t max_name_units = 96;
/// Cap on a username once escaped, in UTF-16 units ("…" included when cut).
inline constexpr std::size_t max_username_units = 96;
/// Cap on the sanitized content we send, in UTF-16 units: more than a line can show (so the
/// receiver still cuts it to its own line), and at most 3 bytes a unit, so it stays whole
/// under the hub's 4096-byte content cap, which would cut inside an entity.
inline constexpr std::size_t max_sent_content_units = 1000;
/// Colour shown for a server whose colour is not exactly 6 hex digits (the original default).
inline constexpr std::string_view fallback_color = "00aaff";
/// Marks text that was cut (U+2026, one UTF-16 unit).
inline constexpr std::string_view ellipsis = "\xE2\x80\xA6";

/// Length of UTF-8 text in UTF-16 code units (an invalid byte counts as one, like U+FFFD).
std::size_t utf16_length(std::string_view utf8);

/// True when `color` is exactly 6 hex digits (either case), e.g. "00aaff".
bool is_hex_color(std::string_view color) noexcept;
/// `color` when is_hex_color(color), else fallback_color.
std::string_view display_color(std::string_view color) noexcept;

/// escape_markup(raw) when it fits in `max_units` UTF-16 units; otherwise the escaped form of
/// the longest code-point prefix of `raw` that fits together with a trailing "…".
std::string escape_capped(std::string_view raw, std::size_t max_units);
/// `sanitized` when it fits in `max_units`; otherwise its longest prefix that fits with a
/// trailing "…", never cut inside an entity (&scl;), an escape (\\ \"), an <emoji>..</> tag
/// or a UTF-8 sequence.
std::string truncate_sanitized(std::string_view sanitized, std::size_t max_units);

/// How a server shows in lines: raw values as received from a peer or config; the line
/// functions escape name/prefix/username and replace a colour that is not exactly 6 hex digits
/// by "00aaff".
struct server_style {
    std::string color;  ///< "RRGGBB" (anything else shows as fallback_color)
    std::string prefix; ///< raw text, e.g. "[!]"
    std::string name;   ///< raw text, e.g. "Server Connection"
};

/// `<color="C">P <b>N</> has connected to chat with X players online.</>`
std::string server_connected_line(const server_style& s, std::int64_t players);
/// `<color="HOSTC">Connected to host chat <b>HOSTNAME</> with Y players online.</>`
std::string connected_to_host_line(const server_style& host, std::int64_t players);
/// `<color="C">P <b>N</> has disconnected from chat.</>`
std::string server_disconnected_line(const server_style& s);
/// `<color="OWN">Disconnected from chat.</>`
std::string left_network_line(std::string_view own_color);
/// `<color="C">P <b>USER</> has joined <b>N</>.</>`
std::string player_joined_line(const server_style& s, std::string_view username);
/// `<color="C">P <b>USER</> has left <b>N</>.</>`
std::string player_left_line(const server_style& s, std::string_view username);
/// `<color="C">P <b>USER</>:</> CONTENT`; `content` is already in sanitized form; it is
/// truncated (never inside an entity like &scl;, an escape like \\ or \", an <emoji>..</> tag
/// or a UTF-8 sequence) and ends with "…" when the whole line would exceed max_line_units.
std::string chat_line(const server_style& s, std::string_view username,
                      std::string_view sanitized_content);
/// `<color="OWN">A total of <b>K connections</> are active.</>`
std::string list_header_line(std::string_view own_color, std::size_t count);
/// `<color="aaaaaa">(ID i)</> <color="C">P <b>N</></>`, plus ` <color="aaaaaa">(HOST)</>`
/// for the host.
std::string list_entry_line(std::int64_t id, const server_style& s, bool is_host);
/// The reply to `/csc mute` once toggled: the "Muted." or the "Unmuted." line.
std::string mute_line(std::string_view own_color, bool muted);
/// The reply to `/csc deafen` once toggled: the "Deafened." or the "Undeafened." line.
std::string deafen_line(std::string_view own_color, bool deafened);

/// Whispered to a player who may not use a `/csc` subcommand.
inline constexpr std::string_view not_authorized_line =
    "You are not authorized to use that command.";
/// Whispered for an unknown or missing `/csc` subcommand.
inline constexpr std::string_view invalid_subcommand_line = "Invalid subcommand.";
/// Whispered for `/csc reconnect`.
inline constexpr std::string_view reconnecting_line = "Attempting to reconnect...";

} // namespace csc::omegga
