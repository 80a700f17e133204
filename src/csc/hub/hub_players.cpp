// The hub's side of feature `players` (docs/protocol.md): it keeps every server's player
// list, gives newcomers all of them, relays changes to the links that announced players,
// and routes whispers and their statuses to their target server only. Our own server
// (identifier 0) takes part once the application sent its list (a plugin's in-process hub);
// a standalone csc-hub never does, so whispers to it are "unsupported".

#include "csc/hub/hub_impl.hpp"

#include "csc/core/validate.hpp"
#include "csc/protocol/codec.hpp"

#include <asio/post.hpp>

#include <utility>

namespace csc::hub {
namespace {

protocol::whisper_status status_for(const protocol::whisper& w, protocol::whisper_result r) {
    return {w.target, w.id, w.from_id, w.from_name, w.to_id, w.to_name, r};
}

} // namespace

hub_link* hub::impl::find_player_link(protocol::identifier id) {
    hub_link* link = find_open(id);
    return (link != nullptr && link->handshaken && link->players) ? link : nullptr;
}

core::server hub::impl::server_of(protocol::identifier id) const {
    if (id == 0) {
        return self_entry;
    }
    const core::server* s = directory.find(id);
    return s != nullptr ? *s : core::server{id, {}};
}

void hub::impl::send_to_player_links(const protocol::packet& p, protocol::identifier except) {
    std::string bytes;
    // A send may close a link: on_closed only marks it (finish_close is posted), so the
    // map is not changed under this loop.
    for (const auto& [id, link] : links) {
        if (id != except && link->handshaken && !link->closed && link->players) {
            if (bytes.empty()) {
                bytes = protocol::encode(p);
            }
            send_to(*link, bytes);
        }
    }
}

void hub::impl::send_player_lists(hub_link& link) {
    if (!link.players) {
        return;
    }
    // Known until its own list arrives (right after this acknowledge), with no players.
    players.set(link.id, {});
    std::string lines;
    for (const auto& [id, list] : players.lists()) {
        if (id != link.id) {
            protocol::encode_to(lines, protocol::players{id, list});
        }
    }
    if (!lines.empty()) {
        send_to(link, std::move(lines));
    }
}

bool hub::impl::takes_players(const hub_link& link, std::string_view what) {
    if (!link.players) {
        log.warn(describe(link) + " sent a " + std::string(what) +
                 " without announcing players: ignored");
    }
    return link.players;
}

void hub::impl::on_players(hub_link& from, protocol::players p) {
    p.id = from.id; // the sender speaks for itself only
    p.list = core::clean_player_list(std::move(p.list));
    players.set(p.id, p.list);
    const core::server sender = from.entry; // `from` may close during the relay
    send_to_player_links(p, sender.id);
    events.on_players_changed(sender);
}

void hub::impl::route_whisper(protocol::whisper w) {
    protocol::packet cleaned{std::move(w)};
    core::clean_packet(cleaned);
    w = std::move(std::get<protocol::whisper>(cleaned));
    const core::server sender = server_of(w.id);
    if (w.target == 0) {
        if (players.supports(0)) {
            events.on_whisper(sender, w);
        } else {
            route_status(status_for(w, protocol::whisper_result::unsupported));
        }
        return;
    }
    if (hub_link* target = find_player_link(w.target)) {
        send_to(*target, protocol::encode(w));
        return;
    }
    const bool online = find_open(w.target) != nullptr && directory.find(w.target) != nullptr;
    route_status(status_for(w, online ? protocol::whisper_result::unsupported
                                      : protocol::whisper_result::offline));
}

void hub::impl::route_status(protocol::whisper_status s) {
    protocol::packet cleaned{std::move(s)};
    core::clean_packet(cleaned);
    s = std::move(std::get<protocol::whisper_status>(cleaned));
    if (s.target == 0) {
        events.on_whisper_status(server_of(s.id), s);
        return;
    }
    if (hub_link* target = find_player_link(s.target)) {
        send_to(*target, protocol::encode(s));
        return;
    }
    log.debug("hub: dropped a whisper status for server " + std::to_string(s.target) +
              ", which is gone or takes no whispers");
}

//---------------------------------------------------------------------------- public API

const core::player_directory& hub::players() const { return impl_->players; }

void hub::send_players(const std::vector<core::player>& list) {
    protocol::players p{0, core::clean_player_list(list)};
    impl_->players.set(0, p.list);
    impl_->send_to_player_links(p, 0);
}

void hub::send_player_join(const core::player& p) {
    impl_->broadcast(protocol::join{0, p.name, p.id}, 0);
}

void hub::send_player_leave(const core::player& p) {
    impl_->broadcast(protocol::leave{0, p.name, p.id}, 0);
}

void hub::send_player_message(const core::player& p, const std::string& content, bool sanitized) {
    impl_->broadcast(protocol::message{0, p.name, content, sanitized, p.id}, 0);
}

// What the application sends is routed like a link's packet, but the events it causes for
// ourselves are posted: the application must not be called back from inside its own call.
void hub::send_whisper(protocol::whisper w) {
    w.id = 0;
    asio::post(impl_->executor, [weak = std::weak_ptr<impl>(impl_), w = std::move(w)]() mutable {
        if (auto self = weak.lock(); self && !self->detached) {
            self->route_whisper(std::move(w));
        }
    });
}

void hub::send_whisper_status(protocol::whisper_status s) {
    s.id = 0;
    asio::post(impl_->executor, [weak = std::weak_ptr<impl>(impl_), s = std::move(s)]() mutable {
        if (auto self = weak.lock(); self && !self->detached) {
            self->route_status(std::move(s));
        }
    });
}

} // namespace csc::hub
