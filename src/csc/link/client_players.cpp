// The client's feature `players` (docs/protocol.md): what the application sends about
// its players and whispers, stamped with our identifier and sent while acknowledged.

#include "csc/link/client.hpp"

#include "csc/core/validate.hpp"
#include "csc/link/client_impl.hpp"

#include <string>

namespace csc::link {

protocol::identifier client::own_id() const { return impl_->state.own_id(); }

bool client::players_supported() const { return impl_->state.players_granted(); }

const core::player_directory& client::players() const { return impl_->state.players(); }

void client::send_players(const std::vector<core::player>& list) {
    std::string line = impl_->state.set_own_players(core::clean_player_list(list));
    if (!line.empty() && impl_->session_open && impl_->session) {
        impl_->session->send(std::move(line));
    }
}

void client::send_player_join(const core::player& p) {
    impl_->send_packet(protocol::join{impl_->state.own_id(), p.name, p.id, {}});
}

void client::send_player_leave(const core::player& p) {
    impl_->send_packet(protocol::leave{impl_->state.own_id(), p.name, p.id, {}});
}

void client::send_player_message(const core::player& p, const std::string& content,
                                 bool sanitized) {
    impl_->send_packet(
        protocol::message{impl_->state.own_id(), p.name, content, sanitized, p.id, {}});
}

void client::send_whisper(protocol::whisper w) {
    if (!impl_->state.players_granted()) {
        impl_->log().debug("link: whisper not sent: the hub does not take whispers");
        return;
    }
    w.id = impl_->state.own_id();
    impl_->send(w);
}

void client::send_whisper_status(protocol::whisper_status s) {
    if (!impl_->state.players_granted()) {
        return;
    }
    s.id = impl_->state.own_id();
    impl_->send(s);
}

} // namespace csc::link
