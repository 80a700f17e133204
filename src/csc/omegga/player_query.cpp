#include "csc/omegga/player_query.hpp"

#include "csc/core/player_directory.hpp"

#include <algorithm>
#include <charconv>

namespace csc::omegga {
namespace {

bool is_ascii_punct_or_space(char c) {
    const auto u = static_cast<unsigned char>(c);
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return u < 0x80 && !alnum;
}

std::string without_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c != ' ') {
            out.push_back(c);
        }
    }
    return out;
}

/// The id `text` spells in decimal digits only, or nothing.
std::optional<protocol::identifier> as_id(std::string_view text) {
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    protocol::identifier id = 0;
    std::from_chars(text.data(), text.data() + text.size(), id);
    return id;
}

} // namespace

std::string_view bare_prefix(std::string_view prefix) noexcept {
    while (!prefix.empty() && is_ascii_punct_or_space(prefix.front())) {
        prefix.remove_prefix(1);
    }
    while (!prefix.empty() && is_ascii_punct_or_space(prefix.back())) {
        prefix.remove_suffix(1);
    }
    return prefix;
}

std::optional<qualified_query> split_qualified(std::string_view query) {
    const std::size_t at = query.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == query.size()) {
        return std::nullopt;
    }
    return qualified_query{query.substr(0, at), query.substr(at + 1)};
}

std::vector<protocol::identifier> match_servers(std::string_view qualifier,
                                                const std::vector<server_label>& servers) {
    std::vector<protocol::identifier> exact;
    std::vector<protocol::identifier> start;
    if (qualifier.empty()) {
        return exact;
    }
    if (const auto id = as_id(qualifier)) {
        for (const server_label& s : servers) {
            if (s.has_id && s.id == *id) {
                return {s.key};
            }
        }
    }
    const std::string wanted = core::fold_case(qualifier);
    for (const server_label& s : servers) {
        const std::string prefix = core::fold_case(s.prefix);
        const std::string bare = core::fold_case(bare_prefix(s.prefix));
        const std::string name = core::fold_case(s.name);
        const std::string squeezed = without_spaces(name);
        if (wanted == prefix || wanted == bare || wanted == name || wanted == squeezed) {
            exact.push_back(s.key);
        } else if (name.starts_with(wanted) || squeezed.starts_with(wanted)) {
            start.push_back(s.key);
        }
    }
    return exact.empty() ? start : exact;
}

std::string typeable_qualifier(const server_label& server,
                               const std::vector<server_label>& servers) {
    const auto names_alone = [&](std::string_view q) {
        return !q.empty() && q.find(' ') == std::string_view::npos &&
               q.find('@') == std::string_view::npos && !as_id(q) &&
               match_servers(q, servers) == std::vector<protocol::identifier>{server.key};
    };
    const std::string_view bare = bare_prefix(server.prefix);
    if (names_alone(bare)) {
        return std::string(bare);
    }
    const std::string squeezed = without_spaces(server.name);
    if (names_alone(squeezed)) {
        return squeezed;
    }
    return server.has_id ? std::to_string(server.id) : std::string();
}

} // namespace csc::omegga
