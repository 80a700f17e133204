#include "csc/omegga/player_prefs.hpp"

#include "csc/core/player_directory.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace csc::omegga {
namespace {

using json = nlohmann::json;

bool same_player(const ignored_player& e, std::string_view id, std::string_view name) {
    if (!e.id.empty() && !id.empty()) {
        return e.id == id;
    }
    return core::fold_case(e.name) == core::fold_case(name);
}

} // namespace

bool player_prefs::ignores_player(std::string_view id, std::string_view name) const {
    return std::any_of(ignores.begin(), ignores.end(),
                       [&](const ignored_player& e) { return same_player(e, id, name); });
}

bool player_prefs::add_ignore(ignored_player p) {
    if (ignores_player(p.id, p.name)) {
        return false;
    }
    ignores.push_back(std::move(p));
    return true;
}

std::optional<ignored_player> player_prefs::remove_ignore(std::string_view query) {
    const std::string wanted = core::fold_case(query);
    if (wanted.empty()) {
        return std::nullopt;
    }
    auto found = std::find_if(ignores.begin(), ignores.end(), [&](const ignored_player& e) {
        return core::fold_case(e.name) == wanted;
    });
    if (found == ignores.end()) {
        std::size_t matches = 0;
        for (auto it = ignores.begin(); it != ignores.end(); ++it) {
            if (core::fold_case(it->name).starts_with(wanted)) {
                ++matches;
                found = it;
            }
        }
        if (matches != 1) {
            return std::nullopt;
        }
    }
    ignored_player removed = std::move(*found);
    ignores.erase(found);
    return removed;
}

std::string player_prefs_key(std::string_view player_id, std::string_view name) {
    if (!player_id.empty()) {
        return "player:" + std::string(player_id);
    }
    return "player-name:" + core::fold_case(name);
}

json prefs_to_json(const player_prefs& prefs) {
    json ignores = json::array();
    for (const ignored_player& e : prefs.ignores) {
        ignores.push_back(json{{"id", e.id}, {"name", e.name}});
    }
    return json{{"hidden", prefs.hidden}, {"ignores", std::move(ignores)}};
}

player_prefs prefs_from_json(const json& stored) {
    player_prefs prefs;
    if (!stored.is_object()) {
        return prefs;
    }
    if (auto it = stored.find("hidden"); it != stored.end() && it->is_boolean()) {
        prefs.hidden = it->get<bool>();
    }
    const auto list = stored.find("ignores");
    if (list == stored.end() || !list->is_array()) {
        return prefs;
    }
    for (const json& e : *list) {
        if (prefs.ignores.size() >= max_ignores) {
            break;
        }
        if (!e.is_object()) {
            continue;
        }
        const auto id = e.find("id");
        const auto name = e.find("name");
        if (name == e.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
            continue;
        }
        ignored_player p{(id != e.end() && id->is_string()) ? id->get<std::string>() : "",
                         name->get<std::string>()};
        (void)prefs.add_ignore(std::move(p));
    }
    return prefs;
}

} // namespace csc::omegga
