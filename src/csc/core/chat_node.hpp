#pragma once
// A participant of the network as the application drives it: the in-process hub
// (identifier 0) or a link to a remote hub. Implemented in hub/ and link/; used
// by the Omegga adapter, which therefore never sees a socket.

#include "csc/core/server_directory.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace csc::core {

class chat_node {
public:
    virtual ~chat_node() = default;

    /// Starts listening (hub) or connecting (link). Never throws for network reasons.
    virtual void start() = 0;
    /// Closes every connection; no reconnect afterwards. Idempotent.
    virtual void stop() = 0;
    /// `/csc reconnect`: hub drops every link and listens again after `delay`;
    /// link closes and connects again after `delay`.
    virtual void reconnect(std::chrono::milliseconds delay) = 0;

    /// Player count announced in our next handshake (link) or acknowledge/connection (hub).
    virtual void set_player_count(std::int64_t count) = 0;

    /// A player of ours joined / left / chatted: sent to the rest of the network.
    virtual void send_join(const std::string& username) = 0;
    virtual void send_leave(const std::string& username) = 0;
    virtual void send_message(const std::string& username, const std::string& content,
                              bool sanitized) = 0;

    /// The other servers we know (never ourselves), in the order /csc list shows them.
    virtual const server_directory& servers() const = 0;
    /// The identifier of the host (0), as the list marks it with (HOST) on a link.
    virtual protocol::identifier host_id() const = 0;
    /// True for the hub role.
    virtual bool is_host() const = 0;

    // --- acknowledged delivery (docs/delivery.md); the defaults fit a node without it ---
    /// Packets of ours sent (or queued) but not yet acknowledged by the hub: what a stop now
    /// could lose. Always 0 for the hub, whose own packets go straight into its log.
    virtual std::size_t pending_outbox() const { return 0; }
    /// Calls `done` once, as soon as pending_outbox() is 0 (at once if it already is). Dropped
    /// uncalled by stop(); the caller bounds its wait itself.
    virtual void when_drained(std::function<void()> done) { done(); }
};

} // namespace csc::core
