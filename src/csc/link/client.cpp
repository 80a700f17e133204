#include "csc/link/client.hpp"

#include "csc/link/client_impl.hpp"

#include <asio/co_spawn.hpp>

#include <exception>
#include <string>

namespace csc::link {

std::chrono::seconds effective_reconnect_interval(std::chrono::seconds configured) {
    return configured.count() <= 0 ? std::chrono::seconds{15} : configured;
}

client::client(asio::any_io_executor executor, client_config config, core::chat_events& events,
               core::logger& log)
    : impl_(std::make_shared<impl>(std::move(executor), std::move(config), events, log)) {}

client::~client() {
    impl_->state.silence();
    stop();
}

bool client::connected() const { return impl_->state.acknowledged(); }

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
    self.liveness_timer.cancel();
    self.tracker.drop_waiters();
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
    protocol::join p;
    p.username = username;
    impl_->send_packet(std::move(p));
}

void client::send_leave(const std::string& username) {
    protocol::leave p;
    p.username = username;
    impl_->send_packet(std::move(p));
}

void client::send_message(const std::string& username, const std::string& content, bool sanitized) {
    protocol::message p;
    p.username = username;
    p.content = content;
    p.sanitized = sanitized;
    impl_->send_packet(std::move(p));
}

std::size_t client::pending_outbox() const { return impl_->tracker.pending(); }

void client::when_drained(std::function<void()> done) {
    if (impl_->stopped) {
        return;
    }
    impl_->tracker.when_drained(std::move(done));
}

delivery::status client::delivery_status() const {
    delivery::status s;
    s.granted = impl_->tracker.granted();
    s.epoch = impl_->tracker.applied_epoch();
    s.position = impl_->tracker.applied_position();
    s.duplicates = impl_->tracker.duplicates();
    return s;
}

const std::vector<std::chrono::milliseconds>& client::retry_delays() const {
    return impl_->retry_delays;
}

const core::server_directory& client::servers() const { return impl_->state.servers(); }

protocol::identifier client::host_id() const { return impl_->state.host_id(); }

} // namespace csc::link
