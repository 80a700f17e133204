#pragma once
// What the standalone hub does with the network's events: it has no players and no
// chat window, so it logs them (servers coming and going, joins, leaves, chat lines).

#include "csc/core/chat_events.hpp"
#include "csc/core/logger.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace csc::apps {

class console_events final : public core::chat_events {
public:
    explicit console_events(core::logger& log) : log_(log) {}

    /// "[p] Name has connected to chat with X players online."
    void on_server_connected(const core::server& s, std::int64_t player_count) override;
    /// "[p] Name has disconnected from chat."
    void on_server_disconnected(const core::server& s) override;
    /// "[p] user has joined Name."
    void on_player_joined(const core::server& s, const std::string& username) override;
    /// "[p] user has left Name."
    void on_player_left(const core::server& s, const std::string& username) override;
    /// "[p] user: content"
    void on_message(const core::server& s, const std::string& username, const std::string& content,
                    bool sanitized) override;

private:
    core::logger& log_;
};

/// `text` on one line: control characters (newlines included) become spaces.
std::string one_line(std::string_view text);

} // namespace csc::apps
