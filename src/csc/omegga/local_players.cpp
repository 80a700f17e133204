#include "csc/omegga/local_players.hpp"

#include <algorithm>
#include <set>

namespace csc::omegga {

std::string local_players::key_of(const core::player& p) { return player_prefs_key(p.id, p.name); }

std::vector<core::player> local_players::set_online(std::vector<core::player> list) {
    std::vector<core::player> fresh;
    for (const core::player& p : list) {
        const bool known = std::any_of(online_.begin(), online_.end(), [&](const core::player& o) {
            return o.name == p.name && o.id == p.id;
        });
        if (!known) {
            fresh.push_back(p);
        }
    }
    online_ = std::move(list);
    prune();
    return fresh;
}

bool local_players::add(core::player p) {
    const bool known = std::any_of(online_.begin(), online_.end(), [&](const core::player& o) {
        return o.name == p.name && o.id == p.id;
    });
    if (!known) {
        online_.push_back(std::move(p));
    }
    return !known;
}

void local_players::remove(std::string_view name) {
    std::erase_if(online_, [&](const core::player& p) { return p.name == name; });
    prune();
}

const core::player* local_players::find(std::string_view name) const {
    for (const core::player& p : online_) {
        if (p.name == name) {
            return &p;
        }
    }
    const std::string wanted = core::fold_case(name);
    const core::player* found = nullptr;
    for (const core::player& p : online_) {
        if (core::fold_case(p.name) == wanted) {
            if (found != nullptr) {
                return nullptr;
            }
            found = &p;
        }
    }
    return found;
}

const core::player* local_players::find(std::string_view id, std::string_view name) const {
    if (!id.empty()) {
        for (const core::player& p : online_) {
            if (p.id == id) {
                return &p;
            }
        }
    }
    return find(name);
}

const player_prefs& local_players::prefs(const core::player& p) const {
    static const player_prefs defaults;
    const auto it = prefs_.find(key_of(p));
    return it == prefs_.end() ? defaults : it->second.prefs;
}

player_prefs& local_players::edit_prefs(const core::player& p) {
    prefs_entry& e = prefs_[key_of(p)];
    e.edited = true;
    return e.prefs;
}

void local_players::loaded(const std::string& key, player_prefs prefs) {
    const bool online = std::any_of(online_.begin(), online_.end(),
                                    [&](const core::player& p) { return key_of(p) == key; });
    if (!online) {
        return;
    }
    prefs_entry& e = prefs_[key];
    if (!e.edited) {
        e.prefs = std::move(prefs);
    }
}

bool local_players::ignores(const core::player& reader, const core::player& sender) const {
    return prefs(reader).ignores_player(sender.id, sender.name);
}

std::optional<std::vector<std::string>> local_players::recipients(const core::player* sender) const {
    std::vector<std::string> names;
    bool everyone = true;
    for (const core::player& p : online_) {
        const player_prefs& mine = prefs(p);
        if (mine.hidden || (sender != nullptr && mine.ignores_player(sender->id, sender->name))) {
            everyone = false;
        } else {
            names.push_back(p.name);
        }
    }
    if (everyone) {
        return std::nullopt;
    }
    return names;
}

void local_players::set_reply(const std::string& name, core::player_location from) {
    replies_[name] = std::move(from);
}

const core::player_location* local_players::reply_of(std::string_view name) const {
    const auto it = replies_.find(std::string(name));
    return it == replies_.end() ? nullptr : &it->second;
}

void local_players::prune() {
    std::set<std::string> keys;
    std::set<std::string> names;
    for (const core::player& p : online_) {
        keys.insert(key_of(p));
        names.insert(p.name);
    }
    std::erase_if(prefs_, [&](const auto& e) { return !keys.contains(e.first); });
    std::erase_if(replies_, [&](const auto& e) { return !names.contains(e.first); });
}

} // namespace csc::omegga
