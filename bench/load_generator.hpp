#pragma once
// The load generator: L links to a hub on 127.0.0.1, each handshaking as its own server;
// links 0 .. S-1 then send `message` packets (at a fixed rate, or flat out with a bound on
// the messages in flight), and every link reads everything.
//
// A message's content starts with a marker "@@SSSSS:QQQQQQQQQQ:TTTTTTTTTTTTTTTTTTTT" (sender
// index, sequence number, send time in steady-clock ns, fixed width) padded with 'x' to the
// payload size, so a receiver finds it without parsing JSON, whatever the hub's field order.
// Frames must be newline-terminated (both csc-hub and csc-ref-relay do so).
//
// One io_context, one thread; setup() and measure() each run it for a bounded time.

#include "delivery_tracker.hpp"

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace csc::bench {

/// What one run of the generator does.
struct load_config {
    /// The hub's port on 127.0.0.1.
    std::uint16_t port = 0;
    /// Links to open.
    int links = 10;
    /// Links that send (the first ones); 0 makes an idle run.
    int senders = 10;
    /// Bytes of `content` per message (at least marker_size).
    std::size_t payload_bytes = 100;
    /// Messages per second per sender; 0 sends flat out.
    double rate = 0;
    /// Flat out: messages per sender not yet seen by every receiver.
    std::uint64_t window = 64;
    /// Length of the sending phase.
    std::chrono::milliseconds duration{5000};
    /// Bound on connecting and handshaking every link (includes waiting for the hub to listen).
    std::chrono::milliseconds setup_timeout{20000};
    /// Bound on waiting for the last deliveries after the sending phase.
    std::chrono::milliseconds drain_timeout{5000};
    /// Links connecting or handshaking at the same time.
    int max_connecting = 32;
    /// Handshake as original (protocol v1 only) peers: no `features`, so csc-hub writes them
    /// one packet per write. Off: announce `sanitized`, as csc-plugin does (gathered writes).
    bool original_peers = false;
    /// Announce `delivery` as well (docs/delivery.md): every link gets an origin and a
    /// session, sends `resume` after the acknowledge, and every message carries a seq, so
    /// csc-hub logs each one before relaying it. Ignored with original_peers.
    bool delivery = false;
};

/// Size of the marker at the start of every message's content.
inline constexpr std::size_t marker_size = 2 + 5 + 1 + 10 + 1 + 20;

class load_generator {
public:
    explicit load_generator(load_config cfg);
    ~load_generator();
    load_generator(const load_generator&) = delete;
    load_generator& operator=(const load_generator&) = delete;

    /// Connects and handshakes every link; returns why it failed, or "" on success.
    std::string setup();
    /// Sends for the configured duration, then waits (bounded) for the last deliveries.
    void measure();

    /// What was delivered, lost, duplicated, and how fast.
    const delivery_tracker& tracker() const noexcept { return tracker_; }
    /// Seconds from the first send to the last delivery (or to the end of the drain).
    double elapsed_seconds() const noexcept { return elapsed_s_; }
    /// The first link failure seen (a closed or broken connection), or "".
    const std::string& failure() const noexcept { return failure_; }
    /// Frames received that carried no marker (acknowledges, connection notices...).
    std::uint64_t other_frames() const noexcept { return other_frames_; }

private:
    struct link;
    enum class phase { setup, sending, draining, done };

    void connect(link& l);
    void on_connected(link& l);
    void wait_readable(link& l);
    void on_readable(link& l);
    bool on_bytes(link& l, std::string_view data);
    void on_line(link& l, std::string_view line, std::int64_t now_ns);
    void on_acknowledge(link& l, std::string_view line);
    void start_next_connect();
    void pump(int sender);
    void tick(int sender);
    void queue_messages(link& l, std::uint64_t count);
    void flush(link& l);
    void fail(link& l, const std::string& why);

    load_config cfg_;
    asio::io_context ctx_{1};
    asio::executor_work_guard<asio::io_context::executor_type> work_{ctx_.get_executor()};
    std::vector<std::unique_ptr<link>> links_;
    delivery_tracker tracker_;
    std::vector<char> read_buffer_;
    std::vector<int> to_pump_; ///< senders whose window advanced during one read
    std::vector<char> pump_flag_;
    phase phase_ = phase::setup;
    int next_connect_ = 0;
    int acknowledged_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point setup_deadline_;
    std::int64_t last_delivery_ns_ = 0;
    double elapsed_s_ = 0;
    std::uint64_t other_frames_ = 0;
    std::string failure_;
};

} // namespace csc::bench
