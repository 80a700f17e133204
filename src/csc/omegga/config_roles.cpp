// The keys of the player features: `authorized-roles` (Brickadia role names whose holders may
// use the commands that need authorization, besides the game host and the names in
// `reconnect-authorized`) and `whisper-timeout`.

#include "csc/omegga/config_reader.hpp"

namespace csc::omegga {
namespace {

using json = nlohmann::json;

/// Adds the trimmed, non-empty, comma-separated role names of `list` (lower-cased).
void add_roles(std::string_view list, std::vector<std::string>& out) {
    while (true) {
        const std::size_t comma = list.find(',');
        const std::string_view role = trim_ascii(list.substr(0, comma));
        if (!role.empty()) {
            out.push_back(to_lower_ascii(role));
        }
        if (comma == std::string_view::npos) {
            return;
        }
        list.remove_prefix(comma + 1);
    }
}

/// Longest `whisper-timeout`: a day, far from any overflow in milliseconds.
constexpr std::int64_t max_whisper_timeout = 86'400;

void read_whisper_timeout(config_reader& r, plugin_config& c) {
    if (const json* v = r.find("whisper-timeout")) {
        const auto n = config_integer(*v);
        if (n && *n >= 1 && *n <= max_whisper_timeout) {
            c.whisper_timeout = *n;
        } else {
            r.reject("whisper-timeout", *v, "is not a whole number of seconds from 1 to 86400",
                     std::to_string(c.whisper_timeout));
        }
    }
}

} // namespace

void read_role_keys(config_reader& r, plugin_config& c) {
    read_whisper_timeout(r, c);
    const json* v = r.find("authorized-roles");
    if (v == nullptr) {
        return;
    }
    if (v->is_string()) {
        add_roles(v->get_ref<const std::string&>(), c.authorized_roles);
        return;
    }
    if (!v->is_array()) {
        r.reject("authorized-roles", *v, "is not a list of role names", "no roles");
        return;
    }
    for (const json& item : *v) {
        if (item.is_string()) {
            add_roles(item.get_ref<const std::string&>(), c.authorized_roles);
        } else {
            r.reject("authorized-roles", item, "is not a role name", "the other roles");
        }
    }
}

bool has_authorized_role(const plugin_config& config, const nlohmann::json& roles) {
    if (config.authorized_roles.empty() || !roles.is_array()) {
        return false;
    }
    for (const json& role : roles) {
        if (!role.is_string()) {
            continue;
        }
        const std::string name = to_lower_ascii(trim_ascii(role.get_ref<const std::string&>()));
        for (const std::string& wanted : config.authorized_roles) {
            if (name == wanted) {
                return true;
            }
        }
    }
    return false;
}

} // namespace csc::omegga
