#include "csc/link/link_delivery.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/overloaded.hpp"

#include <algorithm>
#include <utility>
#include <variant>

namespace csc::link {
namespace {

/// The stamp of a join/leave/message, or nullptr for the other packets.
protocol::delivery_stamp* stamp_of(protocol::packet& p) {
    return std::visit(protocol::overloaded{
                          [](protocol::join& j) { return &j.delivery; },
                          [](protocol::leave& l) { return &l.delivery; },
                          [](protocol::message& m) { return &m.delivery; },
                          [](auto&) -> protocol::delivery_stamp* { return nullptr; },
                      },
                      p);
}

void set_identifier(protocol::packet& p, protocol::identifier id) {
    std::visit(protocol::overloaded{
                   [id](protocol::join& j) { j.id = id; },
                   [id](protocol::leave& l) { l.id = id; },
                   [id](protocol::message& m) { m.id = id; },
                   [](auto&) {},
               },
               p);
}

std::int64_t wire(std::uint64_t n) { return static_cast<std::int64_t>(n); }

} // namespace

link_delivery::link_delivery(delivery_config config)
    : config_(std::move(config)), outbox_(config_.origin, config_.session, config_.outbox),
      dedupe_(config_.dedupe), applied_epoch_(config_.resume_epoch),
      applied_(config_.resume_epoch.empty() ? 0 : config_.resume_position) {}

void link_delivery::announce(protocol::handshake& hello) const {
    if (!enabled()) {
        return;
    }
    hello.features.emplace_back(protocol::feature::delivery);
    hello.origin = config_.origin;
    hello.session = wire(config_.session);
}

link_delivery::writes link_delivery::on_acknowledge(const protocol::acknowledge& a,
                                                    protocol::identifier own_id,
                                                    protocol::encode_options opts, time_point now,
                                                    core::logger& log) {
    granted_ = enabled() && !a.epoch.empty() &&
               std::find(a.features.begin(), a.features.end(), protocol::feature::delivery) !=
                   a.features.end();
    first_ack_seen_ = false;
    resume_answered_ = false;
    host_epoch_ = granted_ ? a.epoch : std::string();
    writes out;
    if (granted_) {
        liveness_.emplace(config_.liveness, now);
        told_best_effort_ = false;
        if (applied_epoch_.empty() && a.position) {
            // Our first join: from here on we are owed everything. Taking the hub's position
            // now, not from its answer to our resume, keeps a cut before that answer from
            // turning the next connection into a fresh start that skips what was said between.
            applied_epoch_ = a.epoch;
            applied_ = static_cast<std::uint64_t>(*a.position);
        }
        protocol::resume r;
        r.epoch = applied_epoch_;
        r.position = applied_epoch_.empty() ? 0 : wire(applied_);
        out.push_back(protocol::encode(r));
        return out;
    }
    if (!enabled()) {
        return out;
    }
    if (!told_best_effort_) {
        log.info("link: the hub does not offer acknowledged delivery; sending best effort");
        told_best_effort_ = true;
    }
    // A hub without delivery: what was kept while away goes out once, as version 1.
    log_overflow(outbox_.expire(now), log);
    for (const auto& entry : outbox_.pending_after(outbox_.acked())) {
        out.push_back(reencode(entry.payload, own_id, false, opts));
    }
    if (outbox_.last_seq() > outbox_.acked()) {
        (void)outbox_.ack(outbox_.last_seq());
    }
    notify_if_drained();
    return out;
}

void link_delivery::connection_closed() {
    granted_ = false;
    first_ack_seen_ = false;
    resume_answered_ = false;
    host_epoch_.clear();
    liveness_.reset();
}

link_delivery::writes link_delivery::send(protocol::packet p, bool connected,
                                          protocol::identifier own_id,
                                          protocol::encode_options opts, time_point now,
                                          core::logger& log) {
    set_identifier(p, own_id);
    protocol::delivery_stamp* stamp = stamp_of(p);
    if (!enabled() || stamp == nullptr) {
        return connected ? writes{protocol::encode(p, opts)} : writes{};
    }
    log_overflow(outbox_.expire(now), log);
    *stamp = protocol::delivery_stamp{config_.origin, wire(config_.session),
                                      wire(outbox_.last_seq() + 1), 0};
    std::string payload = protocol::encode(p);
    std::uint64_t seq = 0;
    log_overflow(outbox_.push(payload, now, seq), log);
    if (!connected) {
        return {};
    }
    if (granted_) {
        if (!first_ack_seen_) {
            return {};
        }
        return writes{opts.player_ids ? std::move(payload) : reencode(payload, own_id, true, opts)};
    }
    // A hub without delivery: best effort now, nothing kept.
    (void)outbox_.ack(seq);
    notify_if_drained();
    return writes{reencode(payload, own_id, false, opts)};
}

link_delivery::writes link_delivery::on_ack(const protocol::ack& a, protocol::identifier own_id,
                                            protocol::encode_options opts, core::logger& log) {
    if (!granted_) {
        log.debug("link: ignored an ack from a hub that did not grant delivery");
        return {};
    }
    if (a.session != wire(config_.session)) {
        log.debug("link: ignored an ack for session " + std::to_string(a.session));
        return {};
    }
    const auto seq = static_cast<std::uint64_t>(a.seq);
    const delivery::ack_report r = outbox_.ack(seq);
    if (r.beyond_sent) {
        log.warn("link: the hub acknowledged seq " + std::to_string(a.seq) +
                 ", which we never sent; ignored");
    }
    if (r.episode_ended) {
        log.warn("link: the outbox overflowed while the hub was away: " +
                 std::to_string(r.episode_dropped) + " packet(s) were dropped unsent");
    }
    writes out;
    if (!first_ack_seen_) {
        first_ack_seen_ = true;
        const std::uint64_t from = r.beyond_sent ? outbox_.acked() : std::max(seq, outbox_.acked());
        for (const auto& entry : outbox_.pending_after(from)) {
            out.push_back(reencode(entry.payload, own_id, true, opts));
        }
        if (!out.empty()) {
            log.info("link: sending " + std::to_string(out.size()) +
                     " packet(s) the hub has not acknowledged yet");
        }
    }
    notify_if_drained();
    return out;
}

void link_delivery::on_resume(const protocol::resume& r, core::chat_events& events,
                              core::logger& log) {
    if (!granted_) {
        log.debug("link: ignored a resume from a hub that did not grant delivery");
        return;
    }
    if (r.outcome == "resumed") {
        log.info("link: resuming after position " + std::to_string(r.position) +
                 " of the hub's log");
    } else if (r.outcome == "trimmed") {
        log.warn("link: we were away longer than the hub keeps packets: " +
                 (r.lost > 0 ? std::to_string(r.lost) : std::string("some")) +
                 " packet(s) from other servers are lost");
    } else if (r.outcome == "epoch_changed") {
        log.warn("link: the hub's log is a new one; what the other servers sent while we were "
                 "away may be lost");
    } else if (r.outcome == "bad_position") {
        log.warn("link: the hub does not know our last position " + std::to_string(applied_) +
                 "; starting from its newest packets");
    } else {
        log.debug("link: the hub starts us at position " + std::to_string(r.position) +
                  " (" + (r.outcome.empty() ? std::string("no outcome") : r.outcome) + ")");
    }
    resume_answered_ = true;
    if (r.epoch.empty()) {
        return;
    }
    applied_epoch_ = r.epoch;
    applied_ = static_cast<std::uint64_t>(r.position);
    events.on_position_applied(applied_epoch_, applied_);
}

link_delivery::incoming link_delivery::filter(const protocol::delivery_stamp& stamp,
                                              time_point now) {
    if (stamp.origin.empty()) {
        return incoming::apply;
    }
    const bool same_log = resume_answered_ && applied_epoch_ == host_epoch_;
    if (stamp.pos > 0 && same_log && static_cast<std::uint64_t>(stamp.pos) <= applied_) {
        ++duplicates_;
        return incoming::drop;
    }
    const delivery::verdict v = dedupe_.accept(
        delivery::message_id{stamp.origin, static_cast<std::uint64_t>(stamp.session),
                             static_cast<std::uint64_t>(stamp.seq)},
        now);
    if (v != delivery::verdict::fresh) {
        ++duplicates_;
        return incoming::drop;
    }
    return stamp.origin == config_.origin ? incoming::drop : incoming::apply;
}

void link_delivery::applied(const protocol::delivery_stamp& stamp, core::chat_events& events) {
    if (stamp.pos <= 0 || !resume_answered_ || host_epoch_.empty()) {
        return;
    }
    const auto pos = static_cast<std::uint64_t>(stamp.pos);
    if (applied_epoch_ == host_epoch_ && pos <= applied_) {
        return;
    }
    applied_epoch_ = host_epoch_;
    applied_ = pos;
    events.on_position_applied(applied_epoch_, applied_);
}

void link_delivery::remember(const std::string& origin, const core::server& s) {
    origins_.insert_or_assign(origin, s);
    if (origins_.size() > config_.dedupe.max_origins) {
        origins_.erase(origins_.begin()); // bounded; any one will do
    }
}

const core::server* link_delivery::recall(const std::string& origin) const {
    const auto it = origins_.find(origin);
    return it == origins_.end() ? nullptr : &it->second;
}

void link_delivery::on_received(time_point now) {
    if (liveness_) {
        liveness_->on_received(now);
    }
}

void link_delivery::on_sent(time_point now) {
    if (liveness_) {
        liveness_->on_sent(now);
    }
}

delivery::liveness_action link_delivery::poll(time_point now, core::logger& log) {
    if (enabled()) {
        log_overflow(outbox_.expire(now), log);
        (void)dedupe_.forget_idle(now);
    }
    return liveness_ ? liveness_->poll(now) : delivery::liveness_action::none;
}

std::optional<link_delivery::time_point> link_delivery::deadline() const {
    if (!liveness_ || liveness_->is_dead()) {
        return std::nullopt;
    }
    return liveness_->deadline();
}

void link_delivery::when_drained(std::function<void()> done) {
    if (pending() == 0) {
        done();
        return;
    }
    drain_waiters_.push_back(std::move(done));
}

void link_delivery::notify_if_drained() {
    if (pending() != 0 || drain_waiters_.empty()) {
        return;
    }
    auto waiters = std::move(drain_waiters_);
    drain_waiters_.clear();
    for (auto& done : waiters) {
        done();
    }
}

std::string link_delivery::reencode(const std::string& payload, protocol::identifier own_id,
                                    bool stamped, protocol::encode_options opts) const {
    auto decoded = protocol::decode(payload);
    if (!decoded) {
        return payload; // we encoded it ourselves: cannot happen
    }
    set_identifier(decoded.value, own_id);
    if (!stamped) {
        if (auto* stamp = stamp_of(decoded.value)) {
            *stamp = {};
        }
    }
    return protocol::encode(decoded.value, opts);
}

void link_delivery::log_overflow(const delivery::overflow_report& r, core::logger& log) {
    if (r.log_once) {
        log.warn("link: the outbox is full or too old (the hub has been unreachable): dropping "
                 "the oldest unacknowledged packets (max " +
                 std::to_string(config_.outbox.max_count) + " packets, " +
                 std::to_string(config_.outbox.max_age.count() / 1000) + " s)");
    }
}

} // namespace csc::link
