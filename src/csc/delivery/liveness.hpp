#pragma once
// Ping/pong bookkeeping for one link to a peer that announced `delivery`. Anything received
// proves the peer alive. We ping when we have sent nothing for an interval (so the peer
// hears from us) or heard nothing for an interval (so the peer answers); a peer silent for
// `dead_after` intervals is dead, which also catches a half-open connection.
//
//   heard ─┬─ silent >= interval ─────────> send ping (once per silence)
//          └─ silent >= dead_after * interval ─> dead: close the link
//   sent  ─── nothing sent for interval ──> send ping

#include <chrono>
#include <cstdint>

namespace csc::delivery {

struct liveness_config {
    /// How often an idle link pings.
    std::chrono::milliseconds interval{std::chrono::seconds(15)};
    /// Intervals of silence after which the peer is dead.
    std::uint32_t dead_after = 2;
};

enum class liveness_action {
    none,      ///< nothing to do before deadline()
    send_ping, ///< send a `ping` now
    dead,      ///< the peer is gone: close the link
};

class liveness {
public:
    using time_point = std::chrono::steady_clock::time_point;

    /// Starts the clocks at `now` (the handshake).
    liveness(liveness_config config, time_point now);

    /// Anything came from the peer (a pong included).
    void on_received(time_point now) noexcept;
    /// We sent something to the peer (a ping or pong included).
    void on_sent(time_point now) noexcept;
    /// What to do at `now`. After send_ping, call on_sent() once the ping is queued.
    liveness_action poll(time_point now) noexcept;
    /// When to poll again at the latest.
    time_point deadline() const noexcept;
    /// True once poll() has said dead (final).
    bool is_dead() const noexcept { return dead_; }

private:
    liveness_config config_;
    time_point last_received_;
    time_point last_sent_;
    bool pinged_since_received_ = false;
    bool dead_ = false;
};

} // namespace csc::delivery
