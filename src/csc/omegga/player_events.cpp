// Our players as the plugin tracks them (list, prefs loaded from and saved to the store),
// lines from other servers shown to those who should see them, and whispers arriving from
// other servers and the answers to ours.

#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/player_lines.hpp"
#include "csc/omegga/plugin.hpp"
#include "csc/omegga/sanitize.hpp"

#include <algorithm>
#include <utility>

namespace csc::omegga {

namespace {

server_style style_from(const core::server& s) {
    return server_style{s.info.color, s.info.prefix, s.info.name};
}

} // namespace

void plugin::on_player_list(std::vector<core::player> list) {
    for (const core::player& p : players_.set_online(list)) {
        load_prefs(p);
    }
    if (node_ && !stopped_) {
        node_->send_players(list);
    }
}

void plugin::load_prefs(const core::player& p) {
    const std::string key = player_prefs_key(p.id, p.name);
    store_.get(key, [this, key](std::optional<nlohmann::json> stored) {
        if (stored) {
            players_.loaded(key, prefs_from_json(*stored));
        }
    });
}

void plugin::save_prefs(const core::player& p) {
    store_.set(player_prefs_key(p.id, p.name), prefs_to_json(players_.prefs(p)));
}

void plugin::show_relayed(std::string_view line, const core::player* sender) {
    const auto recipients = players_.recipients(sender);
    if (!recipients) {
        broadcast(line);
        return;
    }
    for (const std::string& name : *recipients) {
        whisper(name, line);
    }
}

void plugin::on_whisper(const core::server& from, const protocol::whisper& w) {
    protocol::whisper_status status;
    status.target = w.id;
    status.from_id = w.from_id;
    status.from_name = w.from_name;
    status.to_id = w.to_id;
    status.to_name = w.to_name;
    const core::player* target = players_.find(w.to_id, w.to_name);
    if (target == nullptr) {
        status.status = protocol::whisper_result::offline;
    } else {
        // An ignored sender is told "delivered", as for anyone else: ignoring is private.
        const core::player sender{w.from_id, w.from_name};
        if (!players_.ignores(*target, sender)) {
            const bool safe = w.sanitized && is_sanitized_form(w.content);
            whisper(target->name, whisper_received_line(style_from(from), w.from_name,
                                                        safe ? w.content : sanitize(w.content)));
            players_.set_reply(target->name, core::player_location{from.id, sender});
        }
        status.to_id = target->id;
        status.to_name = target->name;
        status.status = protocol::whisper_result::delivered;
    }
    if (node_ && !stopped_) {
        node_->send_whisper_status(std::move(status));
    }
}

void plugin::on_whisper_status(const core::server& about, const protocol::whisper_status& status) {
    const std::string from = core::fold_case(status.from_name);
    const std::string to = core::fold_case(status.to_name);
    const auto same_names = [&](const pending_whisper& p) {
        return core::fold_case(p.from_name) == from && core::fold_case(p.to_name) == to;
    };
    // The same name may be pending on two servers: the answering server's first; the hub
    // answers for a server that is gone, so then any with these names.
    auto it = std::find_if(
        pending_whispers_.begin(), pending_whispers_.end(),
        [&](const pending_whisper& p) { return p.server == about.id && same_names(p); });
    if (it == pending_whispers_.end()) {
        it = std::find_if(pending_whispers_.begin(), pending_whispers_.end(), same_names);
    }
    if (it == pending_whispers_.end()) {
        log_.debug("whisper status for no pending whisper (" + status.from_name + " to " +
                   status.to_name + ")");
        return;
    }
    pending_whisper sent = std::move(*it);
    pending_whispers_.erase(it);
    const core::player* sender = players_.find(status.from_id, status.from_name);
    if (sender == nullptr) {
        return; // they left meanwhile
    }
    switch (status.status) {
    case protocol::whisper_result::delivered:
        whisper(sender->name, whisper_sent_line(sent.style, sent.to_name, sent.content));
        break;
    case protocol::whisper_result::offline:
        whisper(sender->name, player_offline_line(sent.to_name));
        break;
    case protocol::whisper_result::unsupported:
        whisper(sender->name,
                whispers_unsupported_line(about.info.name.empty() ? sent.style : style_from(about)));
        break;
    case protocol::whisper_result::unknown:
        log_.warn("a whisper to " + sent.to_name + " got a status this version does not know");
        break;
    }
}

} // namespace csc::omegga
