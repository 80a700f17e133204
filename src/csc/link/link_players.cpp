// The link's side of feature `players` (docs/protocol.md): our list after each
// acknowledge and on every change, the other servers' lists, and whispers addressed to us.

#include "csc/link/link_state.hpp"

#include <algorithm>
#include <string>

namespace csc::link {

protocol::encode_options link_state::encode_options() const noexcept {
    return {.extensions = true, .player_ids = players_granted_};
}

void link_state::begin_players(const protocol::acknowledge& a) {
    players_.clear();
    players_granted_ = std::find(a.features.begin(), a.features.end(),
                                 protocol::feature::players) != a.features.end();
    if (!players_granted_) {
        return;
    }
    players_.set(own_id_, own_players_);
    if (send_) {
        send_(protocol::encode(protocol::players{own_id_, own_players_}), false);
    }
}

std::string link_state::set_own_players(std::vector<core::player> list) {
    own_players_ = std::move(list);
    if (!acknowledged_ || !players_granted_) {
        return {};
    }
    players_.set(own_id_, own_players_);
    return protocol::encode(protocol::players{own_id_, own_players_});
}

void link_state::on_players(const protocol::players& p) {
    if (p.id == own_id_) {
        log_->debug("link: ignored a player list naming ourselves");
        return;
    }
    if (const auto* s = known(p.id, "players")) {
        players_.set(p.id, p.list);
        events_->on_players_changed(*s);
    }
}

void link_state::on_whisper(const protocol::whisper& w) {
    if (w.target != own_id_) {
        log_->warn("link: ignored a whisper for server " + std::to_string(w.target) +
                   ", not us");
        return;
    }
    if (const auto* s = known(w.id, "whisper")) {
        events_->on_whisper(*s, w);
    }
}

void link_state::on_whisper_status(const protocol::whisper_status& st) {
    if (st.target != own_id_) {
        log_->warn("link: ignored a whisper status for server " + std::to_string(st.target) +
                   ", not us");
        return;
    }
    // The hub answers "offline" for a server that is already gone: show it without a name.
    const core::server* s = directory_.find(st.id);
    events_->on_whisper_status(s != nullptr ? *s : core::server{st.id, {}}, st);
}

} // namespace csc::link
