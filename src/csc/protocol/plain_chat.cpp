#include "csc/protocol/plain_chat.hpp"

#include "csc/protocol/json_text.hpp"

#include <charconv>

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

/// Index of the first byte at or after `i` that is '"', '\\', below 0x20, DEL or at least
/// 0x80, and with `label` also '<' or '>', or text.size() if there is none.
template <bool label>
std::size_t find_plain_stop(std::string_view text, std::size_t i) noexcept {
#if defined(__SSE2__)
    return scan16(text, i, [](__m128i v) {
        // Plus one, as signed bytes: below 0x20, DEL (0x80) and 0x80 - 0xff (0x81 - 0xff, 0)
        // are all "less than 0x21", and only they.
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
            _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x21)));
        if constexpr (label) {
            // '<' (0x3c) and '>' (0x3e) differ in one bit: clear it and look for 0x3c.
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_andnot_si128(_mm_set1_epi8(0x02), v),
                                                   _mm_set1_epi8(0x3c)));
        }
        return static_cast<unsigned>(_mm_movemask_epi8(hit));
    });
#else
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f || (label && (c == '<' || c == '>'))) {
            return i;
        }
    }
    return text.size();
#endif
}

/// Consumes a string body written as the encoder writes it, up to and including its closing
/// quote, into `text`; clears `printable` at a DEL or C1 control character and, with
/// `label`, `without_markup` at a '<' or '>'.
template <bool label>
bool take_plain_string(std::string_view& rest, std::string_view& text, bool& printable,
                       bool& without_markup) noexcept {
    std::size_t i = 0;
    for (;;) {
        i = find_plain_stop<label>(rest, i);
        if (i == rest.size()) {
            return false; // unterminated
        }
        const auto c = static_cast<unsigned char>(rest[i]);
        if (c == '"') {
            break;
        }
        if (c < 0x80) {
            if (c == 0x7f) {
                printable = false;
            } else if (label && (c == '<' || c == '>')) {
                without_markup = false;
            } else {
                return false; // a backslash or a C0 control: not the encoder's layout
            }
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence_length(rest, i);
        if (len == 0) {
            return false;
        }
        if (c == 0xC2 && static_cast<unsigned char>(rest[i + 1]) < 0xA0) {
            printable = false; // U+0080 - U+009F
        }
        i += len;
    }
    text = rest.substr(0, i);
    rest.remove_prefix(i + 1);
    return true;
}

/// `out` as a packet of type Chat, keeping its strings' storage when it already is one.
template <class Chat>
Chat& reuse_as(packet& out) {
    if (auto* c = std::get_if<Chat>(&out)) {
        c->username.clear();
        c->player_id.clear();
        c->delivery = {};
        if constexpr (std::is_same_v<Chat, message>) {
            c->content.clear();
            c->sanitized = false;
        }
        return *c;
    }
    return out.emplace<Chat>();
}

} // namespace

bool match_plain_chat(std::string_view frame, plain_chat_frame& out) noexcept {
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
    out.printable = true;
    out.username_without_markup = true;
    if (!take(rest, R"(,"username":")") ||
        !take_plain_string<true>(rest, out.username, out.printable, out.username_without_markup)) {
        return false;
    }
    out.content = {};
    bool unused = true;
    if (out.type == plain_chat_frame::kind::message &&
        (!take(rest, R"(,"content":")") ||
         !take_plain_string<false>(rest, out.content, out.printable, unused))) {
        return false;
    }
    if (!rest.starts_with('}')) {
        return false;
    }
    out.end = frame.size() - rest.size() + 1;
    return true;
}

bool parse_plain_chat(std::string_view frame, plain_chat_frame& out) noexcept {
    // A newline after it, as encode() writes it, is what decode() also accepts.
    return match_plain_chat(frame, out) &&
           (out.end == frame.size() || (out.end + 1 == frame.size() && frame.back() == '\n'));
}

bool decode_plain(std::string_view frame, decode_result& out) {
    detail::plain_chat_frame plain;
    return detail::parse_plain_chat(frame, plain) && decode_matched(frame, plain, out);
}

bool decode_matched(std::string_view frame, const plain_chat_frame& plain, decode_result& out) {
    std::uint64_t id = 0;
    const auto r = std::from_chars(frame.data() + plain.id_start, frame.data() + plain.id_end, id);
    if (r.ec != std::errc{} || id > static_cast<std::uint64_t>(max_identifier)) {
        return false; // the general reader says what is wrong with it
    }
    const auto sid = static_cast<identifier>(id);
    switch (plain.type) {
    case detail::plain_chat_frame::kind::message: {
        message& m = reuse_as<message>(out.value);
        m.id = sid;
        m.username.assign(plain.username);
        m.content.assign(plain.content);
        break;
    }
    case detail::plain_chat_frame::kind::join: {
        join& j = reuse_as<join>(out.value);
        j.id = sid;
        j.username.assign(plain.username);
        break;
    }
    case detail::plain_chat_frame::kind::leave: {
        leave& l = reuse_as<leave>(out.value);
        l.id = sid;
        l.username.assign(plain.username);
        break;
    }
    }
    out.error = {};
    out.detail.clear();
    out.plain = {true, plain.printable, plain.username_without_markup, plain.id_start,
                 plain.id_end, plain.end};
    return true;
}

} // namespace csc::protocol::detail
