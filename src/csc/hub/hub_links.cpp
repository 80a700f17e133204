// The hub's links: accepting, the handshake, relaying, and closing.

#include "csc/hub/hub_impl.hpp"

#include "csc/auth/auth_packets.hpp"
#include "csc/core/validate.hpp"
#include "csc/net/tls_stream.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "csc/protocol/overloaded.hpp"

#include <asio/post.hpp>

#include <algorithm>
#include <optional>
#include <utility>

namespace csc::hub {
namespace {

using protocol::overloaded;

/// A refusal note such as "closed: sent a second handshake" without its "closed: ".
std::string without_closed(const std::string& note) {
    constexpr std::string_view prefix = "closed: ";
    return note.starts_with(prefix) ? note.substr(prefix.size()) : note;
}

/// Marks a flag for the scope of an object, unless it was already set (a nested call).
class in_use {
public:
    explicit in_use(bool& flag) : flag_(flag), outermost_(!flag) { flag_ = true; }
    ~in_use() {
        if (outermost_) {
            flag_ = false;
        }
    }
    in_use(const in_use&) = delete;
    in_use& operator=(const in_use&) = delete;

private:
    bool& flag_;
    bool outermost_;
};

std::string close_reason(std::error_code ec) {
    if (ec == asio::error::eof) {
        return "connection closed by the peer";
    }
    return ec.message();
}

} // namespace

std::string printable(std::string_view text) {
    constexpr std::size_t max_bytes = 80;
    std::string out;
    for (const char c : text.substr(0, max_bytes)) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
    }
    if (text.size() > max_bytes) {
        out.append("...");
    }
    return out;
}

std::string hub::impl::describe(const hub_link& link) {
    const std::string who = link.handshaken ? printable(link.entry.info.name) : link.peer;
    return "link " + std::to_string(link.id) + " (" + who + ")";
}

hub_link* hub::impl::find_open(protocol::identifier id) {
    auto it = links.find(id);
    return (it == links.end() || it->second->closed) ? nullptr : it->second.get();
}

void hub::impl::rebuild_directory() {
    directory.clear();
    for (const auto& [id, link] : links) {
        if (link->handshaken && !link->closed) {
            directory.upsert(link->entry);
        }
    }
}

//---------------------------------------------------------------------------- lifecycle

void hub::impl::on_accepted(asio::ip::tcp::socket socket) {
    if (!admit(socket)) {
        return;
    }
    auto link = std::make_shared<hub_link>();
    link->id = next_id++;
    // With TLS configured, the session's first act is the server handshake, bounded by
    // the handshake timeout like the rest of the link's handshake.
    auto stream = tls ? net::make_tls_stream(std::move(socket), tls, net::tls_role::server)
                      : net::make_tcp_stream(std::move(socket));
    link->session = std::make_shared<net::frame_session>(std::move(stream), link_limits());
    link->peer = link->session->peer();
    links.emplace(link->id, link);
    log.info("link " + std::to_string(link->id) + " accepted from " + link->peer);
    start_handshake_timer(*link);
    const auto id = link->id;
    link->session->start(
        [weak = weak_from_this(), id](std::string_view frame) {
            if (auto self = weak.lock(); self && !self->detached) {
                self->on_frame(id, frame);
            }
        },
        [weak = weak_from_this(), id](std::error_code reason) {
            if (auto self = weak.lock(); self && !self->detached) {
                self->on_tls_failure(id, reason);
                self->on_closed(id, reason);
            }
        },
        [weak = weak_from_this()] {
            if (auto self = weak.lock(); self && !self->detached) {
                self->flush_run();
            }
        });
}

void hub::impl::on_tls_failure(protocol::identifier id, std::error_code reason) {
    hub_link* link = find_open(id);
    if (link == nullptr || !link->session->is_tls() || link->session->established() ||
        !link->close_note.empty() || reason == std::errc::operation_canceled) {
        return; // not a TLS handshake that failed on its own (we closed it, or it worked)
    }
    link->close_note = "refused: TLS handshake failed";
    log.warn(describe(*link) + " refused: TLS handshake failed: " +
             link->session->describe_handshake_error(reason));
}

void hub::impl::refuse(hub_link& link, const std::string& why) {
    log.warn(describe(link) + " " + why);
    link.close_note = why;
    link.session->close(protocol::errc::garbage);
}

void hub::impl::on_closed(protocol::identifier id, std::error_code reason) {
    auto it = links.find(id);
    if (it == links.end()) {
        return; // dropped by stop()/reconnect(), already reported
    }
    hub_link& link = *it->second;
    link.closed = true;
    if (link.timer) {
        link.timer->cancel();
    }
    if (link.delivery) {
        end_delivery(link);
    }
    // A link closed for what it sent (splitter errors, refusals) is worth a warning.
    if (link.close_note.empty() && reason == std::errc::no_buffer_space) {
        link.close_note = "too slow a reader: more than " +
                          std::to_string(config.max_queued_bytes) + " bytes queued for it";
    }
    const bool misbehaved =
        !link.close_note.empty() || reason.category() == protocol::protocol_category();
    log.log(misbehaved ? core::log_level::warn : core::log_level::info,
            describe(link) + " closed: " +
                (link.close_note.empty() ? close_reason(reason) : without_closed(link.close_note)));
    // The callback may run inside a send() of a broadcast loop: finish outside of it.
    asio::post(executor, [weak = weak_from_this(), id] {
        if (auto self = weak.lock(); self && !self->detached) {
            self->finish_close(id);
        }
    });
}

void hub::impl::finish_close(protocol::identifier id) {
    auto it = links.find(id);
    if (it == links.end()) {
        return;
    }
    auto link = std::move(it->second);
    links.erase(it);
    if (!link->handshaken) {
        return; // nobody was told about it, so nobody hears that it left
    }
    rebuild_directory();
    players.remove(link->id);
    broadcast(protocol::disconnect{link->id}, link->id);
    events.on_server_disconnected(link->entry);
}

//---------------------------------------------------------------------------- frames

void hub::impl::on_frame(protocol::identifier id, std::string_view frame) {
    hub_link* link = find_open(id);
    if (link == nullptr) {
        return;
    }
    if (!link->handshaken && link->auth && link->auth->waiting()) {
        on_auth_frame(*link, frame);
        return;
    }
    // A chat frame in the encoder's layout decodes into the strings the previous frame left
    // in the kept result (no allocation). A call nested in another (none is known) gets
    // a result of its own.
    std::optional<protocol::decode_result> own;
    protocol::decode_result& decoded = decoding ? own.emplace() : kept_decode;
    const in_use kept(decoding);
    protocol::decode_into(frame, decoded, link->session->splitter());
    if (!link->handshaken) {
        if (!decoded) {
            refuse(*link, "refused: invalid first packet (" + printable(decoded.detail) + ")");
            return;
        }
        const auto* h = std::get_if<protocol::handshake>(&decoded.value);
        if (h == nullptr) {
            refuse(*link, "refused: sent \"" + std::string(protocol::type_name(decoded.value)) +
                              "\" before its handshake");
            return;
        }
        if (h->version != protocol::protocol_version) {
            refuse(*link, "refused: protocol version " + std::to_string(h->version) +
                              ", expected " + std::to_string(protocol::protocol_version));
            return;
        }
        if (link->auth) {
            refuse(*link, "refused: sent a second handshake during authentication");
            return;
        }
        begin_auth(*link, *h, frame);
        return;
    }
    if (!decoded) {
        if (decoded.error == protocol::errc::unknown_type) {
            if (const auto said = auth::decode(frame);
                said.value && std::holds_alternative<auth::refused>(*said.value)) {
                // A link with a secret that finds this hub has none says so, then leaves.
                log.warn(describe(*link) + " refused the hub: " +
                         printable(std::get<auth::refused>(*said.value).reason));
                return;
            }
            log.warn(describe(*link) + " sent an " + printable(decoded.detail) + ": ignored");
        } else {
            log.warn(describe(*link) + " sent an invalid packet: " + printable(decoded.detail) +
                     ": dropped");
        }
        return;
    }
    heard(*link);
    if (on_delivery_packet(*link, decoded.value)) {
        return;
    }
    const bool chat = std::holds_alternative<protocol::join>(decoded.value) ||
                      std::holds_alternative<protocol::leave>(decoded.value) ||
                      std::holds_alternative<protocol::message>(decoded.value) ||
                      std::holds_alternative<protocol::players>(decoded.value) ||
                      std::holds_alternative<protocol::whisper>(decoded.value) ||
                      std::holds_alternative<protocol::whisper_status>(decoded.value);
    if (chat && !within_budget(*link, frame.size())) {
        return;
    }
    std::visit(overloaded{
                   [&](const protocol::handshake&) {
                       refuse(*link, "closed: sent a second handshake");
                   },
                   [&](const protocol::join&) { relay(*link, decoded.value, frame, decoded.plain); },
                   [&](const protocol::leave&) { relay(*link, decoded.value, frame, decoded.plain); },
                   [&](const protocol::message&) { relay(*link, decoded.value, frame, decoded.plain); },
                   [&](protocol::players& v) {
                       if (takes_players(*link, "player list")) {
                           on_players(*link, std::move(v));
                       }
                   },
                   [&](protocol::whisper& v) {
                       if (takes_players(*link, "whisper")) {
                           v.id = link->id; // the sender speaks for itself only
                           route_whisper(std::move(v));
                       }
                   },
                   [&](protocol::whisper_status& v) {
                       if (takes_players(*link, "whisper status")) {
                           v.id = link->id;
                           route_status(std::move(v));
                       }
                   },
                   [&](const auto& other) {
                       log.warn(describe(*link) + " sent a host-only \"" +
                                std::string(protocol::type_name(protocol::packet{other})) +
                                "\" packet: ignored");
                   },
               },
               decoded.value);
}

void hub::impl::on_handshake(hub_link& link, const protocol::handshake& h) {
    link.handshaken = true;
    if (link.timer) {
        link.timer->cancel();
        link.timer.reset();
    }
    link.extensions = !h.features.empty();
    link.players = std::find(h.features.begin(), h.features.end(), protocol::feature::players) !=
                   h.features.end();
    // An original client parses each TCP read whole: never two packets in one write.
    link.session->set_one_frame_per_write(!link.extensions);
    // What a link calls itself is relayed only after validation (docs/security.md).
    const protocol::server_info info = core::clean_server_info(h.info);
    link.entry = core::server{link.id, info};

    protocol::acknowledge ack;
    ack.id = link.id;
    ack.host_id = 0;
    ack.player_count = player_count;
    for (const auto& [other_id, other] : links) {
        if (other_id != link.id && other->handshaken && !other->closed) {
            ack.connections.push_back(other->entry);
        }
    }
    ack.connections.push_back(self_entry);
    if (link.extensions) {
        ack.features.emplace_back(protocol::feature::sanitized);
        if (link.auth && link.auth->authenticated()) {
            ack.features.emplace_back(auth::feature);
        }
        if (link.players) {
            ack.features.emplace_back(protocol::feature::players);
        }
        grant_delivery(link, h, ack);
    }
    send_to(link, protocol::encode(ack, {.extensions = link.extensions}));
    if (link.delivery) {
        start_delivery(link);
    }
    send_player_lists(link);

    rebuild_directory();
    log.info(describe(link) + " handshaken from " + link.peer + " with " +
             std::to_string(h.player_count) + " players" +
             (link.extensions ? " (extensions)" : ""));
    broadcast(protocol::connection{link.id, info, h.player_count}, link.id);
    events.on_server_connected(link.entry, h.player_count);
}

void hub::impl::relay(hub_link& from, protocol::packet& p, std::string_view frame,
                      const protocol::plain_layout& plain) {
    // The sender speaks for itself only: whatever identifier it wrote, it is its own.
    std::visit(overloaded{
                   [&](protocol::join& v) { v.id = from.id; },
                   [&](protocol::leave& v) { v.id = from.id; },
                   [&](protocol::message& v) { v.id = from.id; },
                   [](auto&) {},
               },
               p);
    // What decode proved of a frame in the encoder's layout is not scanned for again.
    const bool changed = core::clean_packet(
        p, {}, {.printable = plain.printable, .names_without_markup = plain.username_without_markup});
    if (take_for_log(from, p)) {
        return; // relayed once it is in the log
    }
    // `from` may close during the broadcast (it stays in `links` until finish_close), and
    // the host's handlers may stop the hub: hold the link, not a copy of its entry.
    const std::shared_ptr<hub_link> sender = links.at(from.id);
    // A frame that is already what encode() would write for `p` (but the identifier) is
    // copied instead of encoded again (docs/performance.md): decode proved the layout, and
    // neither validation nor the log changed the packet since.
    if (plain.taken && !changed && !has_extension_fields(p)) {
        add_to_run(sender->id, frame, plain);
    } else {
        broadcast(p, sender->id);
    }
    deliver_host_event(sender->entry, p);
}

void hub::impl::deliver_host_event(const core::server& from, const protocol::packet& p) {
    core::deliver_player_event(events, from, p);
}

} // namespace csc::hub
