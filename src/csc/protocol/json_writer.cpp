#include "csc/protocol/json_writer.hpp"

#include "csc/protocol/json_text.hpp"

#include <array>
#include <charconv>
#include <cstring>

namespace csc::protocol::detail {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

} // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        // Copy the run of bytes that need no escaping at once.
        const std::size_t special = find_special_byte(text, i);
        out.append(text.data() + i, special - i);
        i = special;
        if (i == text.size()) {
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t len = utf8_sequence_length(text, i);
            if (len == 0) {
                out.append(replacement);
                ++i;
            } else {
                out.append(text.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.push_back(hex[c >> 4U]);
                out.push_back(hex[c & 0x0FU]);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
        ++i;
    }
    out.push_back('"');
}

std::size_t json_writer::put_key(char* at, std::string_view k) noexcept {
    std::size_t n = 0;
    if (!first_) {
        at[n++] = ',';
    }
    first_ = false;
    at[n++] = '"';
    std::memcpy(at + n, k.data(), k.size()); // keys are our own constants: nothing to escape
    n += k.size();
    at[n++] = '"';
    at[n++] = ':';
    return n;
}

void json_writer::key(std::string_view k) {
    std::array<char, 64> piece; // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
    if (k.size() + 4 > piece.size()) {
        out_.append(first_ ? "\"" : ",\"").append(k).append("\":");
        first_ = false;
        return;
    }
    out_.append(piece.data(), put_key(piece.data(), k));
}

json_writer& json_writer::field(std::string_view k, std::string_view value) {
    // The common case, a short value with nothing to escape, is written with one append:
    // `,"key":"value"`.
    std::array<char, 160> piece; // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
    if (k.size() + value.size() + 6 <= piece.size() && find_special_byte(value, 0) == value.size()) {
        std::size_t n = put_key(piece.data(), k);
        piece[n++] = '"';
        std::memcpy(piece.data() + n, value.data(), value.size());
        n += value.size();
        piece[n++] = '"';
        out_.append(piece.data(), n);
        return *this;
    }
    key(k);
    append_json_string(out_, value);
    return *this;
}

json_writer& json_writer::field(std::string_view k, std::int64_t value) {
    std::array<char, 64> piece; // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
    constexpr std::size_t digits = 20; // "-9223372036854775808"
    if (k.size() + 4 + digits > piece.size()) {
        key(k);
        const auto r = std::to_chars(piece.data(), piece.data() + piece.size(), value);
        out_.append(piece.data(), r.ptr);
        return *this;
    }
    const std::size_t n = put_key(piece.data(), k);
    const auto r = std::to_chars(piece.data() + n, piece.data() + piece.size(), value);
    out_.append(piece.data(), r.ptr);
    return *this;
}

json_writer& json_writer::field(std::string_view k, bool value) {
    key(k);
    out_.append(value ? "true" : "false");
    return *this;
}

json_writer& json_writer::field(std::string_view k, const std::vector<std::string>& values) {
    key(k);
    out_.push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != 0) {
            out_.push_back(',');
        }
        append_json_string(out_, values[i]);
    }
    out_.push_back(']');
    return *this;
}

std::string& json_writer::raw(std::string_view k) {
    key(k);
    return out_;
}

} // namespace csc::protocol::detail
