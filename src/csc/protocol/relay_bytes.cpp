#include "csc/protocol/relay_bytes.hpp"

#include "csc/protocol/plain_chat.hpp"

#include <array>
#include <charconv>

namespace csc::protocol {
namespace {

using detail::plain_chat_frame;

/// Whether `p` is the packet `frame` describes, but for the identifier: same type, same
/// username and content, and no extension field (the encoder would write more).
bool same_packet(const packet& p, const plain_chat_frame& frame, identifier& id) {
    if (const auto* m = std::get_if<message>(&p)) {
        id = m->id;
        return frame.type == plain_chat_frame::kind::message && !m->sanitized &&
               m->delivery.origin.empty() && m->player_id.empty() &&
               m->username == frame.username && m->content == frame.content;
    }
    if (const auto* j = std::get_if<join>(&p)) {
        id = j->id;
        return frame.type == plain_chat_frame::kind::join && j->delivery.origin.empty() &&
               j->player_id.empty() && j->username == frame.username;
    }
    if (const auto* l = std::get_if<leave>(&p)) {
        id = l->id;
        return frame.type == plain_chat_frame::kind::leave && l->delivery.origin.empty() &&
               l->player_id.empty() && l->username == frame.username;
    }
    return false;
}

} // namespace

bool append_as_encoded(std::string& out, std::string_view frame, const packet& p) {
    plain_chat_frame plain;
    identifier id = 0;
    if (!detail::parse_plain_chat(frame, plain) || !same_packet(p, plain, id)) {
        return false;
    }
    append_with_identifier(out, frame, {.taken = true, .id_start = plain.id_start,
                                        .id_end = plain.id_end, .end = plain.end}, id);
    return true;
}

void append_with_identifier(std::string& out, std::string_view frame, const plain_layout& layout,
                            identifier id) {
    std::array<char, 24> digits{};
    const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), id);
    out.append(frame.substr(0, layout.id_start));
    out.append(digits.data(), written.ptr);
    out.append(frame.substr(layout.id_end, layout.end - layout.id_end));
    out.push_back('\n');
}

} // namespace csc::protocol
