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
    /// "authorized-roles": Brickadia role names (a list, or a comma-separated string) whose
    /// holders are authorized like the names above; trimmed, lower-cased, empties dropped.
    std::vector<std::string> authorized_roles;
    bool muted = false;    ///< "muted" (not in the original's config): start muted
    bool deafened = false; ///< "deafened" (not in the original's config): start deafened

    // --- link security (docs/security.md); paths are relative to the plugin folder ---
    /// "secret": shared secret for mutual authentication (trimmed); empty: none. Never logged.
    std::string secret;
    /// "tls": a link speaks TLS to the hub.
    bool tls = false;
    /// "tls-ca": CA certificate (PEM) a link verifies the hub's certificate with.
    std::string tls_ca;
    /// "tls-fingerprint": the hub certificate's SHA-256 fingerprint a link pins (64 hex digits,
    /// colons and spaces allowed).
    std::string tls_fingerprint;
    /// "tls-cert" / "tls-key": the hub's certificate and private key (PEM), hosting only.
    std::string tls_cert;
    std::string tls_key;

    // --- flood control per player on this server ---
    /// "chat-rate": messages per second a player may send to other servers (> 0).
    double chat_rate = 1.0;
    /// "chat-burst": messages a player may send at once (>= 1).
    double chat_burst = 5.0;

    // --- players across servers ---
    /// "whisper-timeout": seconds a whisper to another server waits for its status before its
    /// sender is told it could not be confirmed (>= 1).
    std::int64_t whisper_timeout = 10;

    // --- acknowledged delivery (docs/delivery.md) ---
    /// "delivery": announce acknowledged delivery (nothing lost through cuts and hub restarts);
    /// false: version 1 best effort, as the original.
    bool delivery = true;
    /// "outbox-max-count": most packets kept for resending while the hub has not acknowledged
    /// them (>= 1); one more drops the oldest.
    std::int64_t outbox_max_count = 10000;
    /// "outbox-max-age": seconds a packet is kept for resending (>= 1).
    std::int64_t outbox_max_age = 600;
    /// "ping-interval": seconds between pings on an idle link (>= 1).
    std::int64_t ping_interval = 15;
    /// "dead-after": ping intervals of silence after which the other side is dead (>= 2).
    std::int64_t dead_after = 2;
    /// "retention" (hosting): seconds the hub keeps packets for servers that come back (>= 1).
    std::int64_t retention = 600;
    /// "retention-count" (hosting): most packets the hub keeps (>= 1).
    std::int64_t retention_count = 100000;
    /// "log-folder" (hosting): where the hub keeps its delivery log, relative to the plugin
    /// folder; empty: in memory only (lost with the process).
    std::string log_folder = "data";

    /// Filled by the plugin from Omegga's store before the node is built (not from doc.json):
    /// this server's id (empty: delivery off), the number of this start, and the last hub
    /// log position applied (epoch empty: none).
    std::string server_id;
    std::uint64_t session = 0;
    std::string resume_epoch;
    std::uint64_t resume_position = 0;
};

/// Reads `init`'s config object. Each bad value (wrong JSON type, port not 1..65535, colour
/// not exactly 6 hex digits, non-integral number...) adds one sentence naming the key and the
/// value (never the secret's) to `problems` and keeps that key's default; a missing key (or null) silently takes its
/// default; unknown keys are ignored; a non-object gives all defaults and one problem. Never
/// throws.
plugin_config parse_config(const nlohmann::json& config, std::vector<std::string>& problems);

/// Whether `player` (any case, surrounding spaces ignored) is listed in reconnect_authorized.
bool is_authorized_name(const plugin_config& config, std::string_view player);

/// Whether `roles` (`player.getRoles`' answer: role names) holds one of authorized_roles
/// (any case, surrounding spaces ignored).
bool has_authorized_role(const plugin_config& config, const nlohmann::json& roles);

/// True for a SHA-256 fingerprint: 64 hex digits; colons and spaces among them are ignored.
bool is_sha256_fingerprint(std::string_view text) noexcept;

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text) noexcept;
/// `text` with A-Z turned into a-z (other bytes unchanged).
std::string to_lower_ascii(std::string_view text);

} // namespace csc::omegga
