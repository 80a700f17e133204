#pragma once
// The state behind link::client, shared by its public API (client.cpp) and its
// connection loop (client_loop.cpp). Private to the link layer.
//
// The loop is one coroutine per client, in the shape of a reconnecting client
// (muduo Connector, Boost.Redis run):
//
//   run():  wait(delay) -> connect() -> serve() -> delay = backoff -> repeat, until stop()
//   wait():     retry_timer until wake_at; reconnect() moves wake_at, stop() ends it
//   connect():  resolve (names only) + async_connect + secure() (TLS handshake when
//               configured), all bounded by connect_deadline
//   serve():    frame_session + handshake; waits on closed_signal (a timer used as a
//               condition variable) until the session's on_closed fires
//
// Frames go to link_state (sans I/O), which keeps the directory and reports events; after
// the acknowledge they are decoded here first, so link_delivery (sans I/O) sees acks, resumes,
// pings and packet ids (client_delivery.cpp). With `delivery` granted, liveness_timer polls
// the liveness clock: ping when idle, close when the hub is silent too long.
// Everything runs on one io_context thread.

#include "csc/delivery/backoff.hpp"
#include "csc/link/client.hpp"
#include "csc/link/link_delivery.hpp"
#include "csc/link/link_state.hpp"
#include "csc/net/frame_session.hpp"
#include "csc/net/tls_context.hpp"

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace csc::link {

struct client::impl : std::enable_shared_from_this<impl> {
    /// Where the loop is; reconnect() acts on it.
    enum class phase { idle, waiting, connecting, connected };

    impl(asio::any_io_executor executor, client_config cfg, core::chat_events& events,
         core::logger& logger)
        : ex(std::move(executor)), config(std::move(cfg)), state(events, logger, config.secret),
          tracker(config.delivery),
          backoff(delivery::backoff_config{std::chrono::milliseconds{1000},
                                           effective_reconnect_interval(config.reconnect_interval)},
                  config.backoff_random ? config.backoff_random
                                        : delivery::default_random_source()),
          retry_timer(ex), liveness_timer(ex),
          connect_deadline(ex), closed_signal(ex, std::chrono::steady_clock::time_point::max()),
          resolver(ex), socket(ex) {}

    /// The connect loop; `self` keeps the state alive while it runs.
    static asio::awaitable<void> run(std::shared_ptr<impl> self, std::chrono::milliseconds delay);
    /// Waits `delay`, or what a reconnect() asks for instead; returns early on stop().
    asio::awaitable<void> wait(std::chrono::milliseconds delay);
    /// One bounded connect attempt; true when `stream` is connected (and secured).
    asio::awaitable<bool> connect();
    /// Wraps the connected `socket` into `stream`, with the TLS handshake when configured;
    /// returns why it failed, or nothing.
    asio::awaitable<std::string> secure();
    /// Runs one connection (handshake, frames) until it closes.
    asio::awaitable<void> serve();
    /// A frame of connection `conn` (stale connections are ignored).
    void on_frame(std::uint64_t conn, std::string_view frame);
    /// Connection `conn` closed: reset the state, report on_network_left, wake serve().
    void on_closed(std::uint64_t conn, std::error_code reason);
    /// Cancels a resolve or connect in progress.
    void abort_connect();
    /// Sends one of our join/leave/message packets (kept for later with delivery).
    void send_packet(protocol::packet p);
    /// Sends `p` if acknowledged; dropped otherwise (packets outside delivery: whispers...).
    void send(const protocol::packet& p);
    /// Writes bytes on the current session (and counts them for liveness).
    void write(std::string bytes);
    /// The acknowledge in `frame` was accepted: delivery's resume, liveness.
    void on_acknowledged(std::string_view frame);
    /// A frame after the acknowledge.
    void on_established_frame(std::string_view frame);
    /// Shows a stamped join/leave/message that passed the filter.
    void show(const protocol::packet& p, const protocol::delivery_stamp& stamp);
    /// Waits for the liveness deadline of connection `conn`, then on_liveness().
    void arm_liveness(std::uint64_t conn);
    void on_liveness(std::uint64_t conn);
    /// The wait before the next attempt, from the backoff (and recorded).
    std::chrono::milliseconds next_delay();
    /// Where log lines go (silent once the client is destroyed).
    core::logger& log() const { return state.logger(); }
    /// "HOST:PORT" of the hub, for log lines.
    std::string where() const { return config.host + ":" + std::to_string(config.port); }

    asio::any_io_executor ex;
    client_config config;
    link_state state;
    link_delivery tracker;
    delivery::backoff backoff;
    std::vector<std::chrono::milliseconds> retry_delays; ///< next_delay()'s choices, latest last
    static constexpr std::size_t max_recorded_delays = 64;
    asio::steady_timer retry_timer;      ///< the wait between attempts
    asio::steady_timer liveness_timer;   ///< the next liveness poll
    asio::steady_timer connect_deadline; ///< bounds one connect attempt
    asio::steady_timer closed_signal;    ///< cancelled when the session closes
    asio::ip::tcp::resolver resolver;
    asio::ip::tcp::socket socket; ///< the socket being connected (moved into `stream`)
    std::unique_ptr<net::byte_stream> stream;    ///< connected and secured (moved into the session)
    std::shared_ptr<asio::ssl::context> tls;     ///< TLS context, made on the first attempt
    std::shared_ptr<net::frame_session> session;
    phase current = phase::idle;
    std::uint64_t attempt = 0;    ///< connect attempts, to ignore a stale deadline
    std::uint64_t connection = 0; ///< sessions, to ignore a stale session's callbacks
    bool session_open = false;
    bool timed_out = false; ///< the deadline aborted the current connect attempt
    bool started = false;
    bool stopped = false;
    bool outage_logged = false; ///< the current outage was logged once already
    std::optional<std::chrono::milliseconds> pending_delay; ///< set by reconnect()
    std::chrono::steady_clock::time_point wake_at;
    std::int64_t player_count = 0;
};

} // namespace csc::link
