// Finding the player a command names (`NAME`, or `NAME@SERVER` when the same name is online
// on several servers), and whispers sent to other servers awaiting their status: the
// pending list, its cap and its timeout (`whisper-timeout`).

#include "csc/omegga/player_lines.hpp"
#include "csc/omegga/plugin.hpp"

#include <algorithm>
#include <utility>

namespace csc::omegga {

std::vector<server_label> plugin::server_labels() const {
    std::vector<server_label> labels;
    const server_style own = style_of_id(own_list_id);
    labels.push_back({own_list_id, node_ ? node_->own_id() : 0, node_ != nullptr, own.prefix,
                      own.name});
    if (node_) {
        for (const core::server& s : node_->servers().list()) {
            labels.push_back({s.id, s.id, true, s.info.prefix, s.info.name});
        }
    }
    return labels;
}

plugin::player_lookup plugin::lookup_player(std::string_view query) const {
    const core::player_directory view = player_view();
    player_lookup out;
    out.name = query;
    out.found = view.find_name(query);
    const bool whole_name = !out.found.matches.empty() &&
                            core::fold_case(out.found.matches.front().who.name) ==
                                core::fold_case(query);
    if (whole_name) {
        return out; // a name that holds an `@` itself still wins
    }
    const auto qualified = split_qualified(query);
    if (!qualified) {
        return out;
    }
    out.name = qualified->name;
    out.server = qualified->server;
    const std::vector<protocol::identifier> keys =
        match_servers(qualified->server, server_labels());
    if (keys.empty()) {
        out.found = {};
        out.unknown_server = true;
        return out;
    }
    core::player_directory narrowed;
    for (const protocol::identifier key : keys) {
        if (const std::vector<core::player>* list = view.find(key)) {
            narrowed.set(key, *list);
        }
    }
    out.found = narrowed.find_name(qualified->name);
    return out;
}

void plugin::tell_ambiguous(const std::string& player, std::string_view query,
                            const std::vector<core::player_location>& matches) {
    const std::vector<server_label> labels = server_labels();
    std::vector<std::string> names;
    names.reserve(matches.size());
    for (const core::player_location& at : matches) {
        const auto label = std::find_if(labels.begin(), labels.end(),
                                        [&](const server_label& l) { return l.key == at.server; });
        const std::string q =
            label != labels.end() ? typeable_qualifier(*label, labels) : std::string();
        names.push_back(q.empty() ? at.who.name : at.who.name + "@" + q);
    }
    whisper(player, ambiguous_player_line(query, names));
}

void plugin::track_whisper(protocol::identifier server, const server_style& style,
                           const std::string& from_name, const std::string& to_name,
                           const std::string& content) {
    if (pending_whispers_.size() >= max_pending_whispers) {
        const pending_whisper oldest = std::move(pending_whispers_.front());
        pending_whispers_.pop_front();
        tell_unconfirmed(oldest.from_name, oldest.to_name);
    }
    const std::uint64_t serial = ++next_whisper_serial_;
    pending_whispers_.push_back({serial, server, style, from_name, to_name, content});
    const std::chrono::milliseconds timeout =
        config_ ? std::chrono::milliseconds(config_->whisper_timeout * 1000)
                : std::chrono::milliseconds(plugin_config{}.whisper_timeout * 1000);
    std::weak_ptr<bool> alive = alive_;
    sched_.call_after(timeout, [this, alive, serial] {
        if (alive.lock()) {
            expire_whisper(serial);
        }
    });
}

void plugin::expire_whisper(std::uint64_t serial) {
    const auto it = std::find_if(pending_whispers_.begin(), pending_whispers_.end(),
                                 [serial](const pending_whisper& p) { return p.serial == serial; });
    if (it == pending_whispers_.end()) {
        return; // answered meanwhile
    }
    const pending_whisper lost = std::move(*it);
    pending_whispers_.erase(it);
    log_.info("no status for a whisper from " + lost.from_name + " to " + lost.to_name +
              " in time; the sender was told it could not be confirmed");
    tell_unconfirmed(lost.from_name, lost.to_name);
}

void plugin::tell_unconfirmed(const std::string& from_name, const std::string& to_name) {
    if (stopped_) {
        return;
    }
    if (const core::player* sender = players_.find(from_name)) {
        whisper(sender->name, whisper_unconfirmed_line(to_name));
    }
}

} // namespace csc::omegga
