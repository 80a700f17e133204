// Acknowledged delivery at the hub: the log, accepting packets into it in batches, relaying
// them with their positions, and acknowledging their senders (docs/delivery.md).

#include "csc/hub/hub_impl.hpp"

#include "csc/delivery/ids.hpp"
#include "csc/delivery/memory_log.hpp"
#include "csc/delivery/sqlite_log.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/overloaded.hpp"

#include <asio/post.hpp>

#include <algorithm>
#include <utility>

namespace csc::hub {
namespace {

using protocol::overloaded;

/// The delivery stamp of a join/leave/message, or nullptr.
protocol::delivery_stamp* stamp_of(protocol::packet& p) {
    return std::visit(overloaded{
                          [](protocol::join& v) { return &v.delivery; },
                          [](protocol::leave& v) { return &v.delivery; },
                          [](protocol::message& v) { return &v.delivery; },
                          [](auto&) -> protocol::delivery_stamp* { return nullptr; },
                      },
                      p);
}

/// Entries read at a time while feeding the dedupe from the log at start.
constexpr std::size_t feed_batch = 4096;

} // namespace

void hub::impl::open_delivery_log() {
    if (!config.log_file.empty()) {
        std::error_code ec;
        std::string detail;
        auto opened = delivery::sqlite_log::open(
            {.path = config.log_file, .retention = config.retention, .full_sync = config.log_full_sync},
            ec, detail);
        if (opened) {
            log.info("hub log: " + config.log_file +
                     (opened->created() ? " (new" : " (reopened, " + std::to_string(opened->size()) +
                                                          " packets") +
                     ", epoch " + opened->log_epoch() + ")");
            dlv.log = std::move(opened);
        } else {
            log.error("hub log: " + detail +
                      "; keeping the log in memory instead (lost when the hub stops)");
        }
    }
    if (!dlv.log) {
        dlv.log = std::make_unique<delivery::memory_log>(config.retention);
    }
    // What the log holds is not accepted twice, also from an outbox resending after a restart;
    // and new links are numbered above every identifier the log names.
    protocol::identifier highest_id = 0;
    std::vector<delivery::log_entry> batch;
    const auto now = std::chrono::steady_clock::now();
    for (delivery::position after = dlv.log->first_position() - 1;;) {
        if (auto ec = dlv.log->replay_after(after, feed_batch, batch)) {
            log.error("hub log: " + dlv.log->last_error());
            break;
        }
        if (batch.empty()) {
            break;
        }
        for (const auto& e : batch) {
            dlv.seen.accept(e.id, now);
            auto& [session, seq] = dlv.held[e.id.origin];
            const auto s = static_cast<std::int64_t>(e.id.session);
            if (s > session) {
                session = s;
                seq = 0;
            }
            if (s == session) {
                seq = std::max(seq, static_cast<std::int64_t>(e.id.seq));
            }
            if (const auto decoded = protocol::decode(e.payload)) {
                highest_id = std::max(highest_id, protocol::origin_of(decoded.value));
            }
        }
        after = batch.back().pos;
    }
    next_id = std::max(next_id, highest_id + 1);

    dlv.self_origin = delivery::is_valid_hex_id(config.self_origin)
                          ? config.self_origin
                          : delivery::random_hex_id(delivery::default_random_source());
    dlv.self_session = std::clamp<std::int64_t>(config.self_session, 1, protocol::max_wire_integer);
    if (const auto it = dlv.held.find(dlv.self_origin);
        it != dlv.held.end() && it->second.first == dlv.self_session) {
        dlv.self_seq = it->second.second; // the same run again: continue its numbering
    }
    dlv.origin_ids[dlv.self_origin] = 0;
}

void hub::impl::grant_delivery(hub_link& link, const protocol::handshake& h,
                               protocol::acknowledge& ack) {
    if (std::find(h.features.begin(), h.features.end(), protocol::feature::delivery) ==
        h.features.end()) {
        return;
    }
    if (!delivery::is_valid_hex_id(h.origin) || h.session < 1 || h.origin == dlv.self_origin) {
        log.warn(describe(link) + " asked for delivery without a valid origin and session: " +
                 "served best effort");
        return;
    }
    link.delivery = std::make_unique<delivery_link>();
    link.delivery->origin = h.origin;
    link.delivery->session = h.session;
    ack.features.emplace_back(protocol::feature::delivery);
    ack.epoch = dlv.log->log_epoch();
    ack.position = static_cast<std::int64_t>(dlv.log->last_position());
}

void hub::impl::start_delivery(hub_link& link) {
    delivery_link& d = *link.delivery;
    std::int64_t held = 0;
    if (const auto it = dlv.held.find(d.origin); it != dlv.held.end() && it->second.first == d.session) {
        held = it->second.second;
    }
    send_to(link, protocol::encode(protocol::ack{d.session, held}));
    dlv.origin_ids[d.origin] = link.id;
    d.alive.emplace(delivery::liveness_config{config.ping_interval, config.dead_after},
                    std::chrono::steady_clock::now());
    d.liveness_timer = std::make_shared<asio::steady_timer>(executor);
    d.replay_timer = std::make_shared<asio::steady_timer>(executor);
    arm_liveness(link.id);
}

bool hub::impl::take_for_log(hub_link& from, protocol::packet& p) {
    protocol::delivery_stamp* stamp = stamp_of(p);
    if (stamp == nullptr) {
        return false;
    }
    if (!from.delivery || stamp->origin.empty()) {
        *stamp = {}; // best effort: relayed as it came, without ids it was not granted
        return false;
    }
    const delivery_link& d = *from.delivery;
    if (stamp->origin != d.origin || stamp->session != d.session) {
        log.warn(describe(from) + " sent a packet of another origin or session: dropped");
        return true;
    }
    stamp->pos = 0;
    stamp->server.reset(); // only the hub says who an origin is
    from.delivery->ack_due = true;
    accept_for_log(std::move(p), from.entry);
    return true;
}

void hub::impl::log_own(protocol::packet p) {
    if (protocol::delivery_stamp* stamp = stamp_of(p)) {
        *stamp = {dlv.self_origin, dlv.self_session, ++dlv.self_seq, 0};
    }
    accept_for_log(std::move(p), self_entry);
}

void hub::impl::accept_for_log(protocol::packet p, const core::server& sender) {
    protocol::delivery_stamp& s = *stamp_of(p);
    delivery::message_id id{s.origin, static_cast<std::uint64_t>(s.session),
                            static_cast<std::uint64_t>(s.seq)};
    if (dlv.seen.accept(id, std::chrono::steady_clock::now()) == delivery::verdict::fresh) {
        // The log keeps who the origin was when it sent this, so the packet can be shown
        // also when it is replayed while its origin is away (or after a hub restart).
        s.server = sender.info;
        std::string payload = protocol::encode(p);
        s.server.reset();
        dlv.pending_records.push_back({std::move(id), std::move(payload)});
        dlv.pending.push_back({std::move(p), sender});
    } else {
        ++dlv.counters.duplicates; // acknowledged again after the flush, never relayed again
    }
    if (!dlv.flush_posted) {
        dlv.flush_posted = true;
        asio::post(executor, [weak = weak_from_this()] {
            if (auto self = weak.lock(); self && !self->detached) {
                self->flush_delivery();
            }
        });
    }
}

void hub::impl::flush_delivery() {
    dlv.flush_posted = false;
    std::vector<pending_packet> batch = std::move(dlv.pending);
    std::vector<delivery::log_record> records = std::move(dlv.pending_records);
    dlv.pending.clear();
    dlv.pending_records.clear();
    if (!batch.empty()) {
        // The next turn likely accepts as many: grow once, not by doubling packet by packet.
        dlv.pending.reserve(batch.size());
        dlv.pending_records.reserve(batch.size());
        if (auto ec = dlv.log->append(records, std::chrono::system_clock::now())) {
            // The file failed under us: keep going in memory, with a new epoch. Every cursor
            // reads the old log, so delivery links reconnect and are told (epoch_changed).
            log.error("hub log: " + dlv.log->last_error() +
                      "; switching to a log in memory (a new epoch)");
            for (auto& [id, link] : links) {
                if (link->delivery && !link->closed) {
                    link->delivery->cursor.reset();
                    refuse(*link, "closed: the hub's log failed");
                }
            }
            dlv.log = std::make_unique<delivery::memory_log>(config.retention);
            dlv.log->append(records, std::chrono::system_clock::now());
        }
        const delivery::position first = dlv.log->last_position() - batch.size() + 1;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto& id = records[i].id;
            auto& [session, seq] = dlv.held[id.origin];
            if (static_cast<std::int64_t>(id.session) > session) {
                session = static_cast<std::int64_t>(id.session);
                seq = 0;
            }
            seq = std::max(seq, static_cast<std::int64_t>(id.seq));
        }
        ++dlv.counters.appends;
        dlv.counters.records += batch.size();
        dlv.counters.largest_batch = std::max<std::uint64_t>(dlv.counters.largest_batch, batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            deliver_logged(batch[i], first + i);
        }
    }
    send_acks();
}

void hub::impl::deliver_logged(pending_packet& item, delivery::position pos) {
    protocol::delivery_stamp& stamp = *stamp_of(item.packet);
    stamp.pos = static_cast<std::int64_t>(pos);
    bool stamped = false;
    if (!dlv.origin_ids.contains(stamp.origin)) {
        // Its link closed between reading it and this flush: show it by its info.
        stamp.server = item.sender.info;
        std::visit([id = absent_id(stamp.origin)](auto& v) {
            if constexpr (requires { v.delivery; }) {
                v.id = id;
            }
        }, item.packet);
    }
    // A send may close a slow link: on_closed only marks it (finish_close is posted), so
    // the map is not changed under this loop; the packet is encoded once, into a kept buffer.
    for (const auto& [id, link] : links) {
        if (!link->delivery || !link->delivery->cursor || !link->handshaken || link->closed) {
            continue;
        }
        delivery_link& d = *link->delivery;
        const delivery::live_action action = d.cursor->on_appended(pos);
        if (action == delivery::live_action::catch_up) {
            schedule_replay(*link, false);
        } else if (action == delivery::live_action::send && d.origin != stamp.origin) {
            if (!stamped) {
                dlv.stamped.clear();
                protocol::encode_to(dlv.stamped, item.packet);
                stamped = true;
            }
            send_to(*link, dlv.stamped);
        }
    }
    const protocol::delivery_stamp kept = std::exchange(stamp, {});
    broadcast(item.packet, item.sender.id, false);
    if (kept.origin != dlv.self_origin) {
        deliver_host_event(item.sender, item.packet);
    }
}

void hub::impl::send_acks() {
    for (auto& [id, link] : links) {
        if (!link->delivery || !link->delivery->ack_due || link->closed) {
            continue;
        }
        delivery_link& d = *link->delivery;
        d.ack_due = false;
        std::int64_t held = 0;
        if (const auto it = dlv.held.find(d.origin); it != dlv.held.end() && it->second.first == d.session) {
            held = it->second.second;
        }
        dlv.ack_bytes.clear();
        protocol::encode_to(dlv.ack_bytes, protocol::ack{d.session, held});
        send_to(*link, dlv.ack_bytes);
    }
}

} // namespace csc::hub
