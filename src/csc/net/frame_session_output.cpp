// frame_session's output: sends into the pending buffer (or pieces with shared buffers),
// the writes without waiting (flush), and the writer loop for what the socket does not take
// at once (slow readers, TLS). The session's lifecycle and reader are in frame_session.cpp.

#include "csc/net/frame_session.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

namespace csc::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);
/// An empty output buffer larger than this is released after a burst (the acknowledge
/// listing a thousand servers), so idle links do not keep it reserved.
constexpr std::size_t max_kept_buffer = 16 * 1024;
/// Flushes in a row that must fill less than an eighth of a large buffer before it is
/// released: traffic that comes in bursts (a hub's logged batches, then a few small acks)
/// keeps its buffer instead of growing it again for every burst.
constexpr unsigned small_turns_before_release = 16;

/// Gives the memory of an empty buffer back when a burst made it large.
void release_if_large(std::string& buffer) {
    if (buffer.empty() && buffer.capacity() > max_kept_buffer) {
        std::string().swap(buffer);
    }
}

} // namespace

void frame_session::send(std::string_view bytes) {
    if (closing_ || bytes.empty()) {
        return;
    }
    if (queued_bytes() + bytes.size() > limits_.max_queued_bytes) {
        // A peer that does not read must not make our memory grow: drop it.
        finish(std::make_error_code(std::errc::no_buffer_space));
        return;
    }
    const std::size_t at = pending_.size();
    pending_.append(bytes);
    if (!pieces_.empty()) {
        add_own_piece(at, pending_.size());
    }
    if (one_frame_per_write_) {
        pending_ends_.push_back(pending_.size());
    }
    schedule_flush();
}

void frame_session::send(const shared_bytes& bytes) {
    if (!bytes || bytes->empty()) {
        return;
    }
    if (one_frame_per_write_ || writer_busy_ || !stream_->can_write_now()) {
        send(std::string_view(*bytes)); // the writer loop and TLS take one buffer: copied
        return;
    }
    if (closing_) {
        return;
    }
    if (queued_bytes() + bytes->size() > limits_.max_queued_bytes) {
        finish(std::make_error_code(std::errc::no_buffer_space));
        return;
    }
    if (pieces_.empty() && !pending_.empty()) {
        pieces_.push_back({nullptr, 0, pending_.size()});
    }
    pieces_.push_back({bytes, 0, bytes->size()});
    shared_pending_ += bytes->size();
    schedule_flush();
}

void frame_session::add_own_piece(std::size_t begin, std::size_t end) {
    if (!pieces_.back().shared && pieces_.back().end == begin) {
        pieces_.back().end = end;
        return;
    }
    pieces_.push_back({nullptr, begin, end});
}

void frame_session::materialize() {
    if (pieces_.empty()) {
        return;
    }
    std::string all;
    all.reserve(queued_bytes() - writing_.size());
    for (const out_piece& piece : pieces_) {
        const std::string& from = piece.shared ? *piece.shared : pending_;
        all.append(from, piece.begin, piece.end - piece.begin);
    }
    pending_ = std::move(all);
    pieces_.clear();
    shared_pending_ = 0;
}

void frame_session::set_one_frame_per_write(bool on) {
    materialize();
    if (on && !one_frame_per_write_ && !pending_.empty()) {
        pending_ends_.push_back(pending_.size()); // what is already pending: one write
    }
    if (!on) {
        pending_ends_.clear();
    }
    one_frame_per_write_ = on;
}

void frame_session::schedule_flush() {
    if (flush_posted_ || writer_busy_ || !established_) {
        return; // the posted flush, the writer loop or the handshake's end takes it
    }
    flush_posted_ = true;
    // Posted, not done now: sends made by the other handlers of this turn (every link's
    // reader that has bytes) join the same write.
    asio::post(stream_->get_executor(), [self = shared_from_this()] { self->flush(); });
}

void frame_session::flush() {
    flush_posted_ = false;
    if (finished_ || writer_busy_ || (pending_.empty() && pieces_.empty())) {
        return;
    }
    if (!stream_->can_write_now()) {
        wake_writer();
        return;
    }
    if (!pieces_.empty()) {
        flush_pieces();
        return;
    }
    std::error_code ec;
    std::size_t done = 0;
    if (pending_ends_.empty()) {
        done = stream_->write_now(asio::buffer(pending_), ec);
    } else {
        // One write per frame; bytes after the last frame end (none, normally) as one more.
        for (std::size_t i = 0; done < pending_.size(); ++i) {
            const std::size_t end = i < pending_ends_.size() ? pending_ends_[i] : pending_.size();
            const std::size_t n =
                stream_->write_now(asio::buffer(pending_.data() + done, end - done), ec);
            done += n;
            if (ec || done < end) {
                break;
            }
        }
    }
    if (ec) {
        finish(ec);
        return;
    }
    if (done == pending_.size()) {
        all_written();
        return;
    }
    // The socket's buffer is full: the writer loop waits for it with the rest.
    pending_.erase(0, done);
    std::size_t kept = 0;
    for (const std::size_t end : pending_ends_) {
        if (end > done) {
            pending_ends_[kept++] = end - done;
        }
    }
    pending_ends_.resize(kept);
    wake_writer();
}

void frame_session::flush_pieces() {
    std::error_code ec;
    std::size_t first = 0; // the first piece not written whole
    while (first < pieces_.size()) {
        gather_.clear();
        std::size_t offered = 0;
        for (std::size_t i = first; i < pieces_.size() && gather_.size() < max_gather; ++i) {
            const out_piece& piece = pieces_[i];
            const std::string& from = piece.shared ? *piece.shared : pending_;
            gather_.emplace_back(from.data() + piece.begin, piece.end - piece.begin);
            offered += piece.end - piece.begin;
        }
        std::size_t left = stream_->write_now(gather_, ec);
        if (ec) {
            finish(ec);
            return;
        }
        const bool partial = left < offered;
        while (first < pieces_.size() && left >= pieces_[first].end - pieces_[first].begin) {
            left -= pieces_[first].end - pieces_[first].begin;
            if (pieces_[first].shared) {
                shared_pending_ -= pieces_[first].end - pieces_[first].begin;
            }
            ++first;
        }
        if (partial) {
            if (first < pieces_.size()) {
                pieces_[first].begin += left;
                if (pieces_[first].shared) {
                    shared_pending_ -= left;
                }
            }
            break;
        }
    }
    if (first == pieces_.size()) {
        pieces_.clear();
        shared_pending_ = 0;
        all_written();
        return;
    }
    // The socket's buffer is full: the writer loop waits for it with the rest.
    pieces_.erase(pieces_.begin(), pieces_.begin() + static_cast<std::ptrdiff_t>(first));
    wake_writer();
}

void frame_session::all_written() {
    // A buffer much larger than what this turn sent held a burst that is over: give its
    // memory back. One that the traffic fills is kept, or every turn would reallocate it.
    if (pending_.size() * 8 >= pending_.capacity()) {
        small_turns_ = 0;
    } else if (++small_turns_ >= small_turns_before_release) {
        small_turns_ = 0;
        pending_.clear();
        release_if_large(pending_);
    }
    pending_.clear();
    pending_ends_.clear();
}

void frame_session::wake_writer() {
    materialize(); // the writer loop writes pending_ alone
    writer_busy_ = true;
    wake_writer_.cancel_one();
}

asio::awaitable<void> frame_session::writer() {
    for (;;) {
        if (finished_) {
            co_return;
        }
        if (!established_ || !writer_busy_) {
            co_await wake_writer_.async_wait(use_tuple);
            continue;
        }
        if (pending_.empty()) {
            if (flush_then_close_) {
                co_await stream_->shutdown_send();
                finish(reason_);
                co_return;
            }
            writer_busy_ = false; // sends go back to flush()
            release_if_large(pending_);
            release_if_large(writing_);
            continue;
        }
        // Everything pending leaves in this write (or one write per frame, for original
        // peers); sends made meanwhile append to the other buffer.
        pending_.swap(writing_);
        pending_ends_.swap(writing_ends_);
        const auto ec = co_await write_out(writing_, writing_ends_);
        writing_.clear();
        writing_ends_.clear();
        if (ec) {
            finish(ec);
            co_return;
        }
    }
}

asio::awaitable<std::error_code> frame_session::write_out(const std::string& bytes,
                                                          const std::vector<std::size_t>& ends) {
    std::size_t begin = 0;
    for (std::size_t i = 0; begin < bytes.size(); ++i) {
        const std::size_t end = i < ends.size() ? ends[i] : bytes.size();
        buffers_.assign(1, asio::buffer(bytes.data() + begin, end - begin));
        if (auto ec = co_await stream_->write(buffers_)) {
            co_return ec;
        }
        if (finished_) {
            co_return std::make_error_code(std::errc::operation_canceled);
        }
        begin = end;
    }
    co_return std::error_code{};
}

} // namespace csc::net
