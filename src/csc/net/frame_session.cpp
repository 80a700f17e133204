// frame_session's lifecycle and reader: start, the reader loop (frames, read done), close
// and finish. What it sends and writes is in frame_session_output.cpp.

#include "csc/net/frame_session.hpp"

#include <asio/co_spawn.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

namespace csc::net {

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

void frame_session::start(frame_handler on_frame, close_handler on_closed,
                          read_done_handler on_read_done) {
    on_frame_ = std::move(on_frame);
    on_closed_ = std::move(on_closed);
    on_read_done_ = std::move(on_read_done);
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
    wake_writer();
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
    if (flush_then_close_) {
        wake_writer();
    } else {
        schedule_flush(); // what was sent during the handshake
    }
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
        bool stop = false;
        for (;;) {
            const auto status = splitter_.next(frame);
            if (status == protocol::frame_splitter::status::need_more) {
                break;
            }
            if (status == protocol::frame_splitter::status::error) {
                stop = true;
                break;
            }
            on_frame_(frame);
            if (closing_) {
                stop = true;
                break;
            }
        }
        if (on_read_done_) {
            on_read_done_(); // the frames handed over so far are complete, whatever follows
        }
        if (splitter_.error()) {
            finish(splitter_.error());
        }
        if (stop) {
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
    // writing_ may be under a write that completes with operation_aborted: left to the writer.
    std::string().swap(pending_);
    pending_ends_.clear();
    pieces_.clear();
    shared_pending_ = 0;
    auto on_closed = std::move(on_closed_);
    on_closed_ = nullptr;
    // on_frame_ may be running right now (a handler that closes its own session):
    // release it, and whatever it captured, only after the call stack unwinds.
    asio::post(stream_->get_executor(), [self = shared_from_this()] {
        self->on_frame_ = nullptr;
        self->on_read_done_ = nullptr;
    });
    if (on_closed) {
        on_closed(reason);
    }
}

} // namespace csc::net
