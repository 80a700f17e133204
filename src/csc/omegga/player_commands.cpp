// The `/csc` subcommands every player may use: help, who, msg, r, ignore, unignore, hide.

#include "csc/omegga/help.hpp"
#include "csc/omegga/player_lines.hpp"
#include "csc/omegga/plugin.hpp"
#include "csc/omegga/sanitize.hpp"
#include "csc/omegga/who_lines.hpp"

#include <utility>

namespace csc::omegga {

namespace {

server_style style_from(const core::server& s) {
    return server_style{s.info.color, s.info.prefix, s.info.name};
}

std::vector<std::string> names_of(const std::vector<core::player>& list) {
    std::vector<std::string> names;
    names.reserve(list.size());
    for (const core::player& p : list) {
        names.push_back(p.name);
    }
    return names;
}

/// A standalone csc-hub takes part with no players and announces no list: it is shown with
/// none rather than as a server that does not share them.
bool is_playerless_hub(const core::chat_node& node, const core::server& s) {
    return node.players_supported() && !node.is_host() && s.id == node.host_id() &&
           node.players().find(s.id) == nullptr;
}

} // namespace

void plugin::show_help(const std::string& player) {
    with_authorization(player, [this, player](bool authorized) {
        for (const std::string& line : help_lines(own_color(), authorized)) {
            whisper(player, line);
        }
    });
}

core::player_directory plugin::player_view() const {
    core::player_directory view;
    if (node_) {
        for (const auto& [id, list] : node_->players().lists()) {
            if (id != node_->own_id() && node_->servers().find(id) != nullptr) {
                view.set(id, list);
            }
        }
    }
    view.set(own_list_id, players_.online());
    return view;
}

server_style plugin::style_of_id(protocol::identifier id) const {
    if (id == own_list_id || !node_) {
        return config_ ? server_style{config_->color, config_->prefix, config_->name}
                       : server_style{};
    }
    const core::server* s = node_->servers().find(id);
    return s != nullptr ? style_from(*s) : server_style{};
}

void plugin::show_who(const std::string& player) {
    std::vector<who_server> servers;
    servers.push_back({style_of_id(own_list_id), names_of(players_.online())});
    std::size_t total = players_.online().size();
    if (node_) {
        for (const core::server& s : node_->servers().list()) {
            const std::vector<core::player>* list = node_->players().find(s.id);
            if (is_playerless_hub(*node_, s)) {
                servers.push_back({style_from(s), std::vector<std::string>{}});
            } else if (list == nullptr) {
                servers.push_back({style_from(s), std::nullopt});
            } else {
                servers.push_back({style_from(s), names_of(*list)});
                total += list->size();
            }
        }
    }
    whisper(player, who_header_line(own_color(), total, servers.size()));
    for (const who_server& s : servers) {
        for (const std::string& line : who_server_lines(s)) {
            whisper(player, line);
        }
    }
}

void plugin::tell_unshared_servers(const std::string& player) {
    if (!node_) {
        return;
    }
    for (const core::server& s : node_->servers().list()) {
        if (node_->players().find(s.id) == nullptr && !is_playerless_hub(*node_, s)) {
            whisper(player, players_unshared_line(style_from(s)));
        }
    }
}

void plugin::send_whisper(const std::string& player, const std::string& query, std::string text) {
    if (query.empty() || text.empty()) {
        whisper(player, msg_usage_line);
        return;
    }
    const player_lookup looked = lookup_player(query);
    if (looked.unknown_server) {
        whisper(player, no_such_server_line(looked.server));
        return;
    }
    const core::lookup_result& found = looked.found;
    switch (found.kind) {
    case core::lookup_kind::none:
        whisper(player, no_such_player_line(query));
        tell_unshared_servers(player);
        return;
    case core::lookup_kind::ambiguous: tell_ambiguous(player, query, found.matches); return;
    case core::lookup_kind::unique: break;
    }
    const core::player* sender = players_.find(player);
    const core::player me = sender != nullptr ? *sender : core::player{{}, player};
    whisper_to(me, found.matches.front(), text);
}

void plugin::reply(const std::string& player, std::string text) {
    if (text.empty()) {
        whisper(player, reply_usage_line);
        return;
    }
    const core::player_location* last = players_.reply_of(player);
    if (last == nullptr) {
        whisper(player, no_reply_target_line);
        return;
    }
    // Find them again: they may have moved server, or the server its identifier.
    const core::player_directory view = player_view();
    std::vector<core::player_location> at;
    if (!last->who.id.empty()) {
        at = view.find_id(last->who.id);
    }
    if (at.empty()) {
        // No id (or it changed): the same name on the same server, then anywhere if unique.
        if (const std::vector<core::player>* list = view.find(last->server)) {
            for (const core::player& p : *list) {
                if (core::fold_case(p.name) == core::fold_case(last->who.name)) {
                    at.push_back({last->server, p});
                }
            }
        }
    }
    if (at.empty()) {
        const core::lookup_result found = view.find_name(last->who.name);
        if (found.kind == core::lookup_kind::unique &&
            core::fold_case(found.matches.front().who.name) == core::fold_case(last->who.name)) {
            at = found.matches;
        }
    }
    if (at.empty()) {
        whisper(player, player_offline_line(last->who.name));
        return;
    }
    const core::player* sender = players_.find(player);
    whisper_to(sender != nullptr ? *sender : core::player{{}, player}, at.front(), text);
}

void plugin::whisper_to(const core::player& sender, const core::player_location& to,
                        const std::string& text) {
    const bool self = to.server == own_list_id &&
                      (sender.id.empty() || to.who.id.empty() ? to.who.name == sender.name
                                                              : to.who.id == sender.id);
    if (self) {
        whisper(sender.name, whisper_self_line);
        return;
    }
    switch (flood_.on_message(sender.name, sched_.now())) {
    case chat_flood::verdict::send: break;
    case chat_flood::verdict::drop_and_tell: whisper(sender.name, flood_warning_line); return;
    case chat_flood::verdict::drop: return;
    }
    const std::string content = truncate_sanitized(sanitize(text), max_sent_content_units);
    const server_style style = style_of_id(to.server);
    if (to.server == own_list_id) {
        // A player of our own server: no need for the network.
        if (!players_.ignores(to.who, sender)) {
            whisper(to.who.name, whisper_received_line(style, sender.name, content));
            players_.set_reply(to.who.name, core::player_location{own_list_id, sender});
        }
        whisper(sender.name, whisper_sent_line(style, to.who.name, content));
        return;
    }
    if (!node_ || stopped_ || !node_->players_supported()) {
        whisper(sender.name, player_offline_line(to.who.name));
        return;
    }
    protocol::whisper w;
    w.target = to.server;
    w.from_id = sender.id;
    w.from_name = sender.name;
    w.to_id = to.who.id;
    w.to_name = to.who.name;
    w.content = content;
    w.sanitized = true;
    track_whisper(to.server, style, sender.name, to.who.name, content);
    node_->send_whisper(std::move(w));
}

void plugin::ignore(const std::string& player, const std::string& query) {
    const core::player* me = players_.find(player);
    const core::player self = me != nullptr ? *me : core::player{{}, player};
    if (query.empty()) {
        std::vector<std::string> names;
        for (const ignored_player& e : players_.prefs(self).ignores) {
            names.push_back(e.name);
        }
        for (const std::string& line : ignore_list_lines(own_color(), names)) {
            whisper(player, line);
        }
        return;
    }
    const player_lookup looked = lookup_player(query);
    if (looked.unknown_server) {
        whisper(player, no_such_server_line(looked.server));
        return;
    }
    const core::lookup_result& found = looked.found;
    if (found.kind == core::lookup_kind::ambiguous) {
        tell_ambiguous(player, query, found.matches);
        return;
    }
    // Someone online is ignored by id; a name nobody online has (say, a player of a server
    // that does not share its players) is ignored by name.
    ignored_player target{{}, std::string(looked.name)};
    if (found.kind == core::lookup_kind::unique) {
        target = ignored_player{found.matches.front().who.id, found.matches.front().who.name};
    }
    if ((!self.id.empty() && target.id == self.id) ||
        core::fold_case(target.name) == core::fold_case(self.name)) {
        whisper(player, ignore_self_line);
        return;
    }
    player_prefs& prefs = players_.edit_prefs(self);
    if (prefs.ignores_player(target.id, target.name)) {
        whisper(player, ignore_already_line(own_color(), target.name));
        return;
    }
    if (prefs.ignores.size() >= max_ignores) {
        whisper(player, ignore_full_line);
        return;
    }
    (void)prefs.add_ignore(target);
    save_prefs(self);
    whisper(player, ignore_added_line(own_color(), target.name));
}

void plugin::unignore(const std::string& player, const std::string& query) {
    if (query.empty()) {
        whisper(player, unignore_usage_line);
        return;
    }
    const core::player* me = players_.find(player);
    const core::player self = me != nullptr ? *me : core::player{{}, player};
    player_prefs& prefs = players_.edit_prefs(self);
    const auto removed = prefs.remove_ignore(query);
    if (!removed) {
        whisper(player, not_ignoring_line(query));
        return;
    }
    save_prefs(self);
    whisper(player, ignore_removed_line(own_color(), removed->name));
}

void plugin::toggle_hide(const std::string& player) {
    const core::player* me = players_.find(player);
    const core::player self = me != nullptr ? *me : core::player{{}, player};
    player_prefs& prefs = players_.edit_prefs(self);
    prefs.hidden = !prefs.hidden;
    save_prefs(self);
    whisper(player, hide_line(own_color(), prefs.hidden));
}

} // namespace csc::omegga
