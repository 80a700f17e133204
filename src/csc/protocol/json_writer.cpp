#include "csc/protocol/json_writer.hpp"

#include <array>

namespace csc::protocol::detail {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (b0 < 0x80) {
        return 1;
    } else if ((b0 & 0xE0U) == 0xC0U) {
        len = 2, min = 0x80, cp = b0 & 0x1FU;
    } else if ((b0 & 0xF0U) == 0xE0U) {
        len = 3, min = 0x800, cp = b0 & 0x0FU;
    } else if ((b0 & 0xF8U) == 0xF0U) {
        len = 4, min = 0x10000, cp = b0 & 0x07U;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0U) != 0x80U) {
            return 0;
        }
        cp = (cp << 6U) | (b & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
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

void json_writer::key(std::string_view k) {
    if (!first_) {
        out_.push_back(',');
    }
    first_ = false;
    out_.push_back('"');
    out_.append(k); // keys are our own constants: no escaping needed
    out_.append("\":");
}

json_writer& json_writer::field(std::string_view k, std::string_view value) {
    key(k);
    append_json_string(out_, value);
    return *this;
}

json_writer& json_writer::field(std::string_view k, std::int64_t value) {
    key(k);
    out_.append(std::to_string(value));
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
