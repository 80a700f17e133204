// Plain TCP under byte_stream: a non-blocking read into a buffer shared by all plain
// streams of the thread; when nothing is there, wait for readability holding no buffer.
// Writes can be tried at once (write_now), without a coroutine or an asynchronous operation.

#include "csc/net/byte_stream.hpp"

#include <asio/error.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <array>

namespace csc::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);
/// Size of the one read buffer each thread shares between its plain streams.
constexpr std::size_t shared_read_bytes = 64 * 1024;

/// The thread's shared read buffer: filled and consumed with no co_await in between.
asio::mutable_buffer shared_read_buffer() {
    thread_local std::array<char, shared_read_bytes> buffer;
    return asio::buffer(buffer);
}

class tcp_stream final : public byte_stream {
public:
    explicit tcp_stream(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {
        std::error_code ignored;
        socket_.non_blocking(true, ignored); // reads after a readiness wait never block
    }

    asio::any_io_executor get_executor() override { return socket_.get_executor(); }
    asio::ip::tcp::socket& socket() override { return socket_; }
    bool is_tls() const noexcept override { return false; }

    asio::awaitable<std::error_code> handshake() override { co_return std::error_code{}; }

    asio::awaitable<read_result> read() override {
        bool waited = false;
        for (;;) {
            if (!waited) {
                // Let other handlers run between two reads of a busy peer, as a completion
                // posted by Asio's own speculative read would.
                co_await asio::post(socket_.get_executor(), asio::use_awaitable);
            }
            const auto buffer = shared_read_buffer();
            std::error_code ec;
            const std::size_t n = socket_.read_some(buffer, ec);
            if (ec == asio::error::would_block || ec == asio::error::try_again) {
                auto [wec] =
                    co_await socket_.async_wait(asio::ip::tcp::socket::wait_read, use_tuple);
                if (wec) {
                    co_return read_result{wec, {}};
                }
                waited = true; // read right after the wake-up (again after a spurious one)
                continue;
            }
            if (ec) {
                co_return read_result{ec, {}};
            }
            co_return read_result{{}, std::string_view(static_cast<const char*>(buffer.data()), n)};
        }
    }

    asio::awaitable<std::error_code> write(const std::vector<asio::const_buffer>& buffers) override {
        auto [ec, n] = co_await asio::async_write(socket_, buffers, use_tuple);
        co_return ec;
    }

    bool can_write_now() const noexcept override { return true; }

    std::size_t write_now(asio::const_buffer bytes, std::error_code& ec) override {
        // The socket is non-blocking: a full send buffer is would_block, not a wait.
        const std::size_t n = socket_.write_some(bytes, ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) {
            ec.clear();
            return 0;
        }
        return ec ? 0 : n;
    }

    std::size_t write_now(const std::vector<asio::const_buffer>& buffers,
                          std::error_code& ec) override {
        const std::size_t n = socket_.write_some(buffers, ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) {
            ec.clear();
            return 0;
        }
        return ec ? 0 : n;
    }

    asio::awaitable<void> shutdown_send() override {
        std::error_code ignored;
        socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        co_return;
    }

    void close() noexcept override {
        std::error_code ignored;
        socket_.close(ignored);
    }

private:
    asio::ip::tcp::socket socket_;
};

} // namespace

std::string byte_stream::describe_handshake_error(std::error_code ec) const { return ec.message(); }

std::size_t byte_stream::write_now(asio::const_buffer /*bytes*/, std::error_code& ec) {
    ec = std::make_error_code(std::errc::operation_not_supported);
    return 0;
}

std::size_t byte_stream::write_now(const std::vector<asio::const_buffer>& /*buffers*/,
                                   std::error_code& ec) {
    ec = std::make_error_code(std::errc::operation_not_supported);
    return 0;
}

std::unique_ptr<byte_stream> make_tcp_stream(asio::ip::tcp::socket socket) {
    return std::make_unique<tcp_stream>(std::move(socket));
}

} // namespace csc::net
