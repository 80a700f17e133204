// The codec of the delivery extension (docs/delivery.md): the stamp on join/leave/message,
// `ack` and `resume`.

#include "csc/protocol/codec_parts.hpp"

namespace csc::protocol::detail {
namespace {

/// Optional `server` of a delivery stamp: an object with string name, color and prefix.
std::optional<server_info> read_origin_server(field_reader& r) {
    if (!r.has(json_key::server)) {
        return std::nullopt;
    }
    const json_value* v = r.object(json_key::server);
    if (v == nullptr) {
        return std::nullopt;
    }
    json_fields fields;
    read_fields(*v, fields);
    field_reader inner(fields);
    server_info info = inner.info();
    if (!inner.ok()) {
        r.fail_field(inner.error() == make_error_code(errc::missing_field) ? errc::missing_field
                                                                          : errc::wrong_type,
                     json_key::server, inner.detail());
        return std::nullopt;
    }
    return info;
}

} // namespace

void read_stamp(field_reader& r, delivery_stamp& d) {
    if (r.has(json_key::origin) || r.has(json_key::session) || r.has(json_key::seq) ||
        r.has(json_key::pos)) {
        d.origin = r.non_empty(json_key::origin);
        d.session = r.integer(json_key::session, 1, max_wire_integer);
        d.seq = r.integer(json_key::seq, 1, max_wire_integer);
        d.pos = r.has(json_key::pos) ? r.integer(json_key::pos, 1, max_wire_integer) : 0;
        d.server = read_origin_server(r);
    }
}

void write_stamp(json_writer& w, const delivery_stamp& d, encode_options opts) {
    if (opts.extensions && !d.origin.empty()) {
        w.field("origin", d.origin).field("session", d.session).field("seq", d.seq);
        if (d.pos > 0) {
            w.field("pos", d.pos);
        }
        if (d.server) {
            std::string& out = w.raw("server");
            json_writer inner(out);
            write_info(inner, *d.server);
            out.push_back('}');
        }
    }
}

void decode_ack(field_reader& r, packet& out) {
    ack& p = out.emplace<ack>();
    p.session = r.integer(json_key::session, 1, max_wire_integer);
    p.seq = r.integer(json_key::seq, 0, max_wire_integer);
}

void decode_resume(field_reader& r, packet& out) {
    resume& p = out.emplace<resume>();
    p.epoch = r.string(json_key::epoch);
    p.position = r.integer(json_key::position, 0, max_wire_integer);
    p.outcome = r.has(json_key::outcome) ? r.string(json_key::outcome) : std::string{};
    p.lost = r.has(json_key::lost) ? r.integer(json_key::lost, 0, max_wire_integer) : 0;
}

void write_ack(json_writer& w, const ack& a) {
    w.field("session", a.session).field("seq", a.seq);
}

void write_resume(json_writer& w, const resume& r) {
    w.field("epoch", r.epoch).field("position", r.position);
    if (!r.outcome.empty()) {
        w.field("outcome", r.outcome).field("lost", r.lost);
    } else if (r.lost != 0) { // decoded from a peer: keep what it said
        w.field("lost", r.lost);
    }
}

} // namespace csc::protocol::detail
