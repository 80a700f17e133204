#include "csc/link/link_state.hpp"

#include "csc/protocol/codec.hpp"

#include <string>
#include <type_traits>
#include <variant>

namespace csc::link {
namespace {

/// Where a silenced link_state reports: nowhere.
class null_events final : public core::chat_events {
public:
    void on_server_connected(const core::server&, std::int64_t) override {}
    void on_server_disconnected(const core::server&) override {}
    void on_player_joined(const core::server&, const std::string&) override {}
    void on_player_left(const core::server&, const std::string&) override {}
    void on_message(const core::server&, const std::string&, const std::string&, bool) override {}
};

class null_logger final : public core::logger {
public:
    void log(core::log_level, std::string_view) override {}
};

null_events silent_events;
null_logger silent_logger;

std::string describe(const core::server& s) {
    return "'" + s.info.name + "' (" + std::to_string(s.id) + ")";
}

} // namespace

link_state::link_state(core::chat_events& events, core::logger& log, std::string secret)
    : events_(&events), log_(&log), auth_(std::move(secret)) {}

std::string link_state::begin_connection(protocol::handshake hello, sender send) {
    send_ = std::move(send);
    return auth_.handshake(std::move(hello));
}

verdict link_state::apply(auth::link_step step) {
    if (step.what == auth::link_step::action::proceed) {
        if (!step.bytes.empty() && send_) {
            send_(std::move(step.bytes), false);
        }
        return verdict::keep;
    }
    log_->warn("link: " + step.reason + "; closing");
    if (!step.bytes.empty() && send_) {
        send_(std::move(step.bytes), true); // tell the hub why, then close
        return verdict::keep;
    }
    return verdict::close;
}

void link_state::silence() {
    events_ = &silent_events;
    log_ = &silent_logger;
}

void link_state::connection_closed() {
    acknowledged_ = false;
    host_extended_ = false;
    players_granted_ = false;
    players_.clear();
    own_id_ = 0;
    host_id_ = 0;
    directory_.clear();
    events_->on_network_left();
}

verdict link_state::on_frame(std::string_view frame) {
    if (!acknowledged_) {
        bool handled = false;
        auth::link_step step = auth_.on_frame(frame, handled);
        if (handled) {
            return apply(std::move(step));
        }
    }
    auto decoded = protocol::decode(frame);
    if (!decoded) {
        if (!acknowledged_) {
            log_->warn("link: the hub's first packet is not a valid acknowledge (" +
                       decoded.detail + "); closing");
            return verdict::close;
        }
        log_->warn("link: dropped a packet from the hub: " + decoded.detail);
        return verdict::keep;
    }
    return on_packet(decoded.value);
}

verdict link_state::on_packet(const protocol::packet& p) {
    if (const auto* ack = std::get_if<protocol::acknowledge>(&p)) {
        if (acknowledged_) {
            log_->warn("link: the hub sent a second acknowledge; closing");
            return verdict::close;
        }
        return on_acknowledge(*ack);
    }
    if (!acknowledged_) {
        log_->warn("link: the hub sent '" + std::string(protocol::type_name(p)) +
                   "' before acknowledging us; closing");
        return verdict::close;
    }
    std::visit(
        [this](const auto& packet) {
            using T = std::decay_t<decltype(packet)>;
            if constexpr (std::is_same_v<T, protocol::connection>) {
                if (packet.id == own_id_) {
                    log_->debug("link: ignored a connection packet naming ourselves");
                    return;
                }
                directory_.upsert({packet.id, packet.info});
                events_->on_server_connected(*directory_.find(packet.id), packet.player_count);
            } else if constexpr (std::is_same_v<T, protocol::disconnect>) {
                players_.remove(packet.id); // a server's list goes with it
                if (auto removed = directory_.remove(packet.id)) {
                    events_->on_server_disconnected(*removed);
                } else {
                    log_->debug("link: ignored a disconnect of unknown server " +
                                std::to_string(packet.id));
                }
            } else if constexpr (std::is_same_v<T, protocol::join>) {
                if (const auto* s = sender_of(packet.id, packet.delivery, "join")) {
                    events_->on_player_join(*s, {packet.player_id, packet.username});
                }
            } else if constexpr (std::is_same_v<T, protocol::leave>) {
                if (const auto* s = sender_of(packet.id, packet.delivery, "leave")) {
                    events_->on_player_leave(*s, {packet.player_id, packet.username});
                }
            } else if constexpr (std::is_same_v<T, protocol::message>) {
                if (const auto* s = sender_of(packet.id, packet.delivery, "message")) {
                    events_->on_player_chat(*s, {packet.player_id, packet.username},
                                            packet.content, packet.sanitized);
                }
            } else if constexpr (std::is_same_v<T, protocol::players>) {
                on_players(packet);
            } else if constexpr (std::is_same_v<T, protocol::whisper>) {
                on_whisper(packet);
            } else if constexpr (std::is_same_v<T, protocol::whisper_status>) {
                on_whisper_status(packet);
            } else if constexpr (std::is_same_v<T, protocol::handshake>) {
                log_->warn("link: ignored a handshake sent by the hub");
            }
        },
        p);
    return verdict::keep;
}

verdict link_state::on_acknowledge(const protocol::acknowledge& a) {
    if (a.id == a.host_id) {
        log_->warn("link: the hub gave us its own identifier " + std::to_string(a.id) +
                   "; closing");
        return verdict::close;
    }
    if (auth::link_step step = auth_.on_acknowledge();
        step.what == auth::link_step::action::refuse) {
        return apply(std::move(step)); // closes without accepting the acknowledge
    }
    acknowledged_ = true;
    host_extended_ = !a.features.empty();
    own_id_ = a.id;
    host_id_ = a.host_id;
    directory_.clear();
    for (const auto& entry : a.connections) {
        if (entry.id != own_id_) {
            directory_.upsert(entry);
        }
    }
    if (directory_.find(host_id_) == nullptr) {
        log_->warn("link: the acknowledge does not list the hub itself (" +
                   std::to_string(host_id_) + "); showing it without a name");
        directory_.upsert({host_id_, {}});
    }
    begin_players(a);
    const core::server& host = *directory_.find(host_id_);
    log_->info("link: joined the network of " + describe(host) + " as " + std::to_string(own_id_) +
               ", " + std::to_string(directory_.size()) + " server(s) known");
    events_->on_network_joined(host, a.player_count);
    return verdict::keep;
}

const core::server* link_state::known(protocol::identifier id, std::string_view type) {
    const core::server* s = directory_.find(id);
    if (s == nullptr) {
        log_->warn("link: ignored a " + std::string(type) + " packet from unknown server " +
                   std::to_string(id));
    }
    return s;
}

const core::server* link_state::sender_of(protocol::identifier id,
                                          const protocol::delivery_stamp& stamp,
                                          std::string_view type) {
    if (const core::server* s = directory_.find(id); s != nullptr || !stamp.server) {
        return s != nullptr ? s : known(id, type);
    }
    // A logged packet of a server that is not connected now: shown as that server, which is
    // not added to the directory (no `connection` announced it, none will remove it).
    inline_sender_ = {id, *stamp.server};
    return &inline_sender_;
}

} // namespace csc::link
