// The link's connection loop: one coroutine per client, in the shape of a
// reconnecting client (muduo Connector, Boost.Redis run):
//
//   run():  wait(delay) -> connect() -> serve() -> delay = interval -> repeat, until stop()
//   wait():     retry_timer_ until wake_at_; reconnect() moves wake_at_, stop() ends it
//   connect():  resolve (names only) + async_connect, bounded by connect_deadline_
//   serve():    frame_session + handshake; waits on closed_signal_ (a timer used as a
//               condition variable) until the session's on_closed fires
//
// Frames go to link_state (sans I/O), which keeps the directory and reports events.
// Everything runs on one io_context thread.

#include "csc/link/client.hpp"

#include "csc/link/link_state.hpp"
#include "csc/net/frame_session.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"

#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <optional>
#include <string>
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

std::chrono::seconds effective_reconnect_interval(std::chrono::seconds configured) {
    return configured.count() <= 0 ? std::chrono::seconds{15} : configured;
}

struct client::impl : std::enable_shared_from_this<impl> {
    enum class phase { idle, waiting, connecting, connected };

    impl(asio::any_io_executor executor, client_config cfg, core::chat_events& events,
         core::logger& logger)
        : ex(std::move(executor)), config(std::move(cfg)), state(events, logger),
          retry_timer(ex), connect_deadline(ex), closed_signal(ex, clock::time_point::max()),
          resolver(ex), socket(ex) {}

    /// The connect loop; `self` keeps the state alive while it runs.
    static asio::awaitable<void> run(std::shared_ptr<impl> self, std::chrono::milliseconds delay);
    asio::awaitable<void> wait(std::chrono::milliseconds delay);
    asio::awaitable<bool> connect();
    asio::awaitable<void> serve();
    void on_frame(std::uint64_t conn, std::string_view frame);
    void on_closed(std::uint64_t conn, std::error_code reason);
    void abort_connect();
    void send(const protocol::packet& p);
    core::logger& log() const { return state.logger(); }
    std::string where() const { return config.host + ":" + std::to_string(config.port); }

    asio::any_io_executor ex;
    client_config config;
    link_state state;
    asio::steady_timer retry_timer;      ///< the wait between attempts
    asio::steady_timer connect_deadline; ///< bounds one connect attempt
    asio::steady_timer closed_signal;    ///< cancelled when the session closes
    tcp::resolver resolver;
    tcp::socket socket; ///< the socket being connected (moved into the session)
    std::shared_ptr<net::frame_session> session;
    phase current = phase::idle;
    std::uint64_t attempt = 0;    ///< connect attempts, to ignore a stale deadline
    std::uint64_t connection = 0; ///< sessions, to ignore a stale session's callbacks
    bool session_open = false;
    bool started = false;
    bool stopped = false;
    bool outage_logged = false; ///< the current outage was logged once already
    std::optional<std::chrono::milliseconds> pending_delay; ///< set by reconnect()
    clock::time_point wake_at;
    std::int64_t player_count = 0;
};

asio::awaitable<void> client::impl::run(std::shared_ptr<impl> self,
                                        std::chrono::milliseconds delay) {
    const std::chrono::milliseconds interval =
        effective_reconnect_interval(self->config.reconnect_interval);
    while (!self->stopped) {
        co_await self->wait(delay);
        if (self->stopped) {
            break;
        }
        if (co_await self->connect()) {
            co_await self->serve();
        }
        delay = interval;
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
    connect_deadline.expires_after(config.connect_timeout);
    connect_deadline.async_wait([weak = weak_from_this(), mine](std::error_code ec) {
        auto self = weak.lock();
        if (!ec && self && self->attempt == mine && self->current == phase::connecting) {
            self->log().debug("link: connect attempt to " + self->where() + " timed out");
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
    connect_deadline.cancel();
    if (stopped || pending_delay) {
        std::error_code ignored;
        socket.close(ignored);
        co_return false; // stop() or reconnect() interrupted this attempt: not an outage
    }
    if (ec) {
        std::error_code ignored;
        socket.close(ignored);
        const std::string line = "link: cannot connect to the hub at " + where() + " (" +
                                 ec.message() + "); retrying every " +
                                 std::to_string(effective_reconnect_interval(config.reconnect_interval).count()) +
                                 " s";
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

asio::awaitable<void> client::impl::serve() {
    current = phase::connected;
    const std::uint64_t mine = ++connection;
    session = std::make_shared<net::frame_session>(std::move(socket),
                                                   net::session_limits{config.max_frame});
    session_open = true;
    log().info("link: connected to the hub at " + where() + " (" + session->peer() +
              "), sending handshake");
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
    hello.features = {std::string(protocol::feature::sanitized)};
    session->send(protocol::encode(hello));
    while (session_open) {
        co_await closed_signal.async_wait(use_tuple);
    }
    session.reset();
}

void client::impl::on_frame(std::uint64_t conn, std::string_view frame) {
    if (conn != connection || !session_open || !session) {
        return;
    }
    if (state.on_frame(frame) == verdict::close) {
        session->close(std::make_error_code(std::errc::protocol_error)); // state logged why
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
        log().info("link: lost the connection to the hub (" + reason.message() +
                  "); reconnecting in " +
                  std::to_string(effective_reconnect_interval(config.reconnect_interval).count()) +
                  " s");
    }
    state.connection_closed();
    closed_signal.cancel();
}

void client::impl::abort_connect() {
    resolver.cancel();
    std::error_code ignored;
    socket.close(ignored);
}

void client::impl::send(const protocol::packet& p) {
    if (!state.acknowledged() || !session_open || !session) {
        return; // v1 is best effort: nothing is queued while not acknowledged
    }
    session->send(protocol::encode(p));
}

client::client(asio::any_io_executor executor, client_config config, core::chat_events& events,
               core::logger& log)
    : impl_(std::make_shared<impl>(std::move(executor), std::move(config), events, log)) {}

client::~client() {
    impl_->state.silence();
    stop();
}

bool client::connected() const { return impl_->state.acknowledged(); }

protocol::identifier client::own_id() const { return impl_->state.own_id(); }

void client::start() {
    if (impl_->started || impl_->stopped) {
        return;
    }
    impl_->started = true;
    impl_->log().info("link: connecting to the hub at " + impl_->where());
    std::weak_ptr<impl> weak = impl_;
    asio::co_spawn(impl_->ex, impl::run(impl_, std::chrono::milliseconds{0}),
                   [weak](const std::exception_ptr& failure) {
                       auto self = weak.lock();
                       if (!failure || !self) {
                           return;
                       }
                       try {
                           std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                           self->log().error(std::string("link: the connect loop failed: ") +
                                            e.what());
                       }
                   });
}

void client::stop() {
    impl& self = *impl_;
    if (self.stopped) {
        return;
    }
    self.stopped = true;
    if (self.started) {
        self.log().info("link: stopped");
    }
    self.retry_timer.cancel();
    self.connect_deadline.cancel();
    self.abort_connect();
    if (self.session && self.session_open) {
        self.session->close(); // on_closed: directory cleared, on_network_left
    }
    self.closed_signal.cancel();
}

void client::reconnect(std::chrono::milliseconds delay) {
    impl& self = *impl_;
    if (self.stopped) {
        return;
    }
    self.log().info("link: reconnecting in " + std::to_string(delay.count()) + " ms");
    if (!self.started) {
        self.pending_delay = delay;
        start();
        return;
    }
    self.pending_delay = delay;
    switch (self.current) {
    case impl::phase::waiting: self.retry_timer.cancel(); break;
    case impl::phase::connecting: self.abort_connect(); break;
    case impl::phase::connected:
        if (self.session && self.session_open) {
            self.session->close();
        }
        break;
    case impl::phase::idle: break;
    }
}

void client::set_player_count(std::int64_t count) { impl_->player_count = count; }

void client::send_join(const std::string& username) {
    impl_->send(protocol::join{impl_->state.own_id(), username});
}

void client::send_leave(const std::string& username) {
    impl_->send(protocol::leave{impl_->state.own_id(), username});
}

void client::send_message(const std::string& username, const std::string& content,
                          bool sanitized) {
    impl_->send(protocol::message{impl_->state.own_id(), username, content, sanitized});
}

const core::server_directory& client::servers() const { return impl_->state.servers(); }

protocol::identifier client::host_id() const { return impl_->state.host_id(); }

} // namespace csc::link
