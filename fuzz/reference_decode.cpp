// The nlohmann-based decoder, verbatim but for its namespace (see reference_decode.hpp).
#include "reference_decode.hpp"

#include "csc/protocol/errc.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <vector>

namespace csc::fuzz::reference {
namespace {

using json = nlohmann::json;
using namespace csc::protocol; // NOLINT: a .cpp file; the copy keeps its original spelling

/// Deepest array/object nesting outside strings; stops counting past `limit`.
int nesting_depth(std::string_view text, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) {
                return deepest;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

/// Reads fields of one JSON object, remembering the first problem.
class reader {
public:
    explicit reader(const json& obj) : obj_(obj) {}

    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) {
        const json* v = find(key);
        if (v == nullptr) {
            return 0;
        }
        std::int64_t value = 0;
        if (v->is_number_integer()) {
            if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
                fail(errc::out_of_range, key, "out of range");
                return 0;
            }
            value = v->get<std::int64_t>();
        } else if (v->is_number_float()) {
            const double d = v->get<double>();
            if (!std::isfinite(d) || std::trunc(d) != d) {
                fail(errc::wrong_type, key, "expected an integer");
                return 0;
            }
            if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
                fail(errc::out_of_range, key, "out of range");
                return 0;
            }
            value = static_cast<std::int64_t>(d);
        } else {
            fail(errc::wrong_type, key, "expected an integer");
            return 0;
        }
        if (value < min || value > max) {
            fail(errc::out_of_range, key,
                 "out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")");
            return 0;
        }
        return value;
    }

    std::string string(const char* key) {
        const json* v = find(key);
        if (v == nullptr) {
            return {};
        }
        if (!v->is_string()) {
            fail(errc::wrong_type, key, "expected a string");
            return {};
        }
        return v->get<std::string>();
    }

    server_info info() { return {string("name"), string("color"), string("prefix")}; }

    /// A required array field, or nullptr (the problem is recorded).
    const json* array(const char* key) {
        const json* v = find(key);
        if (v != nullptr && !v->is_array()) {
            fail(errc::wrong_type, key, "expected an array");
            return nullptr;
        }
        return v;
    }

    /// Optional `features`: an array; non-string items are ignored.
    std::vector<std::string> features() {
        std::vector<std::string> out;
        auto it = obj_.find("features");
        if (it == obj_.end()) {
            return out;
        }
        if (!it->is_array()) {
            fail(errc::wrong_type, "features", "expected an array");
            return out;
        }
        for (const auto& f : *it) {
            if (f.is_string()) {
                out.push_back(f.get<std::string>());
            }
        }
        return out;
    }

    bool has(const char* key) const { return obj_.contains(key); }

    /// A required string that must not be empty.
    std::string non_empty(const char* key) {
        std::string out = string(key);
        if (ok() && out.empty()) {
            fail(errc::out_of_range, key, "empty");
        }
        return out;
    }

    /// Optional boolean extension flag: only `true` counts.
    bool flag(const char* key) const {
        auto it = obj_.find(key);
        return it != obj_.end() && it->is_boolean() && it->get<bool>();
    }

    bool ok() const { return !error_; }
    std::error_code error() const { return error_; }
    const std::string& detail() const { return detail_; }

private:
    const json* find(const char* key) {
        auto it = obj_.find(key);
        if (it == obj_.end()) {
            fail(errc::missing_field, key, "missing");
            return nullptr;
        }
        return &*it;
    }

    void fail(errc e, const char* key, const std::string& what) {
        if (!error_) {
            error_ = e;
            detail_ = std::string("field '") + key + "': " + what;
        }
    }

    const json& obj_;
    std::error_code error_;
    std::string detail_;
};

/// Acknowledge entries that are not complete (an original host lists connections
/// that never handshook, with null names) are skipped rather than failing the packet.
std::vector<connection_entry> read_connections(reader& r) {
    std::vector<connection_entry> out;
    const json* entries = r.array("connections");
    if (entries == nullptr) {
        return out;
    }
    for (const auto& e : *entries) {
        if (!e.is_object()) {
            continue;
        }
        reader er(e);
        connection_entry entry{er.integer("identifier", 0, max_identifier), er.info()};
        if (er.ok()) {
            out.push_back(std::move(entry));
        }
    }
    return out;
}

delivery_stamp read_stamp(reader& r) {
    delivery_stamp d;
    if (r.has("origin") || r.has("session") || r.has("seq") || r.has("pos")) {
        d.origin = r.non_empty("origin");
        d.session = r.integer("session", 1, max_wire_integer);
        d.seq = r.integer("seq", 1, max_wire_integer);
        d.pos = r.has("pos") ? r.integer("pos", 1, max_wire_integer) : 0;
    }
    return d;
}

decode_result fail(errc e, std::string detail) {
    decode_result r;
    r.error = e;
    r.detail = std::move(detail);
    return r;
}

decode_result decode_object(const json& obj) {
    auto type_it = obj.find("type");
    if (type_it == obj.end()) {
        return fail(errc::missing_field, "field 'type': missing");
    }
    if (!type_it->is_string()) {
        return fail(errc::wrong_type, "field 'type': expected a string");
    }
    const auto& type = type_it->get_ref<const std::string&>();
    reader r(obj);
    decode_result out;
    if (type == "handshake") {
        handshake p;
        p.version = r.integer("version", INT32_MIN, INT32_MAX);
        p.info = r.info();
        p.player_count = r.integer("playerCount", 0, max_player_count);
        p.features = r.features();
        if (r.has("origin") || r.has("session")) {
            p.origin = r.non_empty("origin");
            p.session = r.integer("session", 1, max_wire_integer);
        }
        out.value = std::move(p);
    } else if (type == "acknowledge") {
        acknowledge p;
        p.id = r.integer("identifier", 0, max_identifier);
        p.host_id = r.integer("hostIdentifier", 0, max_identifier);
        p.player_count = r.integer("playerCount", 0, max_player_count);
        p.connections = read_connections(r);
        p.features = r.features();
        p.epoch = r.has("epoch") ? r.string("epoch") : std::string{};
        if (r.has("position")) {
            p.position = r.integer("position", 0, max_wire_integer);
        }
        out.value = std::move(p);
    } else if (type == "connection") {
        connection p;
        p.id = r.integer("identifier", 0, max_identifier);
        p.info = r.info();
        p.player_count = r.integer("playerCount", 0, max_player_count);
        out.value = std::move(p);
    } else if (type == "disconnect") {
        out.value = disconnect{r.integer("identifier", 0, max_identifier)};
    } else if (type == "join") {
        join p{r.integer("identifier", 0, max_identifier), r.string("username")};
        p.delivery = read_stamp(r);
        out.value = std::move(p);
    } else if (type == "leave") {
        leave p{r.integer("identifier", 0, max_identifier), r.string("username")};
        p.delivery = read_stamp(r);
        out.value = std::move(p);
    } else if (type == "message") {
        message p;
        p.id = r.integer("identifier", 0, max_identifier);
        p.username = r.string("username");
        p.content = r.string("content");
        p.sanitized = r.flag("sanitized");
        p.delivery = read_stamp(r);
        out.value = std::move(p);
    } else if (type == "ack") {
        ack p;
        p.session = r.integer("session", 1, max_wire_integer);
        p.seq = r.integer("seq", 0, max_wire_integer);
        out.value = p;
    } else if (type == "resume") {
        resume p;
        p.epoch = r.string("epoch");
        p.position = r.integer("position", 0, max_wire_integer);
        p.outcome = r.has("outcome") ? r.string("outcome") : std::string{};
        p.lost = r.has("lost") ? r.integer("lost", 0, max_wire_integer) : 0;
        out.value = std::move(p);
    } else if (type == "ping") {
        out.value = ping{};
    } else if (type == "pong") {
        out.value = pong{};
    } else {
        std::string shown = type.substr(0, 64);
        return fail(errc::unknown_type, "unknown packet type \"" + shown + "\"");
    }
    if (!r.ok()) {
        return fail(static_cast<errc>(r.error().value()), type + " " + r.detail());
    }
    return out;
}

} // namespace

decode_result decode(std::string_view frame) {
    try {
        if (nesting_depth(frame, max_nesting) > max_nesting) {
            return fail(errc::nesting_too_deep,
                        "nested deeper than " + std::to_string(max_nesting) + " levels");
        }
        json obj = json::parse(frame);
        if (!obj.is_object()) {
            return fail(errc::not_an_object, "expected a JSON object");
        }
        return decode_object(obj);
    } catch (const json::parse_error& e) {
        // nlohmann reports invalid UTF-8 as a parse error; its message says where.
        return fail(errc::invalid_json, e.what());
    } catch (const std::exception& e) {
        return fail(errc::invalid_json, e.what());
    }
}

} // namespace csc::fuzz::reference
