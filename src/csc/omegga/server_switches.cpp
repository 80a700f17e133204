#include "csc/omegga/server_switches.hpp"

#include <nlohmann/json.hpp>

namespace csc::omegga {
namespace {

using json = nlohmann::json;

/// The stored switch `key` when it was flipped against `config_value`, else `config_value`.
bool restore_one(const json& stored, const char* key, const char* config_key, bool config_value) {
    const auto value = stored.find(key);
    const auto against = stored.find(config_key);
    if (value == stored.end() || against == stored.end() || !value->is_boolean() ||
        !against->is_boolean() || against->get<bool>() != config_value) {
        return config_value;
    }
    return value->get<bool>();
}

} // namespace

server_switches config_switches(const plugin_config& config) noexcept {
    return {config.muted, config.deafened};
}

server_switches restore_switches(const json& stored, const plugin_config& config) {
    if (!stored.is_object()) {
        return config_switches(config);
    }
    return {restore_one(stored, "muted", "configMuted", config.muted),
            restore_one(stored, "deafened", "configDeafened", config.deafened)};
}

json stored_switches(server_switches now, const plugin_config& config) {
    return json{{"muted", now.muted},
                {"deafened", now.deafened},
                {"configMuted", config.muted},
                {"configDeafened", config.deafened}};
}

} // namespace csc::omegga
