#pragma once
// The byte stream under a frame_session: plain TCP or TLS over TCP, behind one small
// interface so the session's reader and writer loops exist once.
//
// read() hands back a view of the bytes it got instead of filling a caller's buffer:
// a plain stream waits for readability with no buffer at all, then reads into one
// buffer shared by every plain stream of the thread (1,000 idle links hold no read
// buffers). The view is valid until the caller's next co_await.

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/buffer.hpp>
#include <asio/ip/tcp.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace csc::net {

/// Buffers one gathered write_now() takes at most (Asio passes no more to one sendmsg).
inline constexpr std::size_t max_gather = 64;

/// What read() got: an error, or a view of the bytes (valid until the next co_await).
using read_result = std::pair<std::error_code, std::string_view>;

class byte_stream {
public:
    virtual ~byte_stream() = default;
    byte_stream() = default;
    byte_stream(const byte_stream&) = delete;
    byte_stream& operator=(const byte_stream&) = delete;

    /// The executor every operation runs on.
    virtual asio::any_io_executor get_executor() = 0;
    /// The TCP socket at the bottom (options, endpoints).
    virtual asio::ip::tcp::socket& socket() = 0;
    /// True for TLS streams.
    virtual bool is_tls() const noexcept = 0;

    /// Runs a pending TLS handshake; nothing to do for plain TCP or once done.
    virtual asio::awaitable<std::error_code> handshake() = 0;
    /// A readable explanation of a handshake() failure (TLS verification details).
    virtual std::string describe_handshake_error(std::error_code ec) const;
    /// Waits for bytes and returns a view of them (eof is an error).
    virtual asio::awaitable<read_result> read() = 0;
    /// Writes every buffer, in order; the buffers stay valid until it completes.
    virtual asio::awaitable<std::error_code> write(const std::vector<asio::const_buffer>& buffers) = 0;
    /// True when write_now() can write without waiting (plain TCP; not TLS).
    virtual bool can_write_now() const noexcept { return false; }
    /// Writes what the socket takes at once, without waiting: the bytes written (0 when
    /// it would block), or an error in `ec`. Only when can_write_now() and no write() runs.
    virtual std::size_t write_now(asio::const_buffer bytes, std::error_code& ec);
    /// write_now() of several buffers in one system call (at most max_gather of them).
    virtual std::size_t write_now(const std::vector<asio::const_buffer>& buffers,
                                  std::error_code& ec);
    /// Ends our sending direction once everything is written (TLS: close_notify, bounded wait).
    virtual asio::awaitable<void> shutdown_send() = 0;
    /// Closes now; pending operations complete with operation_aborted. Idempotent.
    virtual void close() noexcept = 0;
};

/// A plain TCP stream over a connected socket.
std::unique_ptr<byte_stream> make_tcp_stream(asio::ip::tcp::socket socket);

} // namespace csc::net
