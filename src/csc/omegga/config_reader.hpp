#pragma once
// Internal to parse_config (config.cpp, config_security.cpp): looks keys up in `init`'s
// config object and records one sentence per bad value.

#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// The value as one line of JSON, shortened for a log line.
std::string show_config_value(const nlohmann::json& value);

class config_reader {
public:
    config_reader(const nlohmann::json& config, std::vector<std::string>& problems)
        : config_(config), problems_(problems) {}

    /// The value under `key`, or nullptr when it is missing or null.
    const nlohmann::json* find(const char* key) const;
    /// Records "config "KEY": VALUE WHAT; using DEFAULT."
    void reject(const char* key, const nlohmann::json& value, std::string_view what,
                std::string_view fallback);
    /// Records "config "KEY" WHAT; using DEFAULT." without the value (for the secret).
    void reject_hidden(const char* key, std::string_view what, std::string_view fallback);
    /// Records a sentence of its own.
    void note(std::string sentence) { problems_.push_back(std::move(sentence)); }

    /// A boolean key.
    void read_bool(const char* key, bool& target);
    /// A string key, as given.
    void read_string(const char* key, std::string& target);

private:
    const nlohmann::json& config_;
    std::vector<std::string>& problems_;
};

/// Reads the link security and flood control keys (secret, tls*, chat-rate, chat-burst).
void read_security_keys(config_reader& r, plugin_config& c);
/// Reads `authorized-roles` and `whisper-timeout` (config_roles.cpp).
void read_role_keys(config_reader& r, plugin_config& c);

/// Reads the acknowledged delivery keys (delivery, outbox-*, ping-interval, dead-after,
/// retention*, log-folder).
void read_delivery_keys(config_reader& r, plugin_config& c);

/// The number as an exact int64, or nothing when it is not a number, not integral or too big.
std::optional<std::int64_t> config_integer(const nlohmann::json& value);

} // namespace csc::omegga
