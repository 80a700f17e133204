// client::impl's part of acknowledged delivery and liveness (link_delivery does the
// bookkeeping; this file moves bytes and timers): frames after the acknowledge are decoded
// here and routed, stamped packets filtered, pings answered, a silent hub closed.
#include "csc/link/client_impl.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/overloaded.hpp"

#include <variant>

namespace csc::link {
namespace {

using clock = std::chrono::steady_clock;

/// The identifier and stamp of a join/leave/message, or nullptr.
const protocol::delivery_stamp* stamp_of(const protocol::packet& p) {
    return std::visit(protocol::overloaded{
                          [](const protocol::join& j) { return &j.delivery; },
                          [](const protocol::leave& l) { return &l.delivery; },
                          [](const protocol::message& m) { return &m.delivery; },
                          [](const auto&) -> const protocol::delivery_stamp* { return nullptr; },
                      },
                      p);
}

} // namespace

std::chrono::milliseconds client::impl::next_delay() {
    const std::chrono::milliseconds delay = backoff.next();
    if (retry_delays.size() == max_recorded_delays) {
        retry_delays.erase(retry_delays.begin());
    }
    retry_delays.push_back(delay);
    return delay;
}

void client::impl::write(std::string bytes) {
    if (bytes.empty() || !session || !session_open) {
        return;
    }
    session->send(std::move(bytes));
    tracker.on_sent(clock::now());
}

void client::impl::send_packet(protocol::packet p) {
    const bool connected = state.acknowledged() && session_open && session;
    for (std::string& bytes : tracker.send(std::move(p), connected, state.own_id(),
                                           state.encode_options(), clock::now(), log())) {
        write(std::move(bytes));
    }
}

void client::impl::on_acknowledged(std::string_view frame) {
    backoff.reset(); // a good handshake
    auto decoded = protocol::decode(frame);
    const auto* ack = decoded ? std::get_if<protocol::acknowledge>(&decoded.value) : nullptr;
    if (ack == nullptr) {
        return; // link_state accepted it, so it decodes: cannot happen
    }
    for (std::string& bytes :
         tracker.on_acknowledge(*ack, state.own_id(), state.encode_options(), clock::now(), log())) {
        write(std::move(bytes));
    }
    arm_liveness(connection);
}

void client::impl::on_established_frame(std::string_view frame) {
    tracker.on_received(clock::now());
    auto decoded = protocol::decode(frame);
    if (!decoded) {
        (void)state.on_frame(frame); // logs and drops it, as for any bad packet
        return;
    }
    protocol::packet& p = decoded.value;
    if (const auto* a = std::get_if<protocol::ack>(&p)) {
        for (std::string& bytes : tracker.on_ack(*a, state.own_id(), state.encode_options(), log())) {
            write(std::move(bytes));
        }
    } else if (const auto* r = std::get_if<protocol::resume>(&p)) {
        tracker.on_resume(*r, state.events(), log());
    } else if (std::holds_alternative<protocol::ping>(p)) {
        if (tracker.granted()) {
            write(protocol::encode(protocol::pong{}));
        }
    } else if (std::holds_alternative<protocol::pong>(p)) {
        // a sign of life, counted above
    } else if (const protocol::delivery_stamp* stamp = stamp_of(p);
               stamp != nullptr && !stamp->origin.empty()) {
        if (tracker.filter(*stamp, clock::now()) == link_delivery::incoming::apply) {
            show(p, *stamp);
        }
        tracker.applied(*stamp, state.events());
    } else if (state.on_packet(p) == verdict::close) {
        session->close(std::make_error_code(std::errc::protocol_error)); // state logged why
    }
}

void client::impl::show(const protocol::packet& p, const protocol::delivery_stamp& stamp) {
    const protocol::identifier id = protocol::origin_of(p);
    const core::server* listed = state.servers().find(id);
    if (stamp.server && listed == nullptr) {
        // The hub says who the origin is (it is not connected now): shown as that server.
        (void)state.on_packet(p);
        return;
    }
    const core::server* remembered = tracker.recall(stamp.origin);
    // The directory names live servers; an origin seen before names the sender of a replay
    // whose server left or was renumbered by a restarted hub.
    const core::server* from = listed;
    if (remembered != nullptr && (listed == nullptr || listed->info != remembered->info)) {
        from = remembered;
    }
    if (from == nullptr) {
        (void)state.on_packet(p); // logs "unknown server" and drops it, as version 1 does
        return;
    }
    if (from == listed) {
        tracker.remember(stamp.origin, *listed);
    }
    const core::server sender = *from;
    core::deliver_player_event(state.events(), sender, p);
}

void client::impl::arm_liveness(std::uint64_t conn) {
    const auto due = tracker.deadline();
    if (!due || conn != connection || !session_open) {
        return;
    }
    liveness_timer.expires_at(*due);
    liveness_timer.async_wait([weak = weak_from_this(), conn](std::error_code ec) {
        auto self = weak.lock();
        if (!ec && self) {
            self->on_liveness(conn);
        }
    });
}

void client::impl::on_liveness(std::uint64_t conn) {
    if (conn != connection || !session_open || !session) {
        return;
    }
    switch (tracker.poll(clock::now(), log())) {
    case delivery::liveness_action::send_ping: write(protocol::encode(protocol::ping{})); break;
    case delivery::liveness_action::dead:
        log().warn("link: the hub at " + where() + " has not answered for " +
                   std::to_string(config.delivery.liveness.dead_after *
                                  config.delivery.liveness.interval.count()) +
                   " ms; closing the connection");
        session->close(std::make_error_code(std::errc::timed_out));
        return;
    case delivery::liveness_action::none: break;
    }
    arm_liveness(conn);
}

} // namespace csc::link
