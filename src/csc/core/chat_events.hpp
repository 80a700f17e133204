#pragma once
// What a participant of the network (the hub's own server, or a link) reports to
// the application above it. The Omegga adapter implements this to show lines to
// players; tests implement it to record what happened. Nothing here knows sockets.

#include "csc/core/player_directory.hpp"
#include "csc/core/server_directory.hpp"
#include "csc/protocol/overloaded.hpp"
#include "csc/protocol/packet.hpp"

#include <cstdint>
#include <string>
#include <variant>

namespace csc::core {

class chat_events {
public:
    virtual ~chat_events() = default;

    /// Another server joined the network (it announced `player_count` players).
    virtual void on_server_connected(const server& s, std::int64_t player_count) = 0;
    /// Another server left the network.
    virtual void on_server_disconnected(const server& s) = 0;
    /// A player joined another server.
    virtual void on_player_joined(const server& s, const std::string& username) = 0;
    /// A player left another server.
    virtual void on_player_left(const server& s, const std::string& username) = 0;
    /// A player of another server chatted. `sanitized`: the sender marked the content escaped.
    virtual void on_message(const server& s, const std::string& username,
                            const std::string& content, bool sanitized) = 0;

    /// Link only: the host acknowledged us (`host` is the host's entry).
    virtual void on_network_joined(const server& /*host*/, std::int64_t /*player_count*/) {}
    /// Link only: an established connection to the host closed (any reason, our stop included).
    virtual void on_network_left() {}
    /// Link with acknowledged delivery: everything up to `position` of the hub's log `epoch`
    /// has been applied (shown, or dropped on purpose). Saving it lets the next start resume
    /// from there (docs/delivery.md); positions only grow within an epoch.
    virtual void on_position_applied(const std::string& /*epoch*/, std::uint64_t /*position*/) {}

    // --- feature `players` (docs/protocol.md). Nodes call these richer forms; by default
    // they forward to the forms above, so an application that ignores player ids need
    // not override them. `p.id` is empty when the sender gave no player id.

    /// A player joined another server.
    virtual void on_player_join(const server& s, const player& p) { on_player_joined(s, p.name); }
    /// A player left another server.
    virtual void on_player_leave(const server& s, const player& p) { on_player_left(s, p.name); }
    /// A player of another server chatted.
    virtual void on_player_chat(const server& s, const player& p, const std::string& content,
                                bool sanitized) {
        on_message(s, p.name, content, sanitized);
    }

    /// Server `s` announced a new player list (see the node's players(); our own list never
    /// triggers this). A list goes away with its server: on_server_disconnected only.
    virtual void on_players_changed(const server& /*s*/) {}
    /// A whisper for a player of ours from a player of `from` (`w.target` is us).
    /// The application answers with chat_node::send_whisper_status.
    virtual void on_whisper(const server& /*from*/, const protocol::whisper& /*w*/) {}
    /// The answer to a whisper one of our players sent. `about` is the recipient's server
    /// (with an empty name when it is no longer known).
    virtual void on_whisper_status(const server& /*about*/,
                                   const protocol::whisper_status& /*status*/) {}
};

/// Tells `events` of a join, leave or message of server `from`; other packets tell nothing.
inline void deliver_player_event(chat_events& events, const server& from,
                                 const protocol::packet& p) {
    std::visit(protocol::overloaded{
                   [&](const protocol::join& v) {
                       events.on_player_join(from, {v.player_id, v.username});
                   },
                   [&](const protocol::leave& v) {
                       events.on_player_leave(from, {v.player_id, v.username});
                   },
                   [&](const protocol::message& v) {
                       events.on_player_chat(from, {v.player_id, v.username}, v.content,
                                             v.sanitized);
                   },
                   [](const auto&) {},
               },
               p);
}

} // namespace csc::core
