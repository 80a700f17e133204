#include "csc/protocol/codec.hpp"

#include "csc/protocol/errc.hpp"
#include "csc/protocol/json_depth.hpp"
#include "csc/protocol/overloaded.hpp"
#include "csc/protocol/json_writer.hpp"

#include "csc/protocol/json_reader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace csc::protocol {
namespace {

void write_info(detail::json_writer& w, const server_info& info) {
    w.field("name", info.name).field("color", info.color).field("prefix", info.prefix);
}

void write_connections(std::string& out, const std::vector<connection_entry>& entries) {
    out.push_back('[');
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        detail::json_writer w(out);
        w.field("identifier", entries[i].id);
        write_info(w, entries[i].info);
        out.push_back('}');
    }
    out.push_back(']');
}

void write_players(std::string& out, const std::vector<player_entry>& list) {
    out.push_back('[');
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        detail::json_writer w(out);
        w.field("id", list[i].id).field("name", list[i].name);
        out.push_back('}');
    }
    out.push_back(']');
}

/// Room for the encoding of `p` in most cases, so encode() allocates once.
std::size_t size_hint(const packet& p) {
    constexpr std::size_t fixed = 112; // keys, punctuation, numbers, the extension flag
    return std::visit(overloaded{
                          [](const message& m) { return fixed + m.username.size() + m.content.size(); },
                          [](const join& j) { return fixed + j.username.size(); },
                          [](const leave& l) { return fixed + l.username.size(); },
                          [](const acknowledge& a) { return fixed + 96 * a.connections.size(); },
                          [](const players& l) { return fixed + 80 * l.list.size(); },
                          [](const whisper& w) { return 2 * fixed + w.content.size(); },
                          [](const auto&) { return 2 * fixed; },
                      },
                      p);
}

using detail::json_key;
using detail::json_type;
using detail::json_value;

/// Reads fields of one JSON object, remembering the first problem.
class reader {
public:
    explicit reader(const detail::json_fields& fields) : fields_(fields) {}

    std::int64_t integer(json_key key, std::int64_t min, std::int64_t max) {
        const json_value* v = find(key);
        if (v == nullptr) {
            return 0;
        }
        std::int64_t value = 0;
        if (v->type == json_type::unsigned_integer) {
            if (v->unsigned_value > static_cast<std::uint64_t>(max)) {
                fail(errc::out_of_range, key, "out of range");
                return 0;
            }
            value = static_cast<std::int64_t>(v->unsigned_value);
        } else if (v->type == json_type::signed_integer) {
            value = v->integer;
        } else if (v->type == json_type::floating) {
            const double d = v->floating; // always finite: the reader refuses the others
            if (std::trunc(d) != d) {
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
            fail(errc::out_of_range, key, out_of_range_detail(min, max));
            return 0;
        }
        return value;
    }

    std::string string(json_key key) {
        const json_value* v = find(key);
        if (v == nullptr) {
            return {};
        }
        if (v->type != json_type::string) {
            fail(errc::wrong_type, key, "expected a string");
            return {};
        }
        return detail::unescape(*v);
    }

    server_info info() {
        server_info out;
        out.name = string(json_key::name);
        out.color = string(json_key::color);
        out.prefix = string(json_key::prefix);
        return out;
    }

    /// A required object field, or nullptr (the problem is recorded).
    const json_value* object(json_key key) {
        const json_value* v = find(key);
        if (v != nullptr && v->type != json_type::object) {
            fail(errc::wrong_type, key, "expected an object");
            return nullptr;
        }
        return v;
    }

    /// A required array field, or nullptr (the problem is recorded).
    const json_value* array(json_key key) {
        const json_value* v = find(key);
        if (v != nullptr && v->type != json_type::array) {
            fail(errc::wrong_type, key, "expected an array");
            return nullptr;
        }
        return v;
    }

    /// Optional `features`: an array; non-string items are ignored.
    std::vector<std::string> features() {
        std::vector<std::string> out;
        const json_value& v = fields_[json_key::features];
        if (v.type == json_type::absent) {
            return out;
        }
        if (v.type != json_type::array) {
            fail(errc::wrong_type, json_key::features, "expected an array");
            return out;
        }
        json_value item;
        for (std::size_t at = 0; detail::next_element(v, at, item);) {
            if (item.type == json_type::string) {
                out.push_back(detail::unescape(item));
            }
        }
        return out;
    }

    bool has(json_key key) const { return fields_[key].type != json_type::absent; }

    /// A required string that must not be empty.
    std::string non_empty(json_key key) {
        std::string out = string(key);
        if (ok() && out.empty()) {
            fail(errc::out_of_range, key, "empty");
        }
        return out;
    }

    /// An optional string field: absent gives "".
    std::string optional_string(json_key key) {
        if (fields_[key].type == json_type::absent) {
            return {};
        }
        return string(key);
    }

    /// Optional boolean extension flag: only `true` counts.
    bool flag(json_key key) const {
        const json_value& v = fields_[key];
        return v.type == json_type::boolean && v.boolean;
    }

    /// Records a problem with `key` found by the caller.
    void fail_field(errc e, json_key key, std::string_view what) { fail(e, key, what); }

    bool ok() const { return !error_; }
    std::error_code error() const { return error_; }
    const std::string& detail() const { return detail_; }

private:
    static std::string out_of_range_detail(std::int64_t min, std::int64_t max) {
        return "out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")";
    }

    const json_value* find(json_key key) {
        const json_value& v = fields_[key];
        if (v.type == json_type::absent) {
            fail(errc::missing_field, key, "missing");
            return nullptr;
        }
        return &v;
    }

    void fail(errc e, json_key key, std::string_view what) {
        if (!error_) {
            error_ = e;
            detail_.append("field '").append(detail::key_name(key)).append("': ").append(what);
        }
    }

    const detail::json_fields& fields_;
    std::error_code error_;
    std::string detail_;
};

/// Acknowledge entries that are not complete (an original host lists connections
/// that never handshook, with null names) are skipped rather than failing the packet.
std::vector<connection_entry> read_connections(reader& r) {
    std::vector<connection_entry> out;
    const json_value* entries = r.array(json_key::connections);
    if (entries == nullptr) {
        return out;
    }
    json_value item;
    detail::json_fields fields;
    for (std::size_t at = 0; detail::next_element(*entries, at, item);) {
        if (item.type != json_type::object) {
            continue;
        }
        detail::read_fields(item, fields);
        reader er(fields);
        connection_entry entry;
        entry.id = er.integer(json_key::identifier, 0, max_identifier);
        entry.info = er.info();
        if (er.ok()) {
            out.push_back(std::move(entry));
        }
    }
    return out;
}

/// Optional `server` of a delivery stamp: an object with string name, color and prefix.
std::optional<server_info> read_origin_server(reader& r) {
    if (!r.has(json_key::server)) {
        return std::nullopt;
    }
    const json_value* v = r.object(json_key::server);
    if (v == nullptr) {
        return std::nullopt;
    }
    detail::json_fields fields;
    detail::read_fields(*v, fields);
    reader inner(fields);
    server_info info = inner.info();
    if (!inner.ok()) {
        r.fail_field(inner.error() == make_error_code(errc::missing_field) ? errc::missing_field
                                                                          : errc::wrong_type,
                     json_key::server, inner.detail());
        return std::nullopt;
    }
    return info;
}

/// Extension `delivery` on join/leave/message: all of origin, session, seq or none; pos and
/// server optional.
delivery_stamp read_stamp(reader& r) {
    delivery_stamp d;
    if (r.has(json_key::origin) || r.has(json_key::session) || r.has(json_key::seq) ||
        r.has(json_key::pos)) {
        d.origin = r.non_empty(json_key::origin);
        d.session = r.integer(json_key::session, 1, max_wire_integer);
        d.seq = r.integer(json_key::seq, 1, max_wire_integer);
        d.pos = r.has(json_key::pos) ? r.integer(json_key::pos, 1, max_wire_integer) : 0;
        d.server = read_origin_server(r);
    }
    return d;
}

void write_stamp(detail::json_writer& w, const delivery_stamp& d, encode_options opts) {
    if (opts.extensions && !d.origin.empty()) {
        w.field("origin", d.origin).field("session", d.session).field("seq", d.seq);
        if (d.pos > 0) {
            w.field("pos", d.pos);
        }
        if (d.server) {
            std::string& out = w.raw("server");
            detail::json_writer inner(out);
            write_info(inner, *d.server);
            out.push_back('}');
        }
    }
}

/// A `players` list: an array of at most max_players objects with string `id` and
/// `name`. Any entry that is not such an object fails the packet (a partial list would
/// silently drop players).
std::vector<player_entry> read_players(reader& r) {
    std::vector<player_entry> out;
    const json_value* entries = r.array(json_key::players);
    if (entries == nullptr) {
        return out;
    }
    json_value item;
    detail::json_fields fields;
    for (std::size_t at = 0; detail::next_element(*entries, at, item);) {
        if (out.size() == max_players) {
            r.fail_field(errc::out_of_range, json_key::players,
                         "more than " + std::to_string(max_players) + " entries");
            return {};
        }
        if (item.type != json_type::object) {
            r.fail_field(errc::wrong_type, json_key::players, "expected objects");
            return {};
        }
        detail::read_fields(item, fields);
        reader er(fields);
        player_entry entry;
        entry.id = er.string(json_key::id);
        entry.name = er.string(json_key::name);
        if (!er.ok()) {
            r.fail_field(static_cast<errc>(er.error().value()), json_key::players,
                         "entry " + std::to_string(out.size()) + ": " + er.detail());
            return {};
        }
        out.push_back(std::move(entry));
    }
    return out;
}

decode_result fail(errc e, std::string detail) {
    decode_result r;
    r.error = e;
    r.detail = std::move(detail);
    return r;
}

decode_result decode_object(const detail::json_fields& fields) {
    const json_value& type_field = fields[json_key::type];
    if (type_field.type == json_type::absent) {
        return fail(errc::missing_field, "field 'type': missing");
    }
    if (type_field.type != json_type::string) {
        return fail(errc::wrong_type, "field 'type': expected a string");
    }
    const std::string type = detail::unescape(type_field);
    reader r(fields);
    decode_result out;
    if (type == "message") {
        message p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.username = r.string(json_key::username);
        p.content = r.string(json_key::content);
        p.sanitized = r.flag(json_key::sanitized);
        p.delivery = read_stamp(r);
        p.player_id = r.optional_string(json_key::player_id);
        out.value = std::move(p);
    } else if (type == "handshake") {
        handshake p;
        p.version = r.integer(json_key::version, INT32_MIN, INT32_MAX);
        p.info = r.info();
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
        p.features = r.features();
        if (r.has(json_key::origin) || r.has(json_key::session)) {
            p.origin = r.non_empty(json_key::origin);
            p.session = r.integer(json_key::session, 1, max_wire_integer);
        }
        out.value = std::move(p);
    } else if (type == "acknowledge") {
        acknowledge p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.host_id = r.integer(json_key::host_identifier, 0, max_identifier);
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
        p.connections = read_connections(r);
        p.features = r.features();
        p.epoch = r.has(json_key::epoch) ? r.string(json_key::epoch) : std::string{};
        if (r.has(json_key::position)) {
            p.position = r.integer(json_key::position, 0, max_wire_integer);
        }
        out.value = std::move(p);
    } else if (type == "connection") {
        connection p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.info = r.info();
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
        out.value = std::move(p);
    } else if (type == "disconnect") {
        out.value = disconnect{r.integer(json_key::identifier, 0, max_identifier)};
    } else if (type == "join") {
        join p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.username = r.string(json_key::username);
        p.delivery = read_stamp(r);
        p.player_id = r.optional_string(json_key::player_id);
        out.value = std::move(p);
    } else if (type == "leave") {
        leave p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.username = r.string(json_key::username);
        p.delivery = read_stamp(r);
        p.player_id = r.optional_string(json_key::player_id);
        out.value = std::move(p);
    } else if (type == "players") {
        players p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.list = read_players(r);
        out.value = std::move(p);
    } else if (type == "whisper") {
        whisper p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.target = r.integer(json_key::target, 0, max_identifier);
        p.from_id = r.optional_string(json_key::from_id);
        p.from_name = r.string(json_key::from_name);
        p.to_id = r.optional_string(json_key::to_id);
        p.to_name = r.string(json_key::to_name);
        p.content = r.string(json_key::content);
        p.sanitized = r.flag(json_key::sanitized);
        out.value = std::move(p);
    } else if (type == "whisperStatus") {
        whisper_status p;
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.target = r.integer(json_key::target, 0, max_identifier);
        p.from_id = r.optional_string(json_key::from_id);
        p.from_name = r.string(json_key::from_name);
        p.to_id = r.optional_string(json_key::to_id);
        p.to_name = r.string(json_key::to_name);
        p.status = whisper_result_from(r.string(json_key::status));
        out.value = std::move(p);
    } else if (type == "ack") {
        ack p;
        p.session = r.integer(json_key::session, 1, max_wire_integer);
        p.seq = r.integer(json_key::seq, 0, max_wire_integer);
        out.value = p;
    } else if (type == "resume") {
        resume p;
        p.epoch = r.string(json_key::epoch);
        p.position = r.integer(json_key::position, 0, max_wire_integer);
        p.outcome = r.has(json_key::outcome) ? r.string(json_key::outcome) : std::string{};
        p.lost = r.has(json_key::lost) ? r.integer(json_key::lost, 0, max_wire_integer) : 0;
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

void encode_to(std::string& out, const packet& p, encode_options opts) {
    detail::json_writer w(out);
    w.field("type", type_name(p));
    const auto write_player_id = [&](const std::string& id) {
        if (opts.extensions && opts.player_ids && !id.empty()) {
            w.field("playerId", id);
        }
    };
    std::visit(overloaded{
                   [&](const handshake& h) {
                       w.field("version", h.version);
                       write_info(w, h.info);
                       w.field("playerCount", h.player_count);
                       if (opts.extensions && !h.features.empty()) {
                           w.field("features", h.features);
                       }
                       if (opts.extensions && !h.origin.empty()) {
                           w.field("origin", h.origin).field("session", h.session);
                       }
                   },
                   [&](const acknowledge& a) {
                       w.field("identifier", a.id).field("hostIdentifier", a.host_id);
                       w.field("playerCount", a.player_count);
                       write_connections(w.raw("connections"), a.connections);
                       if (opts.extensions && !a.features.empty()) {
                           w.field("features", a.features);
                       }
                       if (opts.extensions && !a.epoch.empty()) {
                           w.field("epoch", a.epoch);
                       }
                       if (opts.extensions && a.position) {
                           w.field("position", *a.position);
                       }
                   },
                   [&](const connection& c) {
                       w.field("identifier", c.id);
                       write_info(w, c.info);
                       w.field("playerCount", c.player_count);
                   },
                   [&](const disconnect& d) { w.field("identifier", d.id); },
                   [&](const join& j) {
                       w.field("identifier", j.id).field("username", j.username);
                       write_stamp(w, j.delivery, opts);
                       write_player_id(j.player_id);
                   },
                   [&](const leave& l) {
                       w.field("identifier", l.id).field("username", l.username);
                       write_stamp(w, l.delivery, opts);
                       write_player_id(l.player_id);
                   },
                   [&](const message& m) {
                       w.field("identifier", m.id).field("username", m.username);
                       w.field("content", m.content);
                       if (opts.extensions && m.sanitized) {
                           w.field("sanitized", true);
                       }
                       write_stamp(w, m.delivery, opts);
                       write_player_id(m.player_id);
                   },
                   [&](const players& l) {
                       w.field("identifier", l.id);
                       write_players(w.raw("players"), l.list);
                   },
                   [&](const whisper& v) {
                       w.field("identifier", v.id).field("target", v.target);
                       if (!v.from_id.empty()) {
                           w.field("fromId", v.from_id);
                       }
                       w.field("fromName", v.from_name);
                       if (!v.to_id.empty()) {
                           w.field("toId", v.to_id);
                       }
                       w.field("toName", v.to_name).field("content", v.content);
                       if (v.sanitized) {
                           w.field("sanitized", true);
                       }
                   },
                   [&](const whisper_status& v) {
                       w.field("identifier", v.id).field("target", v.target);
                       if (!v.from_id.empty()) {
                           w.field("fromId", v.from_id);
                       }
                       w.field("fromName", v.from_name);
                       if (!v.to_id.empty()) {
                           w.field("toId", v.to_id);
                       }
                       w.field("toName", v.to_name).field("status", to_string(v.status));
                   },
                   [&](const ack& a) { w.field("session", a.session).field("seq", a.seq); },
                   [&](const resume& r) {
                       w.field("epoch", r.epoch).field("position", r.position);
                       if (!r.outcome.empty()) {
                           w.field("outcome", r.outcome).field("lost", r.lost);
                       } else if (r.lost != 0) { // decoded from a peer: keep what it said
                           w.field("lost", r.lost);
                       }
                   },
                   [](const ping&) {},
                   [](const pong&) {},
               },
               p);
    w.finish_line();
}

std::string encode(const packet& p, encode_options opts) {
    std::string out;
    out.reserve(size_hint(p));
    encode_to(out, p, opts);
    return out;
}

decode_result decode(std::string_view frame) {
    detail::json_value root;
    detail::json_fields fields;
    detail::json_error error;
    if (!detail::parse_json(frame, max_nesting, root, fields, error)) {
        // Too deep anywhere in the frame wins over a syntax error, as it always did.
        if (error.what == detail::json_error::kind::too_deep ||
            json_nesting_depth(frame, max_nesting) > max_nesting) {
            return fail(errc::nesting_too_deep,
                        "nested deeper than " + std::to_string(max_nesting) + " levels");
        }
        return fail(errc::invalid_json, "invalid JSON at byte " + std::to_string(error.offset) +
                                            ": " + error.reason);
    }
    if (root.type != detail::json_type::object) {
        return fail(errc::not_an_object, "expected a JSON object");
    }
    return decode_object(fields);
}

} // namespace csc::protocol
