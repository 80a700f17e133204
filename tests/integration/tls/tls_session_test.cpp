// net::frame_session over TLS streams on both ends: frames both ways, gathered writes,
// close_after_flush delivering its last frame before the close.

#include "csc/net/frame_session.hpp"
#include "csc/net/tls_context.hpp"
#include "csc/net/tls_stream.hpp"
#include "support/run_until.hpp"
#include "test_certificates.hpp"

#include <asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace csc::tls_test {
namespace {

using asio::ip::tcp;

struct side {
    std::shared_ptr<net::frame_session> session;
    std::vector<std::string> frames;
    std::error_code reason;
    bool closed = false;

    void start() {
        session->start([this](std::string_view f) { frames.emplace_back(f); },
                       [this](std::error_code ec) {
                           closed = true;
                           reason = ec;
                       });
    }
};

class TlsSession : public ::testing::Test {
protected:
    void SetUp() override {
        auto server_ctx = net::make_tls_server_context(certs_.hub.cert_file, certs_.hub.key_file);
        ASSERT_TRUE(server_ctx.context) << server_ctx.error;
        auto client_ctx =
            net::make_tls_client_context("127.0.0.1", certs_.ca.cert_file, certs_.hub.fingerprint);
        ASSERT_TRUE(client_ctx.context) << client_ctx.error;
        const net::session_limits limits{.max_frame = 1024 * 1024};
        tcp::acceptor acceptor(ctx_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        tcp::socket client(ctx_);
        client.connect(acceptor.local_endpoint());
        server_.session = std::make_shared<net::frame_session>(
            net::make_tls_stream(acceptor.accept(), server_ctx.context, net::tls_role::server),
            limits);
        client_.session = std::make_shared<net::frame_session>(
            net::make_tls_stream(std::move(client), client_ctx.context, net::tls_role::client),
            limits);
        server_.start();
        client_.start();
    }

    bool wait(const std::function<bool()>& done) { return test::run_until(ctx_, done); }

    test_certificates certs_;
    asio::io_context ctx_{1};
    side server_;
    side client_;
};

TEST_F(TlsSession, FramesBothWays) {
    for (int i = 0; i < 100; ++i) {
        client_.session->send("{\"n\":" + std::to_string(i) + "}\n");
    }
    server_.session->send(std::string("{\"hello\":true}\n"));
    ASSERT_TRUE(wait([&] { return server_.frames.size() == 100 && client_.frames.size() == 1; }));
    EXPECT_EQ(server_.frames.front(), "{\"n\":0}");
    EXPECT_EQ(server_.frames.back(), "{\"n\":99}");
    EXPECT_TRUE(server_.session->established() && server_.session->is_tls());
    EXPECT_FALSE(server_.closed || client_.closed);
}

TEST_F(TlsSession, CloseAfterFlushDeliversTheLastFrame) {
    server_.session->send(std::string("{\"bye\":true}\n"));
    server_.session->close_after_flush();
    ASSERT_TRUE(wait([&] { return server_.closed && client_.closed; }));
    ASSERT_EQ(client_.frames.size(), 1U);
    EXPECT_EQ(client_.frames.front(), "{\"bye\":true}");
    EXPECT_EQ(client_.reason, asio::error::eof) << client_.reason.message();
}

TEST_F(TlsSession, LargeFrameCrossesManyRecords) {
    const std::string big = "{\"x\":\"" + std::string(200 * 1024, 'a') + "\"}\n";
    client_.session->send(big);
    ASSERT_TRUE(wait([&] { return server_.frames.size() == 1; }));
    EXPECT_EQ(server_.frames.front().size() + 1, big.size());
}

} // namespace
} // namespace csc::tls_test
