#pragma once
// The client role: connects to a hub (ours or an original host), handshakes with
// version 1, keeps the directory of servers current, and reconnects when the hub
// is down or goes away. Knows nothing of Omegga: it talks to core::chat_events.

#include "csc/core/chat_events.hpp"
#include "csc/core/chat_node.hpp"
#include "csc/core/logger.hpp"
#include "csc/delivery/ids.hpp"
#include "csc/delivery/status.hpp"
#include "csc/link/link_delivery.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "csc/protocol/packet.hpp"

#include <asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace csc::link {

struct client_config {
    /// The hub's address (a name or an IP).
    std::string host = "127.0.0.1";
    std::uint16_t port = 1337;
    /// How our server presents itself in the handshake.
    protocol::server_info self;
    /// The longest wait before reconnecting (values <= 0 become 15 s, as the original). The
    /// waits grow from under a second to this with full jitter (delivery::backoff), and start
    /// again from under a second after a good handshake.
    std::chrono::seconds reconnect_interval{60};
    /// Jitter source of that backoff (empty: random; tests inject their own).
    delivery::random_source backoff_random;
    /// Cap on one incoming frame.
    std::size_t max_frame = protocol::default_max_frame;
    /// Bound on one connect attempt (resolve + TCP connect), so a black-holed address
    /// does not stall the loop.
    std::chrono::milliseconds connect_timeout{10000};

    // --- link security (docs/security.md) ---
    /// Shared secret for mutual authentication; empty: none (works with original hosts).
    /// Set: the hub must prove it knows it too, or the link refuses it.
    std::string secret;
    /// Speak TLS to the hub.
    bool tls = false;
    /// TLS: CA certificate file (PEM) to verify the hub's certificate with; or
    std::string tls_ca_file;
    /// TLS: the hub certificate's SHA-256 fingerprint (hex, colons allowed) to pin.
    std::string tls_fingerprint;

    /// Acknowledged delivery (docs/delivery.md): set `delivery.origin` to announce it.
    delivery_config delivery;
};

/// The effective reconnect interval: <= 0 becomes 15 s.
std::chrono::seconds effective_reconnect_interval(std::chrono::seconds configured);

class client final : public core::chat_node {
public:
    client(asio::any_io_executor executor, client_config config, core::chat_events& events,
           core::logger& log);
    /// Closes like stop(), but reports no events: the objects it reports to may be going too.
    ~client() override;
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    /// True between the acknowledge and the close of that connection.
    bool connected() const;

    /// Starts the connect loop (the hub may be down: it retries). Idempotent; no-op after stop().
    void start() override;
    /// Closes the connection, cancels any pending retry; idempotent, final.
    void stop() override;
    /// Closes the connection and connects once more after `delay` (ignored after stop()).
    void reconnect(std::chrono::milliseconds delay) override;
    void set_player_count(std::int64_t count) override;
    void send_join(const std::string& username) override;
    void send_leave(const std::string& username) override;
    void send_message(const std::string& username, const std::string& content,
                      bool sanitized) override;
    const core::server_directory& servers() const override;
    protocol::identifier host_id() const override;
    bool is_host() const override { return false; }
    std::size_t pending_outbox() const override;
    void when_drained(std::function<void()> done) override;

    /// Whether delivery is granted, the last hub log position applied and its epoch, and
    /// the stamped packets from the hub dropped as duplicates so far.
    delivery::status delivery_status() const;
    /// The waits chosen before reconnect attempts (the latest 64, oldest first).
    const std::vector<std::chrono::milliseconds>& retry_delays() const;

    // feature `players` (client_players.cpp)
    protocol::identifier own_id() const override;
    bool players_supported() const override;
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

} // namespace csc::link
