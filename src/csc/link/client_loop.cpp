#include "csc/link/client_impl.hpp"

#include "csc/net/tls_context.hpp"
#include "csc/net/tls_stream.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"

#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include <vector>

namespace csc::link {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);
using clock = std::chrono::steady_clock;
using asio::ip::tcp;

bool is_protocol_error(std::error_code ec) {
    return ec.category() == protocol::protocol_category();
}

} // namespace

asio::awaitable<void> client::impl::run(std::shared_ptr<impl> self,
                                        std::chrono::milliseconds delay) {
    while (!self->stopped) {
        co_await self->wait(delay);
        if (self->stopped) {
            break;
        }
        // Not `if (co_await ...)`: g++ 12 miscompiled that form in this loop (a corrupt frame).
        const bool connected = co_await self->connect();
        if (connected) {
            co_await self->serve();
        }
        delay = self->next_delay();
    }
    self->current = phase::idle;
}

asio::awaitable<void> client::impl::wait(std::chrono::milliseconds delay) {
    current = phase::waiting;
    wake_at = clock::now() + delay;
    for (;;) {
        if (pending_delay) {
            wake_at = clock::now() + *pending_delay;
            pending_delay.reset();
        }
        if (stopped || clock::now() >= wake_at) {
            co_return;
        }
        retry_timer.expires_at(wake_at);
        co_await retry_timer.async_wait(use_tuple);
    }
}

asio::awaitable<bool> client::impl::connect() {
    current = phase::connecting;
    const std::uint64_t mine = ++attempt;
    timed_out = false;
    connect_deadline.expires_after(config.connect_timeout);
    connect_deadline.async_wait([weak = weak_from_this(), mine](std::error_code ec) {
        auto self = weak.lock();
        if (!ec && self && self->attempt == mine && self->current == phase::connecting) {
            self->timed_out = true;
            self->abort_connect();
        }
    });

    std::error_code ec;
    std::vector<tcp::endpoint> endpoints;
    const auto address = asio::ip::make_address(config.host, ec);
    if (!ec) {
        endpoints.emplace_back(address, config.port);
    } else {
        auto [rec, results] =
            co_await resolver.async_resolve(config.host, std::to_string(config.port), use_tuple);
        ec = rec;
        for (const auto& entry : results) {
            endpoints.push_back(entry.endpoint());
        }
    }
    if (!ec && !stopped && !pending_delay) {
        socket = tcp::socket(ex);
        auto [cec, endpoint] = co_await asio::async_connect(socket, endpoints, use_tuple);
        ec = cec;
    }
    std::string refused; // why the TLS layer refused the hub, if it did
    if (!ec && !timed_out && !stopped && !pending_delay) {
        refused = co_await secure(); // within the same deadline
    }
    connect_deadline.cancel();
    if (stopped || pending_delay || ec || timed_out || !refused.empty()) {
        abort_connect();
        stream.reset();
    }
    if (stopped || pending_delay) {
        co_return false; // stop() or reconnect() interrupted this attempt: not an outage
    }
    if (ec || timed_out || !refused.empty()) {
        if (timed_out) {
            ec = std::make_error_code(std::errc::timed_out);
        }
        const std::string line =
            "link: cannot connect to the hub at " + where() + " (" +
            (timed_out || refused.empty() ? ec.message() : refused) + "); retrying within " +
            std::to_string(backoff.ceiling().count()) + " ms (at most every " +
            std::to_string(effective_reconnect_interval(config.reconnect_interval).count()) + " s)";
        if (outage_logged) {
            log().debug(line);
        } else {
            log().warn(line);
            outage_logged = true;
        }
        co_return false;
    }
    outage_logged = false;
    co_return true;
}

asio::awaitable<std::string> client::impl::secure() {
    if (!config.tls) {
        stream = net::make_tcp_stream(std::move(socket));
        co_return std::string{};
    }
    if (!tls) {
        auto made = net::make_tls_client_context(config.host, config.tls_ca_file,
                                                 config.tls_fingerprint);
        if (!made.context) {
            co_return "TLS: " + made.error;
        }
        tls = std::move(made.context);
    }
    stream = net::make_tls_stream(std::move(socket), tls, net::tls_role::client, config.host);
    if (const auto ec = co_await stream->handshake()) {
        co_return "TLS handshake failed: " + stream->describe_handshake_error(ec);
    }
    co_return std::string{};
}

asio::awaitable<void> client::impl::serve() {
    current = phase::connected;
    const std::uint64_t mine = ++connection;
    session = std::make_shared<net::frame_session>(std::move(stream),
                                                   net::session_limits{config.max_frame});
    session_open = true;
    // Until the host shows it is not an original plugin, one packet per TCP write.
    session->set_one_frame_per_write(true);
    log().info("link: connected to the hub at " + where() + " (" + session->peer() +
               (session->is_tls() ? ", TLS" : "") + "), sending handshake");
    std::weak_ptr<impl> weak = weak_from_this();
    session->start(
        [weak, mine](std::string_view frame) {
            if (auto self = weak.lock()) {
                self->on_frame(mine, frame);
            }
        },
        [weak, mine](std::error_code reason) {
            if (auto self = weak.lock()) {
                self->on_closed(mine, reason);
            }
        });
    protocol::handshake hello;
    hello.version = protocol::protocol_version;
    hello.info = config.self;
    hello.player_count = player_count;
    hello.features = {std::string(protocol::feature::sanitized),
                      std::string(protocol::feature::players)};
    tracker.announce(hello);
    // Authentication replies (our proof, or why we refuse the hub) go out on this session.
    session->send(state.begin_connection(hello, [weak, mine](std::string bytes, bool then_close) {
        auto self = weak.lock();
        if (!self || mine != self->connection || !self->session_open || !self->session) {
            return;
        }
        self->session->send(std::move(bytes));
        if (then_close) {
            self->session->close_after_flush(std::make_error_code(std::errc::protocol_error));
        }
    }));
    while (session_open) {
        co_await closed_signal.async_wait(use_tuple);
    }
    session.reset();
}

void client::impl::on_frame(std::uint64_t conn, std::string_view frame) {
    if (conn != connection || !session_open || !session) {
        return;
    }
    if (state.acknowledged()) {
        on_established_frame(frame);
        return;
    }
    if (state.on_frame(frame) == verdict::close) {
        session->close(std::make_error_code(std::errc::protocol_error)); // state logged why
        return;
    }
    session->set_one_frame_per_write(!state.host_extended());
    if (state.acknowledged()) {
        on_acknowledged(frame);
    }
}

void client::impl::on_closed(std::uint64_t conn, std::error_code reason) {
    if (conn != connection || !session_open) {
        return;
    }
    session_open = false;
    if (reason == std::errc::operation_canceled || reason == std::errc::protocol_error) {
        log().debug("link: closed the connection to the hub");
    } else if (is_protocol_error(reason)) {
        log().warn("link: the hub sent unreadable data (" + reason.message() + "); reconnecting");
    } else if (!stopped) {
        log().info(
            "link: lost the connection to the hub (" + reason.message() + "); reconnecting within " +
            std::to_string(backoff.ceiling().count()) + " ms");
    }
    liveness_timer.cancel();
    tracker.connection_closed();
    state.connection_closed();
    closed_signal.cancel();
}

void client::impl::abort_connect() {
    resolver.cancel();
    std::error_code ignored;
    socket.close(ignored);
    if (stream) {
        stream->close(); // a TLS handshake in progress
    }
}

void client::impl::send(const protocol::packet& p) {
    if (!state.acknowledged() || !session_open || !session) {
        return; // v1 is best effort: nothing is queued while not acknowledged
    }
    session->send(protocol::encode(p, state.encode_options()));
}

} // namespace csc::link
