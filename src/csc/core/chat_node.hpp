#pragma once
// A participant of the network as the application drives it: the in-process hub
// (identifier 0) or a link to a remote hub. Implemented in hub/ and link/; used
// by the Omegga adapter, which therefore never sees a socket.

#include "csc/core/player_directory.hpp"
#include "csc/core/server_directory.hpp"
#include "csc/protocol/packet.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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

    // --- feature `players` (docs/protocol.md). Defaults: a node without it sends nothing.

    /// Our identifier in the network: 0 for the hub; a link's from its acknowledge.
    virtual protocol::identifier own_id() const { return 0; }
    /// True when our players' lists and whispers reach the network: always for the hub;
    /// for a link, when the host granted `players` in its acknowledge.
    virtual bool players_supported() const { return false; }
    /// The player lists we know, our own (under own_id(), once sent) included.
    virtual const player_directory& players() const {
        static const player_directory empty;
        return empty;
    }

    /// Our full player list (after every join and leave; idempotent). Cleaned and capped
    /// (core::clean_player_list); a link also sends it again after each acknowledge.
    virtual void send_players(const std::vector<player>& /*list*/) {}
    /// A player of ours joined / left / chatted, with their player id when known.
    virtual void send_player_join(const player& p) { send_join(p.name); }
    virtual void send_player_leave(const player& p) { send_leave(p.name); }
    virtual void send_player_message(const player& p, const std::string& content,
                                     bool sanitized) {
        send_message(p.name, content, sanitized);
    }
    /// A whisper from a player of ours to a player of server `w.target` (`w.id` is filled
    /// in). The answer arrives as chat_events::on_whisper_status: from the target's
    /// server, or from the hub ("offline" for an unknown server, "unsupported" for one
    /// without players). Check players_supported() first: otherwise nothing is sent.
    virtual void send_whisper(protocol::whisper /*w*/) {}
    /// Our answer to a whisper received through on_whisper (`s.id` is filled in; `s.target`
    /// is the whisper's `id`).
    virtual void send_whisper_status(protocol::whisper_status /*s*/) {}
};

} // namespace csc::core
