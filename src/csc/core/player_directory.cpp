#include "csc/core/player_directory.hpp"

#include <algorithm>

namespace csc::core {
namespace {

/// The small letter for capital `cp`, or `cp` itself.
char32_t fold(char32_t cp) {
    if ((cp >= U'A' && cp <= U'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
        return cp + 0x20;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 0x50;
    }
    // Latin Extended-A pairs capital/small as even/odd, except around U+0138..U+0148
    // and U+0178..U+017E, where capitals are odd.
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) {
        return (cp % 2 == 0) ? cp + 1 : cp;
    }
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
        return (cp % 2 == 1) ? cp + 1 : cp;
    }
    if (cp == 0x178) {
        return 0xFF;
    }
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

} // namespace

std::string fold_case(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(fold(c)));
            ++i;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < name.size() &&
                   continuation(static_cast<unsigned char>(name[i + 1]))) {
            // Every capital fold() knows is a two-byte sequence.
            const char32_t cp = ((c & 0x1FU) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3FU);
            append_utf8(out, fold(cp));
            i += 2;
        } else {
            out.push_back(name[i]);
            ++i;
        }
    }
    return out;
}

void player_directory::set(protocol::identifier server, std::vector<player> list) {
    lists_[server] = std::move(list);
}

bool player_directory::remove(protocol::identifier server) { return lists_.erase(server) != 0; }

bool player_directory::supports(protocol::identifier server) const {
    return lists_.contains(server);
}

const std::vector<player>* player_directory::find(protocol::identifier server) const {
    auto it = lists_.find(server);
    return it == lists_.end() ? nullptr : &it->second;
}

std::size_t player_directory::player_count() const {
    std::size_t n = 0;
    for (const auto& [id, list] : lists_) {
        n += list.size();
    }
    return n;
}

lookup_result player_directory::find_name(std::string_view query) const {
    lookup_result out;
    if (query.empty()) {
        return out;
    }
    const std::string wanted = fold_case(query);
    std::vector<player_location> exact;
    std::vector<player_location> prefix;
    for (const auto& [server, list] : lists_) {
        for (const auto& p : list) {
            const std::string name = fold_case(p.name);
            if (name == wanted) {
                exact.push_back({server, p});
            } else if (name.starts_with(wanted)) {
                prefix.push_back({server, p});
            }
        }
    }
    out.matches = exact.empty() ? std::move(prefix) : std::move(exact);
    if (out.matches.size() == 1) {
        out.kind = lookup_kind::unique;
    } else if (out.matches.size() > 1) {
        out.kind = lookup_kind::ambiguous;
    }
    return out;
}

std::vector<player_location> player_directory::find_id(std::string_view id) const {
    std::vector<player_location> out;
    if (id.empty()) {
        return out;
    }
    for (const auto& [server, list] : lists_) {
        for (const auto& p : list) {
            if (p.id == id) {
                out.push_back({server, p});
            }
        }
    }
    return out;
}

} // namespace csc::core
