#pragma once
// What a participant of the network (the hub's own server, or a link) reports to
// the application above it. The Omegga adapter implements this to show lines to
// players; tests implement it to record what happened. Nothing here knows sockets.

#include "csc/core/server_directory.hpp"

#include <cstdint>
#include <string>

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
};

} // namespace csc::core
