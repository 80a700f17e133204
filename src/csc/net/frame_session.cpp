#include "csc/net/frame_session.hpp"

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include <vector>

namespace csc::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

} // namespace

std::string to_string(const asio::ip::tcp::endpoint& endpoint) {
    return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

frame_session::frame_session(asio::ip::tcp::socket socket, session_limits limits)
    : frame_session(make_tcp_stream(std::move(socket)), limits) {}

frame_session::frame_session(std::unique_ptr<byte_stream> stream, session_limits limits)
    : stream_(std::move(stream)),
      wake_writer_(stream_->get_executor(), asio::steady_timer::time_point::max()),
      limits_(limits), splitter_(limits.max_frame) {
    std::error_code ec;
    const auto remote = stream_->socket().remote_endpoint(ec);
    peer_ = ec ? std::string("unknown peer") : to_string(remote);
}

void frame_session::start(frame_handler on_frame, close_handler on_closed) {
    on_frame_ = std::move(on_frame);
    on_closed_ = std::move(on_closed);
    std::error_code ignored;
    stream_->socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    // Each loop keeps the session alive; an escaped exception ends the session, never the process.
    auto on_done = [self = shared_from_this()](const std::exception_ptr& failure) {
        if (failure) {
            self->finish(std::make_error_code(std::errc::io_error));
        }
    };
    asio::co_spawn(stream_->get_executor(), reader(), on_done);
    asio::co_spawn(stream_->get_executor(), writer(), on_done);
}

void frame_session::send(shared_bytes bytes) {
    if (closing_ || !bytes || bytes->empty()) {
        return;
    }
    queued_bytes_ += bytes->size();
    if (queued_bytes_ > limits_.max_queued_bytes) {
        // A peer that does not read must not make our memory grow: drop it.
        finish(std::make_error_code(std::errc::no_buffer_space));
        return;
    }
    queue_.push_back(std::move(bytes));
    wake_writer_.cancel_one();
}

void frame_session::send(std::string text) {
    send(std::make_shared<const std::string>(std::move(text)));
}

void frame_session::close(std::error_code reason) {
    finish(reason ? reason : std::make_error_code(std::errc::operation_canceled));
}

void frame_session::close_after_flush(std::error_code reason) {
    if (closing_) {
        return;
    }
    closing_ = true;
    flush_then_close_ = true;
    reason_ = reason ? reason : std::make_error_code(std::errc::operation_canceled);
    wake_writer_.cancel_one();
}

asio::awaitable<void> frame_session::reader() {
    if (auto ec = co_await stream_->handshake()) {
        finish(ec);
        co_return;
    }
    if (finished_) {
        co_return;
    }
    established_ = true;
    wake_writer_.cancel_one();
    for (;;) {
        // No buffer is held while waiting: `bytes` views the stream's (or the thread's)
        // buffer and is consumed before the next co_await.
        auto [ec, bytes] = co_await stream_->read();
        if (ec) {
            finish(ec);
            co_return;
        }
        if (closing_) {
            co_return;
        }
        splitter_.feed(bytes);
        std::string_view frame;
        for (;;) {
            const auto status = splitter_.next(frame);
            if (status == protocol::frame_splitter::status::need_more) {
                break;
            }
            if (status == protocol::frame_splitter::status::error) {
                finish(splitter_.error());
                co_return;
            }
            on_frame_(frame);
            if (closing_) {
                co_return;
            }
        }
    }
}

asio::awaitable<void> frame_session::writer() {
    std::vector<shared_bytes> in_flight;
    std::vector<asio::const_buffer> buffers;
    for (;;) {
        if (finished_) {
            co_return;
        }
        if (!established_) {
            co_await wake_writer_.async_wait(use_tuple);
            continue;
        }
        if (queue_.empty()) {
            if (flush_then_close_) {
                co_await stream_->shutdown_send();
                finish(reason_);
                co_return;
            }
            co_await wake_writer_.async_wait(use_tuple);
            continue;
        }
        // Gather everything queued into one write (or just the first frame, for original peers).
        const std::size_t count = one_frame_per_write_ ? 1 : queue_.size();
        const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(count);
        in_flight.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
        queue_.erase(queue_.begin(), end);
        buffers.clear();
        std::size_t total = 0;
        for (const auto& b : in_flight) {
            buffers.emplace_back(asio::buffer(*b));
            total += b->size();
        }
        const auto ec = co_await stream_->write(buffers);
        in_flight.clear();
        queued_bytes_ -= std::min(queued_bytes_, total);
        if (ec) {
            finish(ec);
            co_return;
        }
    }
}

void frame_session::finish(std::error_code reason) {
    if (finished_) {
        return;
    }
    finished_ = true;
    closing_ = true;
    stream_->close();
    wake_writer_.cancel();
    queue_.clear();
    queued_bytes_ = 0;
    auto on_closed = std::move(on_closed_);
    on_closed_ = nullptr;
    // on_frame_ may be running right now (a handler that closes its own session):
    // release it, and whatever it captured, only after the call stack unwinds.
    asio::post(stream_->get_executor(), [self = shared_from_this()] { self->on_frame_ = nullptr; });
    if (on_closed) {
        on_closed(reason);
    }
}

} // namespace csc::net
