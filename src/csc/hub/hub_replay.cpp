// Acknowledged delivery at the hub, per link: resume and replay through the link's write
// queue in bounded batches, ping/pong and closing silent links (docs/delivery.md).

#include "csc/hub/hub_impl.hpp"

#include "csc/protocol/codec.hpp"

#include <asio/post.hpp>

#include <utility>

namespace csc::hub {
namespace {

/// Log entries read per replay step.
constexpr std::size_t replay_batch = 256;
/// Replay steps in a row before yielding to the other handlers of the event loop.
constexpr int replay_steps_per_turn = 4;
/// Wait before looking again at a link whose write queue is too full to replay into.
constexpr std::chrono::milliseconds replay_backoff{5};

} // namespace

void hub::impl::heard(hub_link& link) {
    if (link.delivery && link.delivery->alive) {
        link.delivery->alive->on_received(std::chrono::steady_clock::now());
    }
}

bool hub::impl::on_delivery_packet(hub_link& link, const protocol::packet& p) {
    if (!link.delivery) {
        return false;
    }
    if (std::holds_alternative<protocol::ping>(p)) {
        send_to(link, protocol::encode(protocol::pong{}));
        link.delivery->alive->on_sent(std::chrono::steady_clock::now());
        return true;
    }
    if (const auto* r = std::get_if<protocol::resume>(&p)) {
        on_resume(link, *r);
        return true;
    }
    // A pong only proves life (heard() counted it); an ack means nothing to a hub.
    return std::holds_alternative<protocol::pong>(p) || std::holds_alternative<protocol::ack>(p);
}

void hub::impl::on_resume(hub_link& link, const protocol::resume& r) {
    delivery_link& d = *link.delivery;
    if (d.cursor) {
        log.warn(describe(link) + " sent a second resume: ignored");
        return;
    }
    if (auto ec = dlv.log->trim(std::chrono::system_clock::now())) {
        log.error("hub log: " + dlv.log->last_error());
    }
    d.cursor.emplace(*dlv.log, delivery::resume_request{
                                   r.epoch, static_cast<delivery::position>(r.position)});
    const auto outcome = d.cursor->outcome();
    send_to(link, protocol::encode(protocol::resume{
        dlv.log->log_epoch(), static_cast<std::int64_t>(d.cursor->cursor()),
        std::string(delivery::outcome_name(outcome)), static_cast<std::int64_t>(d.cursor->lost())}));
    log.log(delivery::history_lost(outcome) ? core::log_level::warn : core::log_level::info,
            describe(link) + " resumes (" + std::string(delivery::outcome_name(outcome)) +
                ") after position " + std::to_string(d.cursor->cursor()) + " of " +
                std::to_string(dlv.log->last_position()) +
                (d.cursor->lost() > 0 ? "; " + std::to_string(d.cursor->lost()) + " lost" : ""));
    pump_replay(link.id);
}

protocol::identifier hub::impl::absent_id(const std::string& origin) {
    auto [it, added] = dlv.absent_ids.try_emplace(origin, 0);
    if (added) {
        it->second = next_id++;
    }
    return it->second;
}

std::string hub::impl::encode_entry(const delivery::log_entry& e) {
    protocol::decode_result d = protocol::decode(e.payload);
    std::visit(
        [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, protocol::join> || std::is_same_v<T, protocol::leave> ||
                          std::is_same_v<T, protocol::message>) {
                v.delivery.pos = static_cast<std::int64_t>(e.pos);
                if (const auto it = dlv.origin_ids.find(e.id.origin); it != dlv.origin_ids.end()) {
                    v.id = it->second; // its current identifier, when it is connected now
                    v.delivery.server.reset();
                } else if (v.delivery.server) {
                    v.id = absent_id(e.id.origin); // shown by the server info it carries
                }
                // (a log written before `server` was kept: the identifier it had, unknown)
            }
        },
        d.value);
    return d ? protocol::encode(d.value) : std::string{};
}

void hub::impl::schedule_replay(hub_link& link, bool wait) {
    delivery_link& d = *link.delivery;
    if (d.replay_scheduled) {
        return;
    }
    d.replay_scheduled = true;
    auto resume_replay = [weak = weak_from_this(), id = link.id](std::error_code ec = {}) {
        if (auto self = weak.lock(); self && !self->detached && !ec) {
            self->pump_replay(id);
        }
    };
    if (wait) {
        d.replay_timer->expires_after(replay_backoff);
        d.replay_timer->async_wait(resume_replay);
    } else {
        asio::post(executor, [resume_replay] { resume_replay(); });
    }
}

void hub::impl::pump_replay(protocol::identifier id) {
    hub_link* link = find_open(id);
    if (link == nullptr || !link->delivery || !link->delivery->cursor) {
        return;
    }
    delivery_link& d = *link->delivery;
    d.replay_scheduled = false;
    const std::size_t high_water = config.max_queued_bytes / 4;
    std::vector<delivery::log_entry> entries;
    for (int step = 0; !d.cursor->live(); ++step) {
        if (link->session->queued_bytes() >= high_water) {
            schedule_replay(*link, true); // a slow link: let its queue drain first
            return;
        }
        if (step == replay_steps_per_turn) {
            schedule_replay(*link, false); // let the other handlers run
            return;
        }
        if (auto ec = d.cursor->next_batch(replay_batch, entries)) {
            refuse(*link, "closed: the hub's log could not be read (" + dlv.log->last_error() + ")");
            return;
        }
        for (const auto& e : entries) {
            if (e.id.origin == d.origin) {
                continue; // its own packets, which it has
            }
            if (std::string line = encode_entry(e); !line.empty()) {
                send_to(*link, std::move(line));
            }
        }
    }
}

void hub::impl::arm_liveness(protocol::identifier id) {
    hub_link* link = find_open(id);
    if (link == nullptr || !link->delivery || !link->delivery->alive) {
        return;
    }
    delivery_link& d = *link->delivery;
    d.liveness_timer->expires_at(d.alive->deadline());
    d.liveness_timer->async_wait([weak = weak_from_this(), id](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || self->detached) {
            return;
        }
        hub_link* l = self->find_open(id);
        if (l == nullptr || !l->delivery) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        switch (l->delivery->alive->poll(now)) {
        case delivery::liveness_action::dead:
            self->refuse(*l, "closed: silent for " + std::to_string(self->config.dead_after) +
                                 " ping intervals (" +
                                 std::to_string(self->config.ping_interval.count()) + " ms each)");
            return;
        case delivery::liveness_action::send_ping:
            self->send_to(*l, protocol::encode(protocol::ping{}));
            l->delivery->alive->on_sent(now);
            break;
        case delivery::liveness_action::none:
            break;
        }
        self->arm_liveness(id);
    });
}

void hub::impl::end_delivery(hub_link& link) {
    delivery_link& d = *link.delivery;
    if (d.liveness_timer) {
        d.liveness_timer->cancel();
    }
    if (d.replay_timer) {
        d.replay_timer->cancel();
    }
    d.cursor.reset();
    if (const auto it = dlv.origin_ids.find(d.origin);
        it != dlv.origin_ids.end() && it->second == link.id) {
        dlv.origin_ids.erase(it);
    }
}

} // namespace csc::hub
