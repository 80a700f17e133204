// TLS under byte_stream: asio::ssl::stream over the TCP socket.

#include "csc/net/tls_stream.hpp"

#include <asio/error.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/address.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <array>
#include <chrono>

namespace csc::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);
/// Per-stream read buffer (each TLS stream already holds OpenSSL's record buffers).
constexpr std::size_t tls_read_bytes = 4096;
/// How long close_after_flush waits for the peer's close_notify before closing anyway.
constexpr std::chrono::seconds tls_shutdown_wait{2};

using ssl_stream = asio::ssl::stream<asio::ip::tcp::socket>;

/// A handshake error that usually means plain TCP on the other end.
bool speaks_no_tls(std::error_code ec) {
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
        return true;
    }
    if (ec.category() != asio::error::get_ssl_category()) {
        return false;
    }
    const auto reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
    return reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_HTTP_REQUEST ||
           reason == SSL_R_PACKET_LENGTH_TOO_LONG || reason == SSL_R_RECORD_LENGTH_MISMATCH;
}

class tls_stream final : public byte_stream {
public:
    tls_stream(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> context,
               tls_role role, const std::string& server_name)
        : context_(std::move(context)), stream_(std::move(socket), *context_), role_(role) {
        std::error_code ec;
        asio::ip::make_address(server_name, ec);
        if (role_ == tls_role::client && !server_name.empty() && ec) {
            // SNI carries host names only, never addresses.
            // SSL_set_tlsext_host_name without the macro's C-style cast.
            SSL_ctrl(stream_.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                     TLSEXT_NAMETYPE_host_name, const_cast<char*>(server_name.c_str()));
        }
    }

    asio::any_io_executor get_executor() override { return stream_.get_executor(); }
    asio::ip::tcp::socket& socket() override { return stream_.next_layer(); }
    bool is_tls() const noexcept override { return true; }

    asio::awaitable<std::error_code> handshake() override {
        if (done_) {
            co_return std::error_code{};
        }
        const auto type = role_ == tls_role::server ? asio::ssl::stream_base::server
                                                    : asio::ssl::stream_base::client;
        auto [ec] = co_await stream_.async_handshake(type, use_tuple);
        done_ = !ec;
        co_return ec;
    }

    std::string describe_handshake_error(std::error_code ec) const override {
        std::string text = ec.message();
        // SSL_get_verify_result takes a const SSL*; native_handle() is not const.
        const long verify = SSL_get_verify_result(const_cast<ssl_stream&>(stream_).native_handle());
        if (verify == X509_V_ERR_APPLICATION_VERIFICATION) {
            text += ": the certificate's SHA-256 fingerprint is not the pinned one";
        } else if (verify != X509_V_OK) {
            text += std::string(": ") + X509_verify_cert_error_string(verify);
        } else if (speaks_no_tls(ec)) {
            text += " (the other side does not seem to speak TLS)";
        }
        return text;
    }

    asio::awaitable<read_result> read() override {
        auto [ec, n] = co_await stream_.async_read_some(asio::buffer(buffer_), use_tuple);
        if (ec) {
            co_return read_result{ec, {}};
        }
        co_return read_result{{}, std::string_view(buffer_.data(), n)};
    }

    asio::awaitable<std::error_code> write(const std::vector<asio::const_buffer>& buffers) override {
        // One TLS record per write, not one per queued frame: gather first.
        if (buffers.size() == 1) {
            auto [ec, n] = co_await asio::async_write(stream_, buffers.front(), use_tuple);
            co_return ec;
        }
        scratch_.clear();
        for (const auto& b : buffers) {
            scratch_.append(static_cast<const char*>(b.data()), b.size());
        }
        auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(scratch_), use_tuple);
        scratch_.clear();
        co_return ec;
    }

    asio::awaitable<void> shutdown_send() override {
        if (!done_) {
            co_return;
        }
        // async_shutdown sends close_notify, then waits for the peer's: bound that wait.
        asio::steady_timer bound(stream_.get_executor(), tls_shutdown_wait);
        bound.async_wait([this](std::error_code ec) {
            if (!ec) {
                close();
            }
        });
        co_await stream_.async_shutdown(use_tuple);
        bound.cancel();
    }

    void close() noexcept override {
        std::error_code ignored;
        stream_.next_layer().close(ignored);
    }

private:
    std::shared_ptr<asio::ssl::context> context_; // outlives stream_
    ssl_stream stream_;
    tls_role role_;
    bool done_ = false;
    std::array<char, tls_read_bytes> buffer_{};
    std::string scratch_;
};

} // namespace

std::unique_ptr<byte_stream> make_tls_stream(asio::ip::tcp::socket socket,
                                             std::shared_ptr<asio::ssl::context> context,
                                             tls_role role, const std::string& server_name) {
    return std::make_unique<tls_stream>(std::move(socket), std::move(context), role, server_name);
}

} // namespace csc::net
