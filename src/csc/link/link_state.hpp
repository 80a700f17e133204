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
#include "csc/core/server_directory.hpp"
#include "csc/protocol/packet.hpp"

#include <functional>
#include <string>
#include <string_view>

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

private:
    verdict on_acknowledge(const protocol::acknowledge& a);
    /// Carries out an authentication step: logs and refuses, or sends our proof.
    verdict apply(auth::link_step step);
    /// The known server `id` names, or nullptr after logging why the packet is ignored.
    const core::server* known(protocol::identifier id, std::string_view type);

    core::chat_events* events_;
    core::logger* log_;
    core::server_directory directory_;
    auth::link_auth auth_;
    sender send_;
    protocol::identifier own_id_ = 0;
    protocol::identifier host_id_ = 0;
    bool acknowledged_ = false;
    bool host_extended_ = false;
};

} // namespace csc::link
