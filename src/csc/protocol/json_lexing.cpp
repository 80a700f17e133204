// The JSON reader's token helpers (json_lexing.hpp) and unescape() (json_reader.hpp).
#include "csc/protocol/json_lexing.hpp"
#include "csc/protocol/json_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace csc::protocol::detail {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
    const auto put = [&](unsigned long b) { out.push_back(static_cast<char>(b)); };
    if (cp < 0x80) {
        put(cp);
    } else if (cp < 0x800) {
        put(0xC0 | (cp >> 6)), put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        put(0xE0 | (cp >> 12)), put(0x80 | ((cp >> 6) & 0x3F)), put(0x80 | (cp & 0x3F));
    } else {
        put(0xF0 | (cp >> 18)), put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F)), put(0x80 | (cp & 0x3F));
    }
}

} // namespace

long hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) {
        return -1;
    }
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int d = hex_value(text[at + k]);
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

bool too_large_for_double(std::string_view token) {
    std::size_t i = token.empty() || token[0] != '-' ? 0 : 1;
    std::int64_t magnitude = 0;
    std::int64_t int_digits = 0;
    bool found = false;
    for (; i < token.size() && is_digit(token[i]); ++i) {
        if (found) {
            ++int_digits;
        } else if (token[i] != '0') {
            found = true;
            int_digits = 1;
        }
    }
    if (found) {
        magnitude = int_digits - 1;
    }
    if (i < token.size() && token[i] == '.') {
        std::int64_t zeros = 0;
        for (++i; i < token.size() && is_digit(token[i]); ++i) {
            if (!found) {
                if (token[i] == '0') {
                    ++zeros;
                } else {
                    found = true;
                    magnitude = -(zeros + 1);
                }
            }
        }
    }
    std::int64_t exponent = 0;
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        const bool negative = i < token.size() && token[i] == '-';
        if (i < token.size() && (token[i] == '-' || token[i] == '+')) {
            ++i;
        }
        constexpr std::int64_t cap = 1000000000;
        for (; i < token.size() && is_digit(token[i]); ++i) {
            exponent = std::min(cap, exponent * 10 + (token[i] - '0'));
        }
        if (negative) {
            exponent = -exponent;
        }
    }
    return found && magnitude + exponent > 0;
}

std::string unescape(const json_value& string) {
    const std::string_view raw = string.text;
    if (!string.escaped) {
        return std::string(raw);
    }
    std::string out;
    out.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::size_t next = raw.find('\\', i);
        if (next == std::string_view::npos) {
            out.append(raw.substr(i));
            break;
        }
        out.append(raw.substr(i, next - i));
        const char c = raw[next + 1];
        i = next + 2;
        switch (c) {
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            unsigned long cp = static_cast<unsigned long>(hex4(raw, i));
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { // validated: a low surrogate escape follows
                const auto low = static_cast<unsigned long>(hex4(raw, i + 2));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
            append_utf8(out, cp);
            break;
        }
        default: out.push_back(c); break; // '"', '\\', '/'
        }
    }
    return out;
}

} // namespace csc::protocol::detail
