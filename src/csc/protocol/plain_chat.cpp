#include "csc/protocol/plain_chat.hpp"

#include "csc/protocol/json_text.hpp"

namespace csc::protocol::detail {
namespace {

/// Consumes `piece` from the front of `rest`, if it is there.
bool take(std::string_view& rest, std::string_view piece) noexcept {
    if (!rest.starts_with(piece)) {
        return false;
    }
    rest.remove_prefix(piece.size());
    return true;
}

/// Consumes a string body written as the encoder writes it, up to and including its closing
/// quote, into `text`.
bool take_plain_string(std::string_view& rest, std::string_view& text) noexcept {
    std::size_t i = 0;
    for (;;) {
        i = find_special_byte(rest, i);
        if (i == rest.size()) {
            return false; // unterminated
        }
        const auto c = static_cast<unsigned char>(rest[i]);
        if (c == '"') {
            break;
        }
        if (c < 0x80) {
            return false; // a backslash or a control character: not the encoder's layout
        }
        const std::size_t len = utf8_sequence_length(rest, i);
        if (len == 0) {
            return false;
        }
        i += len;
    }
    text = rest.substr(0, i);
    rest.remove_prefix(i + 1);
    return true;
}

} // namespace

bool parse_plain_chat(std::string_view frame, plain_chat_frame& out) noexcept {
    std::string_view rest = frame;
    if (!take(rest, R"({"type":")")) {
        return false;
    }
    if (take(rest, R"(message","identifier":)")) {
        out.type = plain_chat_frame::kind::message;
    } else if (take(rest, R"(join","identifier":)")) {
        out.type = plain_chat_frame::kind::join;
    } else if (take(rest, R"(leave","identifier":)")) {
        out.type = plain_chat_frame::kind::leave;
    } else {
        return false;
    }
    out.id_start = frame.size() - rest.size();
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
        ++digits;
    }
    if (digits == 0 || (digits > 1 && rest[0] == '0')) {
        return false;
    }
    rest.remove_prefix(digits);
    out.id_end = frame.size() - rest.size();
    if (!take(rest, R"(,"username":")") || !take_plain_string(rest, out.username)) {
        return false;
    }
    out.content = {};
    if (out.type == plain_chat_frame::kind::message &&
        (!take(rest, R"(,"content":")") || !take_plain_string(rest, out.content))) {
        return false;
    }
    // A newline after it, as encode() writes it, is what decode() also accepts.
    if (rest != "}" && rest != "}\n") {
        return false;
    }
    out.end = frame.size() - rest.size() + 1;
    return true;
}

} // namespace csc::protocol::detail
