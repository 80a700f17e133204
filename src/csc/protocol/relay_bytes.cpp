#include "csc/protocol/relay_bytes.hpp"

#include "csc/protocol/json_text.hpp"

#include <array>
#include <charconv>

namespace csc::protocol {
namespace {

/// Whether the encoder writes `text` between quotes as it is: no quote, backslash or
/// control character, and only well-formed UTF-8 (each of those it would escape or replace).
bool written_as_is(std::string_view text) {
    std::size_t i = 0;
    while ((i = detail::find_special_byte(text, i)) < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            return false; // '"', '\\' or a control character
        }
        const std::size_t len = detail::utf8_sequence_length(text, i);
        if (len == 0) {
            return false;
        }
        i += len;
    }
    return true;
}

/// Consumes `piece` from the front of `rest`, if it is there.
bool take(std::string_view& rest, std::string_view piece) {
    if (!rest.starts_with(piece)) {
        return false;
    }
    rest.remove_prefix(piece.size());
    return true;
}

/// Consumes `"text"` (followed by `after`) from the front of `rest` when the encoder writes
/// `text` as it is.
bool take_string(std::string_view& rest, std::string_view text, std::string_view after) {
    return written_as_is(text) && take(rest, "\"") && take(rest, text) && take(rest, after);
}

/// The fields every variant of encode() writes alike: join, leave and message without
/// extension fields.
struct plain_chat {
    std::string_view head; ///< `{"type":"<type>","identifier":`
    identifier id = 0;
    std::string_view username;
    const std::string* content = nullptr; ///< message only
};

bool plain_fields(const packet& p, plain_chat& out) {
    if (const auto* m = std::get_if<message>(&p)) {
        if (m->sanitized || !m->delivery.origin.empty() || !m->player_id.empty()) {
            return false;
        }
        out = {R"({"type":"message","identifier":)", m->id, m->username, &m->content};
        return true;
    }
    if (const auto* j = std::get_if<join>(&p)) {
        if (!j->delivery.origin.empty() || !j->player_id.empty()) {
            return false;
        }
        out = {R"({"type":"join","identifier":)", j->id, j->username, nullptr};
        return true;
    }
    if (const auto* l = std::get_if<leave>(&p)) {
        if (!l->delivery.origin.empty() || !l->player_id.empty()) {
            return false;
        }
        out = {R"({"type":"leave","identifier":)", l->id, l->username, nullptr};
        return true;
    }
    return false;
}

} // namespace

bool append_as_encoded(std::string& out, std::string_view frame, const packet& p) {
    plain_chat chat;
    if (!plain_fields(p, chat)) {
        return false;
    }
    std::string_view rest = frame;
    if (!take(rest, chat.head)) {
        return false;
    }
    // The identifier as the encoder writes any: digits, no leading zero.
    const std::size_t id_start = frame.size() - rest.size();
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
        ++digits;
    }
    if (digits == 0 || (digits > 1 && rest[0] == '0')) {
        return false;
    }
    rest.remove_prefix(digits);
    const std::size_t id_end = frame.size() - rest.size();
    if (!take(rest, R"(,"username":)")) {
        return false;
    }
    if (chat.content == nullptr) {
        if (!take_string(rest, chat.username, "\"}")) {
            return false;
        }
    } else if (!take_string(rest, chat.username, R"(","content":)") ||
               !take_string(rest, *chat.content, "\"}")) {
        return false;
    }
    if (!rest.empty()) {
        return false;
    }
    std::array<char, 24> id{};
    const auto written = std::to_chars(id.data(), id.data() + id.size(), chat.id);
    out.append(frame.substr(0, id_start));
    out.append(id.data(), written.ptr);
    out.append(frame.substr(id_end));
    out.push_back('\n');
    return true;
}

} // namespace csc::protocol
