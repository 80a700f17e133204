// The hub's guards (docs/security.md): bounds at accept, the handshake timeout, the
// authentication exchange, and the flood budgets of each link.

#include "csc/hub/hub_impl.hpp"

#include "csc/protocol/errc.hpp"

#include <time.h>

namespace csc::hub {
namespace {

/// The time the flood budgets are charged at: the coarse monotonic clock (a tick of a few
/// milliseconds), read without the cycle counter. Budgets are per second, so the tick is
/// far below what they can tell; at a million packets per second the fine clock was ~3 % of
/// the hub's CPU. Same origin as steady_clock (CLOCK_MONOTONIC), a tick behind at most.
core::steady_time budget_clock() {
    timespec ts{};
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0) {
        return std::chrono::steady_clock::now();
    }
    return core::steady_time(std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec));
}

std::string budget_text(const hub_config& c) {
    return std::to_string(static_cast<long long>(c.link_messages_per_second)) + " packets/s, " +
           std::to_string(static_cast<long long>(c.link_bytes_per_second)) + " bytes/s";
}

} // namespace

bool hub::impl::admit(asio::ip::tcp::socket& socket) {
    std::size_t open = 0;
    std::size_t pending = 0;
    for (const auto& [id, link] : links) {
        if (!link->closed) {
            ++open;
            pending += link->handshaken ? 0 : 1;
        }
    }
    std::string why;
    if (open >= config.max_links) {
        why = std::to_string(open) + " links already (max links " +
              std::to_string(config.max_links) + ")";
    } else if (pending >= config.max_pending_handshakes) {
        why = std::to_string(pending) + " connections still in handshake (max " +
              std::to_string(config.max_pending_handshakes) + ")";
    }
    if (why.empty()) {
        if (refused_at_accept > 0) {
            log.info("hub: accepting connections again; " + std::to_string(refused_at_accept) +
                     " refused while full");
            refused_at_accept = 0;
        }
        return true;
    }
    std::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (refused_at_accept++ == 0) {
        // Once per burst: a flood of connections must not become a flood of log lines.
        log.warn("hub: refused a connection from " +
                 (ec ? std::string("an unknown peer") : net::to_string(remote)) + ": " + why +
                 " (further refusals are counted, not logged)");
    }
    socket.close(ec);
    return false;
}

net::session_limits hub::impl::link_limits() const {
    return net::session_limits{.max_frame = config.max_frame,
                               .max_queued_bytes = config.max_queued_bytes};
}

void hub::impl::start_handshake_timer(hub_link& link) {
    link.timer = std::make_shared<asio::steady_timer>(executor, config.handshake_timeout);
    link.timer->async_wait([weak = weak_from_this(), id = link.id](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || self->detached) {
            return;
        }
        hub_link* l = self->find_open(id);
        if (l != nullptr && !l->handshaken) {
            // One line (from on_closed): a slowloris attack must not double the log.
            l->close_note = "no completed handshake within " +
                            std::to_string(self->config.handshake_timeout.count()) + " ms";
            l->session->close(std::make_error_code(std::errc::timed_out));
        }
    });
}

void hub::impl::refuse_after(hub_link& link, const std::string& why, std::string last_words) {
    if (last_words.empty()) {
        refuse(link, why);
        return;
    }
    log.warn(describe(link) + " " + why);
    link.close_note = why;
    send_to(link, std::move(last_words));
    link.session->close_after_flush(protocol::errc::garbage);
}

void hub::impl::begin_auth(hub_link& link, const protocol::handshake& h, std::string_view frame) {
    link.auth.emplace(config.secret);
    auth::hub_step step = link.auth->on_handshake(h, frame);
    switch (step.what) {
    case auth::hub_step::action::admit:
        on_handshake(link, h);
        return;
    case auth::hub_step::action::wait:
        link.hello = h;
        send_to(link, std::move(step.bytes));
        log.debug(describe(link) + " challenged");
        return;
    case auth::hub_step::action::refuse:
        refuse_after(link, "refused: " + step.reason, std::move(step.bytes));
        return;
    }
}

void hub::impl::on_auth_frame(hub_link& link, std::string_view frame) {
    auth::hub_step step = link.auth->on_frame(frame);
    if (step.what == auth::hub_step::action::admit) {
        log.info(describe(link) + " authenticated as '" + printable(link.hello.info.name) + "'");
        const protocol::handshake hello = std::move(link.hello);
        on_handshake(link, hello);
        return;
    }
    refuse_after(link, "refused: " + step.reason, std::move(step.bytes));
}

bool hub::impl::within_budget(hub_link& link, std::size_t bytes) {
    if (!link.flood) {
        link.flood.emplace(core::flood_limits{.messages_per_second = config.link_messages_per_second,
                                              .message_burst = config.link_message_burst,
                                              .bytes_per_second = config.link_bytes_per_second,
                                              .bytes_burst = config.link_bytes_burst,
                                              .max_drops = config.max_flood_drops},
                           budget_clock());
    }
    switch (link.flood->on_packet(bytes, budget_clock())) {
    case core::flood_verdict::pass:
        return true;
    case core::flood_verdict::pass_after_burst:
        log.info(describe(link) + " is within its budget again; " +
                 std::to_string(link.flood->burst_drops()) + " packet(s) over budget dropped");
        return true;
    case core::flood_verdict::drop_first:
        log.warn(describe(link) + " exceeds its budget (" + budget_text(config) +
                 "): dropping packets over it");
        return false;
    case core::flood_verdict::drop:
        return false;
    case core::flood_verdict::disconnect:
        refuse(link, "closed: flooding (more than " + std::to_string(config.max_flood_drops) +
                         " packets over budget within a minute, " +
                         std::to_string(link.flood->total_drops()) + " dropped in all)");
        return false;
    }
    return false;
}

} // namespace csc::hub
