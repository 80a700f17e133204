#pragma once
// What the hub makes of text it receives before relaying it (docs/security.md):
// length caps cut on code-point boundaries, control characters and markup brackets
// removed from names, colors checked. Pure functions, no I/O.

#include "csc/protocol/packet.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csc::core {

/// Caps on received text, in code points (content: in bytes).
struct text_limits {
    std::size_t name = 64;
    std::size_t prefix = 32;
    std::size_t username = 64;
    std::size_t content_bytes = 4096;
    std::size_t player_id = 64;
};

/// Largest `players` array we send or relay, in bytes of JSON: with the rest of the
/// packet it stays well under the 16 KiB frame cap.
inline constexpr std::size_t max_player_list_bytes = 15000;

/// The color shown for a server whose color is not exactly six hex digits.
inline constexpr std::string_view default_color = "00aaff";

/// `text` as valid UTF-8 (invalid bytes become U+FFFD), without control characters
/// (C0, DEL, C1) or `<`/`>`, cut after `max_code_points` code points.
std::string clean_label(std::string_view text, std::size_t max_code_points);

/// `text` as valid UTF-8, control characters turned into spaces, cut to at most
/// `max_bytes` bytes on a code-point boundary.
std::string clean_content(std::string_view text, std::size_t max_bytes);

/// `color` when it is exactly six hex digits, else default_color.
std::string clean_color(std::string_view color);

/// A server's name, prefix and color as the hub relays them.
protocol::server_info clean_server_info(const protocol::server_info& info,
                                        const text_limits& limits = {});

/// A player list as we send and relay it: names and ids cleaned like usernames, entries
/// without a name dropped, then cut to protocol::max_players entries and
/// max_player_list_bytes of JSON (players past the cut are not listed).
std::vector<protocol::player_entry> clean_player_list(std::vector<protocol::player_entry> list,
                                                      const text_limits& limits = {});

/// What is already known of a packet's text (e.g. protocol::decode_result::plain), so that
/// clean_packet need not scan it again. Claims about every text field of the packet.
struct known_text {
    /// Well-formed UTF-8 without control characters (C0, DEL, C1).
    bool printable = false;
    bool names_without_markup = false; ///< names and player ids have no '<' or '>'
};

/// Cleans the text fields of any packet in place (names, ids, content, player lists); true
/// when it changed one of them (always for player lists and server info, which it rebuilds).
/// `known` must be true of `p`: what it claims is not checked again.
bool clean_packet(protocol::packet& p, const text_limits& limits = {}, known_text known = {});

} // namespace csc::core
