#include "support/recording_events.hpp"

#include <algorithm>
#include <utility>

namespace csc::test {

std::string_view to_string(event_kind kind) noexcept {
    switch (kind) {
    case event_kind::server_connected: return "server_connected";
    case event_kind::server_disconnected: return "server_disconnected";
    case event_kind::player_joined: return "player_joined";
    case event_kind::player_left: return "player_left";
    case event_kind::message: return "message";
    case event_kind::network_joined: return "network_joined";
    case event_kind::network_left: return "network_left";
    case event_kind::players_changed: return "players_changed";
    case event_kind::whisper: return "whisper";
    case event_kind::whisper_status: return "whisper_status";
    }
    return "unknown";
}

namespace {

recorded_event make(event_kind kind, const core::server& s) {
    recorded_event e;
    e.kind = kind;
    e.server = s;
    return e;
}

} // namespace

void recording_events::on_server_connected(const core::server& s, std::int64_t player_count) {
    auto e = make(event_kind::server_connected, s);
    e.player_count = player_count;
    record(std::move(e));
}

void recording_events::on_server_disconnected(const core::server& s) {
    record(make(event_kind::server_disconnected, s));
}

void recording_events::on_player_joined(const core::server& s, const std::string& username) {
    auto e = make(event_kind::player_joined, s);
    e.username = username;
    record(std::move(e));
}

void recording_events::on_player_left(const core::server& s, const std::string& username) {
    auto e = make(event_kind::player_left, s);
    e.username = username;
    record(std::move(e));
}

void recording_events::on_message(const core::server& s, const std::string& username,
                                  const std::string& content, bool sanitized) {
    auto e = make(event_kind::message, s);
    e.username = username;
    e.content = content;
    e.sanitized = sanitized;
    record(std::move(e));
}

void recording_events::on_network_joined(const core::server& host, std::int64_t player_count) {
    auto e = make(event_kind::network_joined, host);
    e.player_count = player_count;
    record(std::move(e));
}

void recording_events::on_network_left() { record(make(event_kind::network_left, {})); }

void recording_events::on_player_join(const core::server& s, const core::player& p) {
    auto e = make(event_kind::player_joined, s);
    e.username = p.name;
    e.player_id = p.id;
    record(std::move(e));
}

void recording_events::on_player_leave(const core::server& s, const core::player& p) {
    auto e = make(event_kind::player_left, s);
    e.username = p.name;
    e.player_id = p.id;
    record(std::move(e));
}

void recording_events::on_player_chat(const core::server& s, const core::player& p,
                                      const std::string& content, bool sanitized) {
    auto e = make(event_kind::message, s);
    e.username = p.name;
    e.player_id = p.id;
    e.content = content;
    e.sanitized = sanitized;
    record(std::move(e));
}

void recording_events::on_players_changed(const core::server& s) {
    record(make(event_kind::players_changed, s));
}

void recording_events::on_whisper(const core::server& from, const protocol::whisper& w) {
    auto e = make(event_kind::whisper, from);
    e.whisper = w;
    record(std::move(e));
}

void recording_events::on_whisper_status(const core::server& about,
                                         const protocol::whisper_status& status) {
    auto e = make(event_kind::whisper_status, about);
    e.status = status;
    record(std::move(e));
}

std::vector<recorded_event> recording_events::of(event_kind kind) const {
    std::vector<recorded_event> out;
    std::copy_if(events_.begin(), events_.end(), std::back_inserter(out),
                 [kind](const recorded_event& e) { return e.kind == kind; });
    return out;
}

std::size_t recording_events::count(event_kind kind) const {
    return static_cast<std::size_t>(std::count_if(
        events_.begin(), events_.end(), [kind](const recorded_event& e) { return e.kind == kind; }));
}

std::optional<recorded_event> recording_events::last(event_kind kind) const {
    auto it = std::find_if(events_.rbegin(), events_.rend(),
                           [kind](const recorded_event& e) { return e.kind == kind; });
    if (it == events_.rend()) {
        return std::nullopt;
    }
    return *it;
}

void recording_events::record(recorded_event e) {
    events_.push_back(std::move(e));
    if (on_event) {
        on_event(events_.back());
    }
}

} // namespace csc::test
