#include "csc/omegga/config_reader.hpp"

#include <cmath>

namespace csc::omegga {
namespace {

using json = nlohmann::json;

/// A string value, trimmed (file paths, the secret); `hidden` keeps the value out of the log.
void read_trimmed(config_reader& r, const char* key, std::string& target, bool hidden = false) {
    if (const json* v = r.find(key)) {
        if (v->is_string()) {
            target = trim_ascii(v->get_ref<const std::string&>());
        } else if (hidden) {
            r.reject_hidden(key, "is not a string", "none");
        } else {
            r.reject(key, *v, "is not a string", json(target).dump());
        }
    }
}

/// A finite number that is above `minimum` (or equal to it, when `inclusive`).
void read_bounded(config_reader& r, const char* key, double& target, double minimum, bool inclusive,
                  std::string_view what) {
    if (const json* v = r.find(key)) {
        const double d = v->is_number() ? v->get<double>() : std::nan("");
        if (std::isfinite(d) && (d > minimum || (inclusive && d == minimum))) {
            target = d;
        } else {
            r.reject(key, *v, what, json(target).dump());
        }
    }
}

} // namespace

void read_security_keys(config_reader& r, plugin_config& c) {
    read_trimmed(r, "secret", c.secret, true);
    r.read_bool("tls", c.tls);
    read_trimmed(r, "tls-ca", c.tls_ca);
    read_trimmed(r, "tls-cert", c.tls_cert);
    read_trimmed(r, "tls-key", c.tls_key);
    if (const json* v = r.find("tls-fingerprint")) {
        const std::string_view fp =
            v->is_string() ? trim_ascii(v->get_ref<const std::string&>()) : std::string_view{};
        if (v->is_string() && (fp.empty() || is_sha256_fingerprint(fp))) {
            c.tls_fingerprint = fp;
        } else {
            r.reject("tls-fingerprint", *v,
                     "is not a SHA-256 fingerprint (64 hex digits; colons, spaces allowed)", "none");
        }
    }
    if (c.tls_cert.empty() != c.tls_key.empty()) {
        r.note(std::string("config \"") + (c.tls_cert.empty() ? "tls-cert" : "tls-key") +
               "\" is empty but \"" + (c.tls_cert.empty() ? "tls-key" : "tls-cert") +
               "\" is set: the hub needs both; using no TLS.");
        c.tls_cert.clear();
        c.tls_key.clear();
    }
    read_bounded(r, "chat-rate", c.chat_rate, 0.0, false,
                 "is not a number of messages per second above 0");
    read_bounded(r, "chat-burst", c.chat_burst, 1.0, true, "is not a number of messages >= 1");
}

bool is_sha256_fingerprint(std::string_view text) noexcept {
    // As the link reads it: 64 hex digits; colons and spaces between them are ignored.
    std::size_t digits = 0;
    for (const char ch : text) {
        if (ch == ':' || ch == ' ') {
            continue;
        }
        const bool hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
                         (ch >= 'A' && ch <= 'F');
        if (!hex) {
            return false;
        }
        ++digits;
    }
    return digits == 64;
}

} // namespace csc::omegga
