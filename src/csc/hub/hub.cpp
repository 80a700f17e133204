#include "csc/hub/hub.hpp"

#include "csc/hub/hub_impl.hpp"

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/address.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace csc::hub {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

std::string listen_address(const hub_config& c) { return c.host + ":" + std::to_string(c.port); }

} // namespace

hub::impl::impl(asio::any_io_executor ex, hub_config cfg, core::chat_events& ev,
                core::logger& lg)
    : executor(std::move(ex)), config(std::move(cfg)), events(ev), log(lg), retry_timer(executor),
      self_entry{0, config.self} {
    open_delivery_log();
}

//---------------------------------------------------------------------------- listening

std::error_code hub::impl::listen() {
    if (acceptor && acceptor->is_open()) {
        return {};
    }
    if (auto tls_ec = load_tls()) {
        return tls_ec;
    }
    std::error_code ec;
    auto address = asio::ip::make_address(config.host, ec);
    if (ec) {
        return ec;
    }
    const asio::ip::tcp::endpoint endpoint(address, config.port);
    auto next = std::make_shared<asio::ip::tcp::acceptor>(executor);
    next->open(endpoint.protocol(), ec);
    if (!ec) {
        next->set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    }
    if (!ec) {
        next->bind(endpoint, ec);
    }
    if (!ec) {
        next->listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        std::error_code ignored;
        next->close(ignored);
        return ec;
    }
    acceptor = next;
    stopped = false;
    const auto bound = acceptor->local_endpoint(ec);
    log.info("hub listening on " + net::to_string(ec ? endpoint : bound) + (tls ? " (TLS)" : ""));
    asio::co_spawn(executor, accept_loop(weak_from_this(), acceptor),
                   [weak = weak_from_this()](const std::exception_ptr& failure) {
                       auto self = weak.lock();
                       if (!failure || !self || self->detached) {
                           return;
                       }
                       try {
                           std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                           self->log.error(std::string("hub accept loop failed: ") + e.what());
                       }
                   });
    return {};
}

bool hub::impl::tls_configured() const {
    return !config.tls_cert_file.empty() || !config.tls_key_file.empty();
}

std::error_code hub::impl::load_tls() {
    if (!tls_configured() || tls) {
        return {};
    }
    std::string why;
    if (config.tls_cert_file.empty() || config.tls_key_file.empty()) {
        why = "TLS needs both a certificate file and a key file";
    } else {
        auto made = net::make_tls_server_context(config.tls_cert_file, config.tls_key_file);
        tls = std::move(made.context);
        why = std::move(made.error);
    }
    if (tls) {
        return {};
    }
    log.error("hub not listening: " + why);
    return std::make_error_code(std::errc::invalid_argument);
}

void hub::impl::listen_or_retry() {
    if (tls_configured() && !tls && load_tls()) {
        return; // a configuration error (logged): retrying would not fix it
    }
    if (auto ec = listen()) {
        log.error("hub cannot listen on " + listen_address(config) + ": " + ec.message() +
                  "; retrying in " + std::to_string(listen_retry_interval.count()) + " s");
        schedule_retry(listen_retry_interval);
    }
}

void hub::impl::schedule_retry(std::chrono::steady_clock::duration delay) {
    retry_timer.expires_after(delay);
    retry_timer.async_wait([weak = weak_from_this(), gen = generation](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || self->detached || self->generation != gen) {
            return;
        }
        self->listen_or_retry();
    });
}

void hub::impl::close_acceptor() {
    if (acceptor) {
        std::error_code ignored;
        acceptor->close(ignored);
        acceptor.reset();
    }
}

asio::awaitable<void> hub::impl::accept_loop(std::weak_ptr<impl> weak,
                                             std::shared_ptr<asio::ip::tcp::acceptor> acc) {
    for (;;) {
        auto [ec, socket] = co_await acc->async_accept(use_tuple);
        auto self = weak.lock();
        if (!self || self->detached || self->acceptor != acc || !acc->is_open()) {
            co_return; // closed by stop()/reconnect(), or the hub is gone
        }
        if (ec) {
            self->log.warn("hub accept failed: " + ec.message());
            asio::steady_timer pause(self->executor, accept_error_pause);
            self.reset();
            co_await pause.async_wait(use_tuple);
            continue;
        }
        self->on_accepted(std::move(socket));
    }
}

void hub::impl::drop_links(bool notify) {
    // Take them all first: closing calls back into on_closed, which must find nothing to do.
    auto dropped = std::move(links);
    links.clear();
    discard_run();
    directory.clear();
    for (const auto& [id, link] : dropped) {
        players.remove(id);
    }
    for (auto& [id, link] : dropped) {
        // Still in the map: its disconnect was not reported yet, even if it is already closed.
        const bool announce = link->handshaken;
        link->closed = true;
        link->session->close();
        if (notify && !detached) {
            log.info(describe(*link) + " closed: hub stopped");
            if (announce) {
                events.on_server_disconnected(link->entry);
            }
        }
    }
}

//---------------------------------------------------------------------------- public API

hub::hub(asio::any_io_executor executor, hub_config config, core::chat_events& events,
         core::logger& log)
    : impl_(std::make_shared<impl>(std::move(executor), std::move(config), events, log)) {}

hub::~hub() {
    // Quietly: the events and logger objects may already be gone while their owner is
    // destroyed, so neither is called from here on.
    impl_->detached = true;
    ++impl_->generation;
    impl_->retry_timer.cancel();
    impl_->close_acceptor();
    impl_->drop_links(false);
}

std::error_code hub::listen() { return impl_->listen(); }

asio::ip::tcp::endpoint hub::local_endpoint() const {
    if (!impl_->acceptor) {
        return {};
    }
    std::error_code ec;
    auto ep = impl_->acceptor->local_endpoint(ec);
    return ec ? asio::ip::tcp::endpoint{} : ep;
}

std::size_t hub::link_count() const {
    std::size_t n = 0;
    for (const auto& [id, link] : impl_->links) {
        n += (link->handshaken && !link->closed) ? 1 : 0;
    }
    return n;
}

void hub::start() {
    ++impl_->generation;
    impl_->retry_timer.cancel();
    impl_->stopped = false;
    impl_->listen_or_retry();
}

void hub::stop() {
    if (impl_->stopped && !impl_->acceptor && impl_->links.empty()) {
        return;
    }
    impl_->stopped = true;
    ++impl_->generation;
    impl_->retry_timer.cancel();
    impl_->close_acceptor();
    impl_->drop_links(true);
    impl_->log.info("hub stopped");
}

void hub::reconnect(std::chrono::milliseconds delay) {
    ++impl_->generation;
    impl_->retry_timer.cancel();
    impl_->close_acceptor();
    impl_->drop_links(true);
    impl_->stopped = false;
    impl_->log.info("hub dropped every link; listening again in " + std::to_string(delay.count()) +
                    " ms");
    impl_->schedule_retry(delay);
}

void hub::set_player_count(std::int64_t count) {
    impl_->player_count = std::clamp<std::int64_t>(count, 0, protocol::max_player_count);
}

void hub::send_join(const std::string& username) { impl_->log_own(protocol::join{0, username}); }

void hub::send_leave(const std::string& username) { impl_->log_own(protocol::leave{0, username}); }

void hub::send_message(const std::string& username, const std::string& content, bool sanitized) {
    impl_->log_own(protocol::message{0, username, content, sanitized});
}

delivery::status hub::delivery_status() const {
    delivery::status s = impl_->dlv.counters;
    s.granted = true;
    s.epoch = impl_->dlv.log->log_epoch();
    s.position = impl_->dlv.log->last_position();
    return s;
}

const std::string& hub::self_origin() const { return impl_->dlv.self_origin; }

const core::server_directory& hub::servers() const { return impl_->directory; }

} // namespace csc::hub
