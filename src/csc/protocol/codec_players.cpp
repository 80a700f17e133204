// The codec of the players extension (docs/protocol.md): `players` lists, `whisper` and
// `whisperStatus`.

#include "csc/protocol/codec_parts.hpp"

namespace csc::protocol::detail {
namespace {

/// A `players` list: an array of at most max_players objects with string `id` and
/// `name`. Any entry that is not such an object fails the packet (a partial list would
/// silently drop players).
std::vector<player_entry> read_players(field_reader& r) {
    std::vector<player_entry> out;
    bool failed = false;
    for_each_entry(r, json_key::players, [&](field_reader* entry, std::size_t index) {
        if (index == max_players) {
            r.fail_field(errc::out_of_range, json_key::players,
                         "more than " + std::to_string(max_players) + " entries");
        } else if (entry == nullptr) {
            r.fail_field(errc::wrong_type, json_key::players, "expected objects");
        } else {
            player_entry e;
            entry->string_into(json_key::id, e.id);
            entry->string_into(json_key::name, e.name);
            if (entry->ok()) {
                out.push_back(std::move(e));
                return true;
            }
            r.fail_field(static_cast<errc>(entry->error().value()), json_key::players,
                         "entry " + std::to_string(index) + ": " + entry->detail());
        }
        failed = true;
        return false;
    });
    if (failed) {
        out.clear();
    }
    return out;
}

void write_list(std::string& out, const std::vector<player_entry>& list) {
    out.push_back('[');
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) {
            out.push_back(',');
        }
        json_writer w(out);
        w.field("id", list[i].id).field("name", list[i].name);
        out.push_back('}');
    }
    out.push_back(']');
}

/// The fields a whisper and its status share: who sends it, through which link, to whom.
template <typename Routed>
void read_route(field_reader& r, Routed& p) {
    p.id = r.integer(json_key::identifier, 0, max_identifier);
    p.target = r.integer(json_key::target, 0, max_identifier);
    p.from_id = r.optional_string(json_key::from_id);
    p.from_name = r.string(json_key::from_name);
    p.to_id = r.optional_string(json_key::to_id);
    p.to_name = r.string(json_key::to_name);
}

template <typename Routed>
void write_route(json_writer& w, const Routed& v) {
    w.field("identifier", v.id).field("target", v.target);
    if (!v.from_id.empty()) {
        w.field("fromId", v.from_id);
    }
    w.field("fromName", v.from_name);
    if (!v.to_id.empty()) {
        w.field("toId", v.to_id);
    }
    w.field("toName", v.to_name);
}

} // namespace

void decode_players(field_reader& r, packet& out) {
    players& p = out.emplace<players>();
    p.id = r.integer(json_key::identifier, 0, max_identifier);
    p.list = read_players(r);
}

void decode_whisper(field_reader& r, packet& out) {
    whisper& p = out.emplace<whisper>();
    read_route(r, p);
    p.content = r.string(json_key::content);
    p.sanitized = r.flag(json_key::sanitized);
}

void decode_whisper_status(field_reader& r, packet& out) {
    whisper_status& p = out.emplace<whisper_status>();
    read_route(r, p);
    p.status = whisper_result_from(r.string(json_key::status));
}

void write_players(json_writer& w, const players& l) {
    w.field("identifier", l.id);
    write_list(w.raw("players"), l.list);
}

void write_whisper(json_writer& w, const whisper& v) {
    write_route(w, v);
    w.field("content", v.content);
    if (v.sanitized) {
        w.field("sanitized", true);
    }
}

void write_whisper_status(json_writer& w, const whisper_status& v) {
    write_route(w, v);
    w.field("status", to_string(v.status));
}

} // namespace csc::protocol::detail
