#pragma once
// `/csc help`: the commands the calling player may use, one line each.

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// One `/csc` command as help shows it.
struct help_entry {
    std::string_view usage;   ///< e.g. "/csc msg PLAYER MESSAGE"
    std::string_view summary; ///< what it does, plain text
    bool authorized_only;     ///< needs the game host, a reconnect-authorized name or role
};

/// Every command, in the order help lists them.
inline constexpr std::array<help_entry, 11> help_entries = {{
    {"/csc help", "the commands you may use", false},
    {"/csc list", "the servers connected to chat", false},
    {"/csc who", "the players on every server", false},
    {"/csc msg PLAYER MESSAGE",
     "whisper to a player on any server (PLAYER@SERVER when the name is on several)", false},
    {"/csc r MESSAGE", "reply to whoever last whispered to you", false},
    {"/csc ignore PLAYER", "hide a player's cross-server chat and whispers from you", false},
    {"/csc unignore PLAYER", "stop ignoring a player; /csc ignore alone lists them", false},
    {"/csc hide", "hide or show other servers' chat, for you alone", false},
    {"/csc mute", "stop or resume sending this server's chat", true},
    {"/csc deafen", "hide or show other servers' chat, for everyone here", true},
    {"/csc reconnect", "reconnect this server to the chat network", true},
}};

/// `<color="OWN"><b>Cross-server chat commands:</></>`, then per command
/// `<color="OWN">USAGE</> <color="aaaaaa">SUMMARY</>` (the authorized-only ones when
/// `authorized`).
std::vector<std::string> help_lines(std::string_view own_color, bool authorized);

} // namespace csc::omegga
