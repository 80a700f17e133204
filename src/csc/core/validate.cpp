#include "csc/core/validate.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <variant>

namespace csc::core {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

/// One decoded code point: its value and how many bytes it took (0 bytes: invalid lead).
struct code_point {
    std::uint32_t value = 0;
    std::size_t length = 0;
};

code_point next_code_point(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if (b0 < 0x80) {
        return {b0, 1};
    }
    if ((b0 & 0xE0U) == 0xC0U) {
        len = 2, min = 0x80, cp = b0 & 0x1FU;
    } else if ((b0 & 0xF0U) == 0xE0U) {
        len = 3, min = 0x800, cp = b0 & 0x0FU;
    } else if ((b0 & 0xF8U) == 0xF0U) {
        len = 4, min = 0x10000, cp = b0 & 0x07U;
    } else {
        return {};
    }
    if (i + len > s.size()) {
        return {};
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0U) != 0x80U) {
            return {};
        }
        cp = (cp << 6U) | (b & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {};
    }
    return {cp, len};
}

bool is_control(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f); }

/// Walks `text` code point by code point (invalid bytes as U+FFFD, one each) and
/// appends what `keep` returns for each, while `fits(out, piece)` holds.
template <class Map, class Fits>
std::string rewrite(std::string_view text, Map map, Fits fits) {
    std::string out;
    out.reserve(text.size() < 256 ? text.size() : 256);
    std::size_t i = 0;
    while (i < text.size()) {
        const code_point cp = next_code_point(text, i);
        const std::string_view piece =
            cp.length == 0 ? replacement : text.substr(i, cp.length);
        const std::uint32_t value = cp.length == 0 ? 0xFFFD : cp.value;
        i += cp.length == 0 ? 1 : cp.length;
        const std::string_view mapped = map(value, piece);
        if (mapped.empty()) {
            continue;
        }
        if (!fits(out, mapped)) {
            break;
        }
        out.append(mapped);
    }
    return out;
}

constexpr std::uint64_t ones = 0x0101010101010101ULL;
constexpr std::uint64_t highs = 0x8080808080808080ULL;

/// True when one of the eight bytes of `w` is zero.
constexpr bool has_zero_byte(std::uint64_t w) { return ((w - ones) & ~w & highs) != 0; }

/// True when the eight bytes at `p` are printable ASCII (0x20-0x7e), and with `label`
/// none is '<' or '>': nothing there to clean.
bool printable_ascii8(const char* p, bool label) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    if ((w & highs) != 0) {
        return false; // a non-ASCII byte
    }
    // Every byte is below 0x80, so (w - 0x20..) sets a byte's high bit iff it was < 0x20.
    if (((w - 0x20 * ones) & highs) != 0 || has_zero_byte(w ^ (0x7f * ones))) {
        return false;
    }
    // '<' (0x3c) and '>' (0x3e) differ in one bit: clear it and look for 0x3c.
    return !label || !has_zero_byte((w & ~(0x02 * ones)) ^ (0x3c * ones));
}

/// How many bytes from the start of `text` are surely clean (a multiple of eight).
std::size_t clean_ascii_prefix(std::string_view text, bool label) {
    std::size_t i = 0;
    while (i + 8 <= text.size() && printable_ascii8(text.data() + i, label)) {
        i += 8;
    }
    return i;
}

/// True when clean_label(text, max_code_points) would return `text` unchanged: valid
/// UTF-8, no control character, no '<' or '>', at most `max_code_points` code points.
bool label_is_clean(std::string_view text, std::size_t max_code_points) {
    // Each clean ASCII byte is a code point of its own.
    std::size_t i = clean_ascii_prefix(text, true);
    std::size_t count = i;
    if (count > max_code_points) {
        return false;
    }
    for (; i < text.size(); ++count) {
        const code_point cp = next_code_point(text, i);
        if (cp.length == 0 || is_control(cp.value) || cp.value == '<' || cp.value == '>' ||
            count == max_code_points) {
            return false;
        }
        i += cp.length;
    }
    return true;
}

/// True when clean_content(text, max_bytes) would return `text` unchanged: valid UTF-8,
/// no control character, at most `max_bytes` bytes.
bool content_is_clean(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes) {
        return false;
    }
    for (std::size_t i = clean_ascii_prefix(text, false); i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x20 && b < 0x7f) {
            ++i; // printable ASCII, the usual case
            continue;
        }
        const code_point cp = next_code_point(text, i);
        if (cp.length == 0 || is_control(cp.value)) {
            return false;
        }
        i += cp.length;
    }
    return true;
}

/// True when text, already known to be printable UTF-8 without '<' or '>', has at most
/// `max_code_points` code points.
bool printable_label_fits(std::string_view text, std::size_t max_code_points) {
    if (text.size() <= max_code_points) {
        return true; // a code point takes a byte at least
    }
    const auto continuation = static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }));
    return text.size() - continuation <= max_code_points;
}

/// Cleans `text` in place, rewriting it only when something must change; true when it did.
bool clean_label_in_place(std::string& text, std::size_t max_code_points) {
    if (label_is_clean(text, max_code_points)) {
        return false;
    }
    text = clean_label(text, max_code_points);
    return true;
}

/// clean_label_in_place for a name `known` describes.
bool clean_name_in_place(std::string& text, std::size_t max_code_points, known_text known) {
    if (known.printable && known.names_without_markup &&
        printable_label_fits(text, max_code_points)) {
        return false;
    }
    return clean_label_in_place(text, max_code_points);
}

} // namespace

std::string clean_label(std::string_view text, std::size_t max_code_points) {
    std::size_t taken = 0;
    return rewrite(
        text,
        [](std::uint32_t cp, std::string_view piece) -> std::string_view {
            return (is_control(cp) || cp == '<' || cp == '>') ? std::string_view{} : piece;
        },
        [&](const std::string&, std::string_view) { return taken++ < max_code_points; });
}

std::string clean_content(std::string_view text, std::size_t max_bytes) {
    return rewrite(
        text,
        [](std::uint32_t cp, std::string_view piece) -> std::string_view {
            return is_control(cp) ? std::string_view{" "} : piece;
        },
        [&](const std::string& out, std::string_view piece) {
            return out.size() + piece.size() <= max_bytes;
        });
}

std::string clean_color(std::string_view color) {
    if (color.size() != 6) {
        return std::string(default_color);
    }
    for (const char c : color) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) {
            return std::string(default_color);
        }
    }
    return std::string(color);
}

protocol::server_info clean_server_info(const protocol::server_info& info,
                                        const text_limits& limits) {
    return {clean_label(info.name, limits.name), clean_color(info.color),
            clean_label(info.prefix, limits.prefix)};
}

namespace {

/// Bytes `text` takes as a JSON string body (text already without control characters).
std::size_t json_body_size(std::string_view text) {
    return text.size() + static_cast<std::size_t>(std::count_if(
                             text.begin(), text.end(), [](char c) { return c == '"' || c == '\\'; }));
}

/// Cleans whisper/message content; content that was cut loses its sanitized mark. True when
/// it changed the content.
template <class T> bool clean_chat_content(T& v, const text_limits& limits, known_text known) {
    if (known.printable ? v.content.size() <= limits.content_bytes
                        : content_is_clean(v.content, limits.content_bytes)) {
        return false;
    }
    std::string cleaned = clean_content(v.content, limits.content_bytes);
    // A cut may land inside an escape (`&scl;`, `\\`): content that was cut is
    // no longer in sanitized form, so receivers must sanitize it themselves.
    if (cleaned.size() < v.content.size()) {
        v.sanitized = false;
    }
    v.content = std::move(cleaned);
    return true;
}

} // namespace

std::vector<protocol::player_entry> clean_player_list(std::vector<protocol::player_entry> list,
                                                      const text_limits& limits) {
    std::vector<protocol::player_entry> out;
    out.reserve(std::min(list.size(), protocol::max_players));
    std::size_t bytes = 2; // []
    constexpr std::size_t entry_overhead = 20; // {"id":"","name":""},
    for (auto& entry : list) {
        if (out.size() == protocol::max_players) {
            break;
        }
        protocol::player_entry cleaned{clean_label(entry.id, limits.player_id),
                                       clean_label(entry.name, limits.username)};
        if (cleaned.name.empty()) {
            continue;
        }
        const std::size_t size =
            entry_overhead + json_body_size(cleaned.id) + json_body_size(cleaned.name);
        if (bytes + size > max_player_list_bytes) {
            break;
        }
        bytes += size;
        out.push_back(std::move(cleaned));
    }
    return out;
}

bool clean_packet(protocol::packet& p, const text_limits& limits, known_text known) {
    // Scanned first: text that is already clean (nearly all of it) is neither copied nor
    // rebuilt. Every field is cleaned (no short cut after the first change).
    return std::visit(
        [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            bool changed = false;
            if constexpr (std::is_same_v<T, protocol::join> || std::is_same_v<T, protocol::leave>) {
                changed |= clean_name_in_place(v.username, limits.username, known);
                changed |= clean_name_in_place(v.player_id, limits.player_id, known);
            } else if constexpr (std::is_same_v<T, protocol::message>) {
                changed |= clean_name_in_place(v.username, limits.username, known);
                changed |= clean_name_in_place(v.player_id, limits.player_id, known);
                changed |= clean_chat_content(v, limits, known);
            } else if constexpr (std::is_same_v<T, protocol::players>) {
                v.list = clean_player_list(std::move(v.list), limits);
                changed = true;
            } else if constexpr (std::is_same_v<T, protocol::whisper>) {
                changed |= clean_label_in_place(v.from_id, limits.player_id);
                changed |= clean_label_in_place(v.from_name, limits.username);
                changed |= clean_label_in_place(v.to_id, limits.player_id);
                changed |= clean_label_in_place(v.to_name, limits.username);
                changed |= clean_chat_content(v, limits, known_text{});
            } else if constexpr (std::is_same_v<T, protocol::whisper_status>) {
                changed |= clean_label_in_place(v.from_id, limits.player_id);
                changed |= clean_label_in_place(v.from_name, limits.username);
                changed |= clean_label_in_place(v.to_id, limits.player_id);
                changed |= clean_label_in_place(v.to_name, limits.username);
            } else if constexpr (std::is_same_v<T, protocol::handshake> ||
                                 std::is_same_v<T, protocol::connection>) {
                v.info = clean_server_info(v.info, limits);
                changed = true;
            }
            return changed;
        },
        p);
}

} // namespace csc::core
