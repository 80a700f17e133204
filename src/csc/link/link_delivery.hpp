#pragma once
// The link's side of acknowledged delivery (docs/delivery.md), sans I/O: the client feeds it
// what happens on the connection, with the time, and writes the bytes it returns.
//
//   send(join/leave/message) -> stamped (origin, session, seq), kept in the outbox
//        connected + granted + first ack seen .... written now
//        connected to a hub without `delivery` ... written as version 1, not kept
//        not connected ........................... kept; sent after the next acknowledge
//   acknowledge granting `delivery` -> resume(last applied epoch, position); liveness starts
//   first ack(k) -> resend the outbox after k, in order; later acks empty the outbox
//   incoming join/leave/message with a stamp -> drop if its position was applied already or
//        its (origin, session, seq) was seen; after applying it, its position is reported
//   ping -> pong; silence for dead_after intervals -> dead (the client closes)

#include "csc/core/chat_events.hpp"
#include "csc/core/logger.hpp"
#include "csc/core/server_directory.hpp"
#include "csc/delivery/dedupe.hpp"
#include "csc/delivery/liveness.hpp"
#include "csc/delivery/outbox.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/packet.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csc::link {

struct delivery_config {
    /// This server's id (32 hex digits); empty: no delivery, protocol version 1 best effort.
    std::string origin;
    /// This run of the server (1, 2, ...), counted across restarts by the application.
    std::uint64_t session = 1;
    /// Bounds of the packets kept until the hub acknowledges them.
    delivery::outbox_config outbox;
    /// Ping interval and silence after which the hub is dead.
    delivery::liveness_config liveness;
    /// Memory of the packet ids seen, to drop duplicates.
    delivery::dedupe_config dedupe;
    /// The last hub log position applied by an earlier run (epoch empty: none).
    std::string resume_epoch;
    std::uint64_t resume_position = 0;
};

class link_delivery {
public:
    using time_point = std::chrono::steady_clock::time_point;
    /// Bytes to write to the hub, in order.
    using writes = std::vector<std::string>;

    /// What to do with a join/leave/message from the hub.
    enum class incoming {
        apply, ///< show it
        drop,  ///< a duplicate, a replay of what was applied, or our own packet
    };

    explicit link_delivery(delivery_config config);

    /// True when configured with an origin (the link announces `delivery`).
    bool enabled() const noexcept { return !config_.origin.empty(); }
    /// True while the current connection's acknowledge granted `delivery`.
    bool granted() const noexcept { return granted_; }

    /// Adds the `delivery` feature, origin and session to our handshake (when enabled).
    void announce(protocol::handshake& hello) const;
    /// The host acknowledged us as `own_id`: returns what to write right away (our resume,
    /// or, from a host without `delivery`, the kept packets as version 1).
    writes on_acknowledge(const protocol::acknowledge& a, protocol::identifier own_id,
                          protocol::encode_options opts, time_point now, core::logger& log);
    /// The connection closed: the outbox and what was seen stay; the grant goes.
    void connection_closed();

    /// One of our players' join/leave/message (`connected`: acknowledged): what to write now.
    /// Kept packets are encoded in full; `opts` says what this hub takes (player ids).
    writes send(protocol::packet p, bool connected, protocol::identifier own_id,
                protocol::encode_options opts, time_point now, core::logger& log);
    /// An `ack` from the hub: the first one of a connection returns the outbox to resend.
    writes on_ack(const protocol::ack& a, protocol::identifier own_id,
                  protocol::encode_options opts, core::logger& log);
    /// The hub's answer to our resume: where the replay starts.
    void on_resume(const protocol::resume& r, core::chat_events& events, core::logger& log);
    /// Whether to show a stamped packet from the hub (unstamped ones are always applied).
    incoming filter(const protocol::delivery_stamp& stamp, time_point now);
    /// After a stamped packet was shown or dropped: its position is applied (reported).
    void applied(const protocol::delivery_stamp& stamp, core::chat_events& events);

    /// Remembers which server an origin is, from a live packet whose identifier is known.
    void remember(const std::string& origin, const core::server& s);
    /// The server an origin was last seen as (for replays from servers gone or renumbered).
    const core::server* recall(const std::string& origin) const;

    /// Liveness (only while granted): anything arrived / we wrote something.
    void on_received(time_point now);
    void on_sent(time_point now);
    /// What to do at `now` (none when not granted); also drops outbox entries too old.
    delivery::liveness_action poll(time_point now, core::logger& log);
    /// When to poll next (nothing when not granted).
    std::optional<time_point> deadline() const;

    /// Packets sent but not yet acknowledged (0 when not enabled).
    std::size_t pending() const noexcept { return enabled() ? outbox_.size() : 0; }
    /// Calls `done` once pending() is 0 (at once if it is).
    void when_drained(std::function<void()> done);
    /// Forgets the when_drained callbacks (stop).
    void drop_waiters() { drain_waiters_.clear(); }
    /// The last applied position and its epoch (empty: none).
    const std::string& applied_epoch() const noexcept { return applied_epoch_; }
    std::uint64_t applied_position() const noexcept { return applied_; }
    /// Packets the outbox dropped unacknowledged (overflow or age).
    std::uint64_t dropped() const noexcept { return outbox_.dropped_total(); }
    /// Stamped packets from the hub dropped as duplicates so far.
    std::uint64_t duplicates() const noexcept { return duplicates_; }

private:
    /// The kept payload re-encoded for sending now: our current identifier; `stamped`: with
    /// the delivery fields (else version 1).
    std::string reencode(const std::string& payload, protocol::identifier own_id, bool stamped,
                         protocol::encode_options opts) const;
    void log_overflow(const delivery::overflow_report& r, core::logger& log);
    void notify_if_drained();

    delivery_config config_;
    delivery::outbox outbox_;
    delivery::dedupe dedupe_;
    std::optional<delivery::liveness> liveness_;
    std::map<std::string, core::server, std::less<>> origins_;
    std::vector<std::function<void()>> drain_waiters_;
    std::string applied_epoch_;   ///< the log `applied_` belongs to
    std::uint64_t applied_ = 0;   ///< the last position applied
    std::string host_epoch_;      ///< the current connection's log (from the acknowledge)
    bool granted_ = false;
    bool first_ack_seen_ = false; ///< this connection's first ack arrived
    bool resume_answered_ = false; ///< this connection's resume answer arrived
    bool told_best_effort_ = false;
    std::uint64_t duplicates_ = 0;
};

} // namespace csc::link
