#pragma once
// A core::chat_events that records every call, for tests of the hub, the link and
// the plugin: what happened, in order, with the arguments it was called with.

#include "csc/core/chat_events.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csc::test {

/// Which chat_events member was called.
enum class event_kind {
    server_connected,
    server_disconnected,
    player_joined,
    player_left,
    message,
    network_joined,
    network_left,
    players_changed,
    whisper,
    whisper_status,
};

/// "server_connected", "message", ...
std::string_view to_string(event_kind kind) noexcept;

/// One recorded call; fields that the call did not carry keep their defaults.
struct recorded_event {
    event_kind kind = event_kind::message;
    core::server server;           ///< the server (host entry for network_joined)
    std::int64_t player_count = 0; ///< server_connected / network_joined
    std::string username;          ///< player_joined / player_left / message
    std::string content;           ///< message
    bool sanitized = false;        ///< message
    std::string player_id{};       ///< player_joined / player_left / message (feature players)
    protocol::whisper whisper{};   ///< whisper
    protocol::whisper_status status{}; ///< whisper_status
    bool operator==(const recorded_event&) const = default;
};

class recording_events final : public core::chat_events {
public:
    void on_server_connected(const core::server& s, std::int64_t player_count) override;
    void on_server_disconnected(const core::server& s) override;
    void on_player_joined(const core::server& s, const std::string& username) override;
    void on_player_left(const core::server& s, const std::string& username) override;
    void on_message(const core::server& s, const std::string& username, const std::string& content,
                    bool sanitized) override;
    void on_network_joined(const core::server& host, std::int64_t player_count) override;
    void on_network_left() override;
    void on_player_join(const core::server& s, const core::player& p) override;
    void on_player_leave(const core::server& s, const core::player& p) override;
    void on_player_chat(const core::server& s, const core::player& p, const std::string& content,
                        bool sanitized) override;
    void on_players_changed(const core::server& s) override;
    void on_whisper(const core::server& from, const protocol::whisper& w) override;
    void on_whisper_status(const core::server& about,
                           const protocol::whisper_status& status) override;
    void on_position_applied(const std::string& epoch, std::uint64_t position) override {
        positions_.emplace_back(epoch, position);
    }

    /// Every call so far, in order.
    const std::vector<recorded_event>& events() const noexcept { return events_; }
    /// The calls of one kind, in order.
    std::vector<recorded_event> of(event_kind kind) const;
    /// How many calls of one kind.
    std::size_t count(event_kind kind) const;
    /// The latest call of one kind, if any.
    std::optional<recorded_event> last(event_kind kind) const;
    /// Forgets everything recorded.
    void clear() noexcept {
        events_.clear();
        positions_.clear();
    }
    /// Every on_position_applied call, in order (not among events()).
    const std::vector<std::pair<std::string, std::uint64_t>>& positions() const noexcept {
        return positions_;
    }

    /// Optional hook, called after each recorded event (e.g. to stop a run loop).
    std::function<void(const recorded_event&)> on_event;

private:
    void record(recorded_event e);
    std::vector<recorded_event> events_;
    std::vector<std::pair<std::string, std::uint64_t>> positions_;
};

} // namespace csc::test
