#pragma once
// The server-wide switches `/csc mute` and `/csc deafen` flip, kept in Omegga's store so they
// survive restarts. The config's `muted`/`deafened` stay the starting defaults: a stored
// switch applies only while the config value it was flipped against is unchanged, so an
// owner who edits the config sees the edit take effect.
//
// Store key "settings": {"muted": B, "deafened": B, "configMuted": B, "configDeafened": B}.

#include "csc/omegga/config.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace csc::omegga {

/// The store key of the server-wide switches.
inline constexpr std::string_view switches_key = "settings";

/// Whether this server sends its chat and shows the others'.
struct server_switches {
    bool muted = false;    ///< this server's chat is not sent
    bool deafened = false; ///< other servers' chat, joins and leaves are not shown
    bool operator==(const server_switches&) const = default;
};

/// The switches from the config alone.
server_switches config_switches(const plugin_config& config) noexcept;
/// The switches to start with: each stored one whose recorded config value equals the
/// config's; the config's otherwise (also for a missing or malformed stored value).
server_switches restore_switches(const nlohmann::json& stored, const plugin_config& config);
/// What to store for `now`, recording the config values it was set against.
nlohmann::json stored_switches(server_switches now, const plugin_config& config);

} // namespace csc::omegga
