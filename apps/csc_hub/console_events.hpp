#pragma once
// What the standalone hub does with the network's events: it has no players and no
// chat window, so it logs them (servers coming and going, joins, leaves, chat lines).
// Chat lines are debug lines: a busy hub does not pay for formatting and writing one per
// message unless it runs verbose.

#include "csc/core/chat_events.hpp"
#include "csc/core/logger.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace csc::apps {

class console_events final : public core::chat_events {
public:
    /// `shown`: the lowest level `log` shows; chat lines are built only when it is debug.
    explicit console_events(core::logger& log, core::log_level shown = core::log_level::info)
        : log_(log), chat_lines_(shown == core::log_level::debug) {}

    /// "[p] Name has connected to chat with X players online."
    void on_server_connected(const core::server& s, std::int64_t player_count) override;
    /// "[p] Name has disconnected from chat."
    void on_server_disconnected(const core::server& s) override;
    /// "[p] user has joined Name."
    void on_player_joined(const core::server& s, const std::string& username) override;
    /// "[p] user has left Name."
    void on_player_left(const core::server& s, const std::string& username) override;
    /// "[p] user: content", at debug level
    void on_message(const core::server& s, const std::string& username, const std::string& content,
                    bool sanitized) override;

private:
    core::logger& log_;
    bool chat_lines_;
};

/// `text` on one line: control characters (newlines included) become spaces.
std::string one_line(std::string_view text);

} // namespace csc::apps
