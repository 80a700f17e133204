#pragma once
// A hub on 127.0.0.1 (port chosen by the system) and link clients, with TLS set up
// from certificates made at test time, recording events and loggers on every side.

#include "csc/hub/hub.hpp"
#include "csc/link/client.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "test_certificates.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

namespace csc::tls_test {

/// One link::client with its recorders.
struct test_link {
    test_link(asio::io_context& ctx, const link::client_config& config)
        : client(ctx.get_executor(), config, events, log) {}

    test::recording_events events;
    test::recording_logger log{false};
    link::client client;

    /// Messages received with this content.
    std::size_t received(const std::string& content) const;
};

class TlsFixture : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    /// The certificates of this suite.
    static const test_certificates& certs() { return *certs_; }

    /// A hub config on 127.0.0.1:0; TLS with the `hub` certificate when `tls`.
    static hub::hub_config hub_config(bool tls = true);
    /// A link config for `name` toward the running hub, TLS on, no verification set.
    link::client_config link_config(const std::string& name) const;

    /// Makes the hub and listens; the test fails if it cannot.
    void start_hub(const hub::hub_config& config);
    /// A started link; waits until it is connected when `wait_connected`.
    std::unique_ptr<test_link> start_link(const link::client_config& config,
                                          bool wait_connected = true);

    /// Runs the context until `done()` (bounded; false on timeout).
    bool wait(const std::function<bool()>& done) { return test::run_until(ctx_, done); }
    /// `from` chats `content`; true once `to` received it.
    bool relays(test_link& from, test_link& to, const std::string& content);

    asio::io_context ctx_{1};
    test::recording_events hub_events_;
    test::recording_logger hub_log_{false};
    std::unique_ptr<hub::hub> hub_;

private:
    static test_certificates* certs_;
};

} // namespace csc::tls_test
