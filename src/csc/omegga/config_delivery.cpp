// The acknowledged delivery keys of the plugin's config (docs/delivery.md).
#include "csc/omegga/config_reader.hpp"

namespace csc::omegga {
namespace {

using json = nlohmann::json;

/// Largest value of a seconds or count key: keeps every derived duration far from overflow.
constexpr std::int64_t max_setting = 1'000'000'000;

/// A whole number from `minimum` to max_setting.
void read_at_least(config_reader& r, const char* key, std::int64_t& target, std::int64_t minimum,
                   std::string_view what) {
    if (const json* v = r.find(key)) {
        const auto n = config_integer(*v);
        if (n && *n >= minimum && *n <= max_setting) {
            target = *n;
        } else {
            r.reject(key, *v, what, std::to_string(target));
        }
    }
}

} // namespace

void read_delivery_keys(config_reader& r, plugin_config& c) {
    r.read_bool("delivery", c.delivery);
    read_at_least(r, "outbox-max-count", c.outbox_max_count, 1, "is not a whole number >= 1");
    read_at_least(r, "outbox-max-age", c.outbox_max_age, 1,
                  "is not a whole number of seconds >= 1");
    read_at_least(r, "ping-interval", c.ping_interval, 1, "is not a whole number of seconds >= 1");
    read_at_least(r, "dead-after", c.dead_after, 2, "is not a whole number of intervals >= 2");
    read_at_least(r, "retention", c.retention, 1, "is not a whole number of seconds >= 1");
    read_at_least(r, "retention-count", c.retention_count, 1, "is not a whole number >= 1");
    if (const json* v = r.find("log-folder")) {
        if (v->is_string()) {
            c.log_folder = trim_ascii(v->get_ref<const std::string&>());
        } else {
            r.reject("log-folder", *v, "is not a folder name", json(c.log_folder).dump());
        }
    }
}

} // namespace csc::omegga
