#pragma once
// What a link knows about the network, and how each frame from the host changes it,
// sans I/O: the client feeds it frames and closes the connection when told to.
// Directory rules: the acknowledge's connections (the host's entry included, last),
// never ourselves; then `connection` upserts and `disconnect` removes.
// Before the acknowledge, it also runs the link's side of authentication (auth::link_auth):
// it answers a challenge through the sender, and refuses a hub that does not prove itself.

#include "csc/auth/link_auth.hpp"
#include "csc/core/chat_events.hpp"
#include "csc/core/logger.hpp"
#include "csc/core/player_directory.hpp"
#include "csc/core/server_directory.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/packet.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::link {

/// What the connection should do after a frame.
enum class verdict {
    keep,  ///< carry on (the frame was used, or logged and dropped)
    close, ///< close this connection (a first packet that is not an acknowledge, a second one)
};

class link_state {
public:
    /// Writes bytes to the hub; `then_close`: close the connection once they are written.
    using sender = std::function<void(std::string bytes, bool then_close)>;

    /// `secret`: the shared secret for authentication (empty: none, protocol v1 exactly).
    link_state(core::chat_events& events, core::logger& log, std::string secret = {});

    /// A new connection: returns the handshake line to send for `hello` (with the auth
    /// extension when a secret is set); later replies (our proof) go through `send`.
    std::string begin_connection(protocol::handshake hello, sender send);

    /// Decodes and applies one frame from the host; never throws.
    verdict on_frame(std::string_view frame);
    /// Applies one decoded packet from the host.
    verdict on_packet(const protocol::packet& p);
    /// An established connection closed: forget the acknowledge, clear the directory,
    /// report on_network_left.
    void connection_closed();

    /// From now on, report nothing (the owner is going away).
    void silence();

    /// Where log lines go (a silent logger after silence()).
    core::logger& logger() const noexcept { return *log_; }
    /// Where events go (nowhere after silence()).
    core::chat_events& events() const noexcept { return *events_; }

    /// True once the host acknowledged this connection.
    bool acknowledged() const noexcept { return acknowledged_; }
    /// Our identifier on this connection (valid while acknowledged()).
    protocol::identifier own_id() const noexcept { return own_id_; }
    /// The host's identifier (valid while acknowledged()).
    protocol::identifier host_id() const noexcept { return host_id_; }
    /// True when the acknowledge announced `features`: the host is not an original plugin.
    bool host_extended() const noexcept { return host_extended_; }
    /// The other servers we know, in announcement order.
    const core::server_directory& servers() const noexcept { return directory_; }

    // --- feature `players` (link_players.cpp)
    /// True while acknowledged by a host that granted `players`.
    bool players_granted() const noexcept { return players_granted_; }
    /// The lists we know: the other servers' and, while granted, our own under own_id().
    const core::player_directory& players() const noexcept { return players_; }
    /// Our own list changed (already cleaned): kept for the next acknowledge; returns the
    /// `players` line to send now, or "" when the host does not take it.
    std::string set_own_players(std::vector<core::player> list);
    /// How our join/leave/message/whisper lines are encoded on this connection.
    protocol::encode_options encode_options() const noexcept;

private:
    verdict on_acknowledge(const protocol::acknowledge& a);
    /// After an acknowledge: whether `players` was granted; if so, sends our list.
    void begin_players(const protocol::acknowledge& a);
    void on_players(const protocol::players& p);
    void on_whisper(const protocol::whisper& w);
    void on_whisper_status(const protocol::whisper_status& s);
    /// Carries out an authentication step: logs and refuses, or sends our proof.
    verdict apply(auth::link_step step);
    core::server inline_sender_{}; ///< the last sender_of() built from a packet's `server`
    /// The known server `id` names, or nullptr after logging why the packet is ignored.
    const core::server* known(protocol::identifier id, std::string_view type);
    /// As known(), but a server not in the directory that the packet names inline (the
    /// `server` of its delivery stamp: its origin is not connected now) is shown with that.
    const core::server* sender_of(protocol::identifier id, const protocol::delivery_stamp& stamp,
                                  std::string_view type);

    core::chat_events* events_;
    core::logger* log_;
    core::server_directory directory_;
    auth::link_auth auth_;
    sender send_;
    protocol::identifier own_id_ = 0;
    protocol::identifier host_id_ = 0;
    bool acknowledged_ = false;
    bool host_extended_ = false;
    bool players_granted_ = false;
    core::player_directory players_;
    std::vector<core::player> own_players_;
};

} // namespace csc::link
