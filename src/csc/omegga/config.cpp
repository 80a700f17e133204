#include "csc/omegga/config.hpp"

#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/config_reader.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <optional>

namespace csc::omegga {
namespace {

using json = nlohmann::json;

} // namespace

std::optional<std::int64_t> config_integer(const json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        constexpr double limit = 9223372036854775808.0; // 2^63
        if (!std::isfinite(d) || std::trunc(d) != d || d < -limit || d >= limit) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

namespace {

std::optional<std::int64_t> as_integer(const json& value) { return config_integer(value); }

/// Adds the trimmed, lower-cased, non-empty names of a comma-separated list to `out`.
void add_names(std::string_view list, std::vector<std::string>& out) {
    while (true) {
        const std::size_t comma = list.find(',');
        const std::string_view name = trim_ascii(list.substr(0, comma));
        if (!name.empty()) {
            out.push_back(to_lower_ascii(name));
        }
        if (comma == std::string_view::npos) {
            return;
        }
        list.remove_prefix(comma + 1);
    }
}

void read_authorized(config_reader& r, plugin_config& c) {
    const json* v = r.find("reconnect-authorized");
    if (v == nullptr) {
        return;
    }
    if (v->is_string()) {
        add_names(v->get_ref<const std::string&>(), c.reconnect_authorized);
        return;
    }
    if (!v->is_array()) {
        r.reject("reconnect-authorized", *v, "is not a comma-separated string of names",
                 "no one but the host");
        return;
    }
    for (const auto& item : *v) {
        if (item.is_string()) {
            add_names(item.get_ref<const std::string&>(), c.reconnect_authorized);
        } else {
            r.reject("reconnect-authorized", item, "is not a name", "the other names");
        }
    }
}

void read_numbers(config_reader& r, plugin_config& c) {
    if (const json* v = r.find("port")) {
        const auto port = as_integer(*v);
        if (port && *port >= 1 && *port <= 65535) {
            c.port = static_cast<std::uint16_t>(*port);
        } else {
            r.reject("port", *v, "is not a port number (an integer from 1 to 65535)",
                     std::to_string(c.port));
        }
    }
    if (const json* v = r.find("reconnect-interval")) {
        if (const auto seconds = as_integer(*v)) {
            c.reconnect_interval = *seconds;
        } else {
            r.reject("reconnect-interval", *v, "is not a whole number of seconds",
                     std::to_string(c.reconnect_interval));
        }
    }
}

} // namespace

std::string_view trim_ascii(std::string_view text) noexcept {
    constexpr std::string_view spaces = " \t\r\n\v\f";
    const std::size_t first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

plugin_config parse_config(const nlohmann::json& config, std::vector<std::string>& problems) {
    plugin_config c;
    if (!config.is_object()) {
        problems.push_back("config is not a JSON object (got " + show_config_value(config) +
                           "); using the defaults for every key.");
        return c;
    }
    config_reader r(config, problems);
    r.read_bool("hosting", c.hosting);
    if (const json* v = r.find("ip")) {
        const std::string_view ip =
            v->is_string() ? trim_ascii(v->get_ref<const std::string&>()) : std::string_view{};
        if (!ip.empty()) {
            c.ip = ip;
        } else {
            r.reject("ip", *v, "is not a host name or address", json(c.ip).dump());
        }
    }
    read_numbers(r, c);
    r.read_string("name", c.name);
    if (const json* v = r.find("color")) {
        if (v->is_string() && is_hex_color(v->get_ref<const std::string&>())) {
            c.color = v->get<std::string>();
        } else {
            r.reject("color", *v, "is not a colour of exactly 6 hex digits like \"00aaff\"",
                     json(c.color).dump());
        }
    }
    r.read_string("prefix", c.prefix);
    read_authorized(r, c);
    r.read_bool("muted", c.muted);
    r.read_bool("deafened", c.deafened);
    read_security_keys(r, c);
    read_delivery_keys(r, c);
    read_role_keys(r, c);
    return c;
}

bool is_authorized_name(const plugin_config& config, std::string_view player) {
    const std::string wanted = to_lower_ascii(trim_ascii(player));
    if (wanted.empty()) {
        return false;
    }
    for (const auto& name : config.reconnect_authorized) {
        if (name == wanted) {
            return true;
        }
    }
    return false;
}

} // namespace csc::omegga
