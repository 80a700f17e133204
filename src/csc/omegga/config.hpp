#pragma once
// The plugin's settings, as Omegga passes them to `init` (keys from doc.json), read leniently:
// a bad value is reported and replaced by its default, never fatal.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// The plugin's settings with the original plugin's defaults.
struct plugin_config {
    bool hosting = false;                  ///< "hosting": run the hub instead of a link
    std::string ip = "127.0.0.1";          ///< "ip": the hub to connect to (trimmed, non-empty)
    std::uint16_t port = 1337;             ///< "port": 1..65535
    std::string name = "Server Connection"; ///< "name": shown to the other servers
    std::string color = "00aaff";          ///< "color": exactly 6 hex digits
    std::string prefix = "[!]";            ///< "prefix": put before this server's players
    /// "reconnect-authorized": from the comma-separated string (or a list of strings):
    /// trimmed, lower-cased, empties dropped.
    std::vector<std::string> reconnect_authorized;
    /// "reconnect-interval": seconds; kept as given (the link maps <= 0 to 15).
    std::int64_t reconnect_interval = 60;
    bool muted = false;    ///< "muted" (not in the original's config): start muted
    bool deafened = false; ///< "deafened" (not in the original's config): start deafened
};

/// Reads `init`'s config object. Each bad value (wrong JSON type, port not 1..65535, colour
/// not exactly 6 hex digits, non-integral number...) adds one sentence naming the key and the
/// value to `problems` and keeps that key's default; a missing key (or null) silently takes its
/// default; unknown keys are ignored; a non-object gives all defaults and one problem. Never
/// throws.
plugin_config parse_config(const nlohmann::json& config, std::vector<std::string>& problems);

/// Whether `player` (any case, surrounding spaces ignored) is listed in reconnect_authorized.
bool is_authorized_name(const plugin_config& config, std::string_view player);

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text) noexcept;
/// `text` with A-Z turned into a-z (other bytes unchanged).
std::string to_lower_ascii(std::string_view text);

} // namespace csc::omegga
