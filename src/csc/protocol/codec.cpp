// Packet <-> JSON text: the packets of protocol version 1 and the dispatch to the
// extensions' own files (codec_delivery.cpp, codec_players.cpp).

#include "csc/protocol/codec.hpp"

#include "csc/protocol/codec_parts.hpp"
#include "csc/protocol/errc.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "csc/protocol/json_depth.hpp"
#include "csc/protocol/overloaded.hpp"
#include "csc/protocol/plain_chat.hpp"

#include <climits>

namespace csc::protocol {
namespace {

using detail::field_reader;
using detail::json_key;
using detail::json_type;
using detail::json_value;

void write_connections(std::string& out, const std::vector<connection_entry>& entries) {
    out.push_back('[');
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        detail::json_writer w(out);
        w.field("identifier", entries[i].id);
        detail::write_info(w, entries[i].info);
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

/// Acknowledge entries that are not complete (an original host lists connections
/// that never handshook, with null names) are skipped rather than failing the packet.
std::vector<connection_entry> read_connections(field_reader& r) {
    std::vector<connection_entry> out;
    detail::for_each_entry(r, json_key::connections, [&](field_reader* entry, std::size_t) {
        if (entry != nullptr) {
            connection_entry e;
            e.id = entry->integer(json_key::identifier, 0, max_identifier);
            e.info = entry->info();
            if (entry->ok()) {
                out.push_back(std::move(e));
            }
        }
        return true;
    });
    return out;
}

decode_result fail(errc e, std::string detail) {
    decode_result r;
    r.error = e;
    r.detail = std::move(detail);
    return r;
}

/// join, leave and message share their fields but `content`.
template <class Chat>
void read_chat(field_reader& r, Chat& p) {
    p.id = r.integer(json_key::identifier, 0, max_identifier);
    r.string_into(json_key::username, p.username);
    if constexpr (std::is_same_v<Chat, message>) {
        r.string_into(json_key::content, p.content);
        p.sanitized = r.flag(json_key::sanitized);
    }
    detail::read_stamp(r, p.delivery);
    if (r.has(json_key::player_id)) {
        r.string_into(json_key::player_id, p.player_id);
    }
}

/// Fills `out` with the packet named `type`; false when the type is unknown.
bool decode_fields(std::string_view type, field_reader& r, packet& out) {
    if (type == "message") {
        read_chat(r, out.emplace<message>());
    } else if (type == "handshake") {
        handshake& p = out.emplace<handshake>();
        p.version = r.integer(json_key::version, INT32_MIN, INT32_MAX);
        p.info = r.info();
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
        p.features = r.features();
        if (r.has(json_key::origin) || r.has(json_key::session)) {
            p.origin = r.non_empty(json_key::origin);
            p.session = r.integer(json_key::session, 1, max_wire_integer);
        }
    } else if (type == "acknowledge") {
        acknowledge& p = out.emplace<acknowledge>();
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.host_id = r.integer(json_key::host_identifier, 0, max_identifier);
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
        p.connections = read_connections(r);
        p.features = r.features();
        p.epoch = r.has(json_key::epoch) ? r.string(json_key::epoch) : std::string{};
        if (r.has(json_key::position)) {
            p.position = r.integer(json_key::position, 0, max_wire_integer);
        }
    } else if (type == "connection") {
        connection& p = out.emplace<connection>();
        p.id = r.integer(json_key::identifier, 0, max_identifier);
        p.info = r.info();
        p.player_count = r.integer(json_key::player_count, 0, max_player_count);
    } else if (type == "disconnect") {
        out.emplace<disconnect>().id = r.integer(json_key::identifier, 0, max_identifier);
    } else if (type == "join") {
        read_chat(r, out.emplace<join>());
    } else if (type == "leave") {
        read_chat(r, out.emplace<leave>());
    } else if (type == "players") {
        detail::decode_players(r, out);
    } else if (type == "whisper") {
        detail::decode_whisper(r, out);
    } else if (type == "whisperStatus") {
        detail::decode_whisper_status(r, out);
    } else if (type == "ack") {
        detail::decode_ack(r, out);
    } else if (type == "resume") {
        detail::decode_resume(r, out);
    } else if (type == "ping") {
        out.emplace<ping>();
    } else if (type == "pong") {
        out.emplace<pong>();
    } else {
        return false;
    }
    return true;
}

decode_result decode_object(const detail::json_fields& fields) {
    const json_value& type_field = fields[json_key::type];
    if (type_field.type == json_type::absent) {
        return fail(errc::missing_field, "field 'type': missing");
    }
    if (type_field.type != json_type::string) {
        return fail(errc::wrong_type, "field 'type': expected a string");
    }
    std::string unescaped;
    if (type_field.escaped) {
        unescaped = detail::unescape(type_field);
    }
    const std::string_view type = type_field.escaped ? std::string_view{unescaped} : type_field.text;
    field_reader r(fields);
    decode_result out;
    if (!decode_fields(type, r, out.value)) {
        return fail(errc::unknown_type,
                    "unknown packet type \"" + std::string(type.substr(0, 64)) + "\"");
    }
    if (!r.ok()) {
        return fail(static_cast<errc>(r.error().value()), std::string(type) + " " + r.detail());
    }
    return out;
}

} // namespace

namespace detail {

void write_info(json_writer& w, const server_info& info) {
    w.field("name", info.name).field("color", info.color).field("prefix", info.prefix);
}

} // namespace detail

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
                       detail::write_info(w, h.info);
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
                       detail::write_info(w, c.info);
                       w.field("playerCount", c.player_count);
                   },
                   [&](const disconnect& d) { w.field("identifier", d.id); },
                   [&](const join& j) {
                       w.field("identifier", j.id).field("username", j.username);
                       detail::write_stamp(w, j.delivery, opts);
                       write_player_id(j.player_id);
                   },
                   [&](const leave& l) {
                       w.field("identifier", l.id).field("username", l.username);
                       detail::write_stamp(w, l.delivery, opts);
                       write_player_id(l.player_id);
                   },
                   [&](const message& m) {
                       w.field("identifier", m.id).field("username", m.username);
                       w.field("content", m.content);
                       if (opts.extensions && m.sanitized) {
                           w.field("sanitized", true);
                       }
                       detail::write_stamp(w, m.delivery, opts);
                       write_player_id(m.player_id);
                   },
                   [&](const players& l) { detail::write_players(w, l); },
                   [&](const whisper& v) { detail::write_whisper(w, v); },
                   [&](const whisper_status& v) { detail::write_whisper_status(w, v); },
                   [&](const ack& a) { detail::write_ack(w, a); },
                   [&](const resume& r) { detail::write_resume(w, r); },
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

namespace {

decode_result decode_general(std::string_view frame) {
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

} // namespace

decode_result decode(std::string_view frame) {
    decode_result out;
    decode_into(frame, out);
    return out;
}

void decode_into(std::string_view frame, decode_result& out) {
    // decode_plain gives exactly what the general reader would for such a frame (the unit
    // tests and the differential fuzzer check that).
    if (!detail::decode_plain(frame, out)) {
        out = decode_general(frame);
    }
}

void decode_into(std::string_view frame, decode_result& out, const frame_splitter& cut_by) {
    if (const detail::plain_chat_frame* plain = cut_by.last_plain(frame);
        plain != nullptr && detail::decode_matched(frame, *plain, out)) {
        return;
    }
    decode_into(frame, out);
}

} // namespace csc::protocol
