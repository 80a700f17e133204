#pragma once
// The host role: listens for links, answers handshakes, relays packets between
// links, and takes part itself as identifier 0 (the plugin's own server, or the
// standalone hub). Knows nothing of Omegga: it talks to core::chat_events.

#include "csc/core/chat_events.hpp"
#include "csc/core/chat_node.hpp"
#include "csc/core/logger.hpp"
#include "csc/delivery/hub_log.hpp"
#include "csc/delivery/status.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "csc/protocol/packet.hpp"

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace csc::hub {

struct hub_config {
    /// Address to listen on ("0.0.0.0" listens everywhere, as the original does).
    std::string host = "0.0.0.0";
    /// TCP port; 0 picks a free one (tests).
    std::uint16_t port = 1337;
    /// How the host's own server presents itself (its entry, identifier 0).
    protocol::server_info self;
    /// Cap on one incoming frame.
    std::size_t max_frame = protocol::default_max_frame;

    // --- link security (docs/security.md) ---
    /// Shared secret for mutual authentication; empty: none (protocol v1 as the original,
    /// original plugins can join). Set: every link must prove it knows it.
    std::string secret;
    /// TLS: when both are set, every link must speak TLS with this certificate (PEM files).
    std::string tls_cert_file;
    std::string tls_key_file;

    // --- bounds ---
    /// Most links at once (handshaken or not); more are closed at accept.
    std::size_t max_links = 256;
    /// Most connections still in handshake (or authentication) at once.
    std::size_t max_pending_handshakes = 32;
    /// A connection that has not completed its handshake by then is closed (slowloris).
    std::chrono::milliseconds handshake_timeout{10000};
    /// Cap on bytes queued for one link; a slower reader is disconnected.
    std::size_t max_queued_bytes = 1024 * 1024;

    // --- flood control per link (join/leave/message relayed from it) ---
    double link_messages_per_second = 50;
    double link_message_burst = 200;
    double link_bytes_per_second = 64 * 1024;
    double link_bytes_burst = 256 * 1024;
    /// Packets dropped over budget within one minute before the link is disconnected.
    std::size_t max_flood_drops = 500;

    // --- acknowledged delivery (docs/delivery.md) ---
    /// The hub log's SQLite file; empty: a log in memory (lost when the process ends). A
    /// file that cannot be opened is logged as an error and a memory log used instead.
    std::string log_file;
    /// How long and how much the log keeps (10 minutes, 100,000 packets).
    delivery::retention_config retention;
    /// synchronous=FULL for the SQLite log: survives power loss, slower.
    bool log_full_sync = false;
    /// An idle delivery link is pinged after this long.
    std::chrono::milliseconds ping_interval{15000};
    /// A delivery link silent for this many ping intervals is closed.
    std::uint32_t dead_after = 2;
    /// The hub's own server id (32 lowercase hex digits); empty or invalid: a random one.
    std::string self_origin;
    /// The run of the hub's own server (1..; the plugin counts its starts).
    std::int64_t self_session = 1;
};

class hub final : public core::chat_node {
public:
    hub(asio::any_io_executor executor, hub_config config, core::chat_events& events,
        core::logger& log);
    ~hub() override;
    hub(const hub&) = delete;
    hub& operator=(const hub&) = delete;

    /// Binds and listens now; returns why it could not (start() logs that and retries later).
    std::error_code listen();
    /// Where the hub listens (after listen()/start()); port 0 in the config is resolved here.
    asio::ip::tcp::endpoint local_endpoint() const;
    /// Links that completed their handshake.
    std::size_t link_count() const;
    /// What the hub's log did so far: its epoch, last position and counters.
    delivery::status delivery_status() const;
    /// The hub's own server id (its packets' origin).
    const std::string& self_origin() const;

    void start() override;
    void stop() override;
    void reconnect(std::chrono::milliseconds delay) override;
    void set_player_count(std::int64_t count) override;
    void send_join(const std::string& username) override;
    void send_leave(const std::string& username) override;
    void send_message(const std::string& username, const std::string& content,
                      bool sanitized) override;
    const core::server_directory& servers() const override;
    protocol::identifier host_id() const override { return 0; }
    bool is_host() const override { return true; }

    // feature `players` (hub_players.cpp)
    bool players_supported() const override { return true; }
    const core::player_directory& players() const override;
    void send_players(const std::vector<core::player>& list) override;
    void send_player_join(const core::player& p) override;
    void send_player_leave(const core::player& p) override;
    void send_player_message(const core::player& p, const std::string& content,
                             bool sanitized) override;
    void send_whisper(protocol::whisper w) override;
    void send_whisper_status(protocol::whisper_status s) override;

private:
    struct impl;
    std::shared_ptr<impl> impl_; // shared with the running coroutines
};

} // namespace csc::hub
