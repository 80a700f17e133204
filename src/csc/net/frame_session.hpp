#pragma once
// One connection carrying JSON frames, in the shape of Asio's chat server session:
// a reader loop (bytes -> frame_splitter -> on_frame) and a bounded output buffer. It runs
// over a byte_stream (plain TCP or TLS) and never knows what a frame means.
//
//   reader():  stream.handshake() (TLS only) -> established; then
//              stream.read() -> splitter.feed -> on_frame(frame)... -> repeat
//   send():    appends the bytes to one pending buffer; the first send after a write posts
//              flush(), so everything sent during this turn of the io_context (e.g. by every
//              link's reader) leaves in one write
//   flush():   plain TCP: writes the pending buffer at once, without waiting; whatever the
//              socket does not take (and everything, for TLS) goes to the writer loop
//   writer():  woken by a timer used as a condition variable; swaps the pending buffer with
//              the one it writes (no per-packet queue nodes) and writes until none is left
//   close():   idempotent; cancels both loops; on_closed(reason) fires exactly once
//
// Everything runs on one io_context thread: no strands, no locks.

#include "csc/net/byte_stream.hpp"
#include "csc/protocol/frame_splitter.hpp"

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace csc::net {

/// Bytes shared by every recipient of one packet: encoded once, written N times.
using shared_bytes = std::shared_ptr<const std::string>;

/// Limits of one session.
struct session_limits {
    /// Cap on one incoming frame.
    std::size_t max_frame = protocol::default_max_frame;
    /// Cap on bytes queued for writing; a peer that lets more pile up is too slow
    /// and is disconnected (errc: no_buffer_space).
    std::size_t max_queued_bytes = 4 * 1024 * 1024;
};

class frame_session : public std::enable_shared_from_this<frame_session> {
public:
    /// Called for each complete frame, in order. The view is valid during the call only.
    using frame_handler = std::function<void(std::string_view frame)>;
    /// Called once when the session ends: the reason (eof, reset, a protocol errc
    /// from the splitter, no_buffer_space for a slow reader, operation_aborted for close()).
    using close_handler = std::function<void(std::error_code reason)>;
    /// Called after the frames of one read were all handed to the frame handler (also when
    /// the session is closing or the read ended in a splitter error).
    using read_done_handler = std::function<void()>;

    /// A session over plain TCP.
    frame_session(asio::ip::tcp::socket socket, session_limits limits);
    /// A session over any stream (TLS: its handshake runs first, in start()).
    frame_session(std::unique_ptr<byte_stream> stream, session_limits limits);

    /// Sets TCP_NODELAY and starts both loops. Handlers are called on the stream's executor.
    /// A TLS handshake that fails ends the session with its error (established() false).
    void start(frame_handler on_frame, close_handler on_closed,
               read_done_handler on_read_done = nullptr);

    /// Queues a copy of `bytes` for writing (one frame, for one_frame_per_write). Ignored
    /// once closing; a peer with more than max_queued_bytes waiting is disconnected.
    void send(std::string_view bytes);
    /// Queues `*bytes`. On plain TCP with gathered writes the session keeps the buffer
    /// instead of copying it, and the write reads it in place (one sendmsg with the other
    /// pending bytes): the owner must not change it while anyone else holds it.
    void send(const shared_bytes& bytes);

    /// Closes now; queued bytes are dropped. Idempotent.
    void close(std::error_code reason = {});
    /// Stops reading, writes what is queued, then closes (for a last error packet).
    void close_after_flush(std::error_code reason = {});

    /// Writes each sent frame in a write of its own instead of gathering them. For
    /// original peers, which parse each TCP read whole and break on two objects in one.
    void set_one_frame_per_write(bool on);

    bool is_open() const noexcept { return !closing_; }
    /// True once the stream is ready for frames (at once for plain TCP; after the TLS handshake).
    bool established() const noexcept { return established_; }
    /// True when the session runs over TLS.
    bool is_tls() const noexcept { return stream_->is_tls(); }
    /// A readable explanation of why the TLS handshake failed with `reason`.
    std::string describe_handshake_error(std::error_code reason) const {
        return stream_->describe_handshake_error(reason);
    }
    /// "ADDR:PORT" of the peer, for log lines (fixed at construction).
    const std::string& peer() const noexcept { return peer_; }
    /// The splitter that cut the frame being handled (for protocol::decode_into).
    const protocol::frame_splitter& splitter() const noexcept { return splitter_; }
    /// Bytes queued and not yet written.
    std::size_t queued_bytes() const noexcept {
        return pending_.size() + writing_.size() + shared_pending_;
    }

private:
    asio::awaitable<void> reader();
    asio::awaitable<void> writer();
    /// Posts flush() once, unless one is posted or the writer loop owns the writes.
    void schedule_flush();
    /// Writes what is pending without waiting, or hands it to the writer loop.
    void flush();
    /// flush() when shared buffers are pending: gathered non-blocking writes.
    void flush_pieces();
    /// After everything pending was written: empties it, releasing a buffer a burst grew.
    void all_written();
    /// Appends the range [begin, end) of pending_ to pieces_ (once a shared buffer is in it).
    void add_own_piece(std::size_t begin, std::size_t end);
    /// Copies what pieces_ describes into pending_ alone (for the writer loop).
    void materialize();
    /// Hands the writes to the writer loop (until it finds nothing pending).
    void wake_writer();
    /// Writes `bytes` (from the writer loop), one write per frame end in `ends` if any.
    asio::awaitable<std::error_code> write_out(const std::string& bytes,
                                               const std::vector<std::size_t>& ends);
    void finish(std::error_code reason);

    std::unique_ptr<byte_stream> stream_;
    asio::steady_timer wake_writer_;
    session_limits limits_;
    protocol::frame_splitter splitter_;
    std::string pending_;                    ///< sent, not yet handed to a write
    std::vector<std::size_t> pending_ends_;  ///< frame ends in pending_ (one frame per write)
    unsigned small_turns_ = 0; ///< flushes in a row that filled less than an eighth of pending_
    std::string writing_;                    ///< what the writer loop is writing
    std::vector<std::size_t> writing_ends_;  ///< frame ends in writing_
    std::vector<asio::const_buffer> buffers_; ///< the writer loop's buffer sequence
    /// Part of the pending output: [begin, end) of `shared`, or of pending_ when it is null.
    struct out_piece {
        shared_bytes shared;
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    /// The pending output in order, once a shared buffer is in it (else pending_ alone).
    std::vector<out_piece> pieces_;
    std::size_t shared_pending_ = 0;          ///< bytes of shared buffers in pieces_
    std::vector<asio::const_buffer> gather_;  ///< flush_pieces()' buffer sequence
    frame_handler on_frame_;
    close_handler on_closed_;
    read_done_handler on_read_done_;
    std::string peer_;
    bool one_frame_per_write_ = false;
    bool flush_posted_ = false;  ///< flush() is posted and has not run yet
    bool writer_busy_ = false;   ///< the writer loop owns the writes (slow path, TLS)
    bool established_ = false;   ///< the stream's handshake is done
    bool closing_ = false;       ///< no more reads; no more sends accepted
    bool flush_then_close_ = false;
    bool finished_ = false;      ///< on_closed already called
    std::error_code reason_;
};

/// "ADDR:PORT" of an endpoint.
std::string to_string(const asio::ip::tcp::endpoint& endpoint);

} // namespace csc::net
