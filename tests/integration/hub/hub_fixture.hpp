#pragma once
// A hub on 127.0.0.1, port chosen by the system, with recording events and logger,
// and helpers that connect raw test peers to it.

#include "csc/hub/hub.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace csc::test {

class HubFixture : public ::testing::Test {
protected:
    static hub::hub_config config_for(std::uint16_t port) {
        hub::hub_config c;
        c.host = "127.0.0.1";
        c.port = port;
        c.self = {"Host", "ffffff", "[h]"};
        return c;
    }

    HubFixture() : hub_(ctx_.get_executor(), config_for(0), events_, log_) {}

    void SetUp() override {
        ASSERT_FALSE(hub_.listen());
        ASSERT_NE(hub_.local_endpoint().port(), 0);
    }

    /// Where test peers connect.
    asio::ip::tcp::endpoint endpoint() const { return hub_.local_endpoint(); }

    /// Runs the context until `done()`; false (and a failure) if it never holds.
    bool wait(const std::function<bool()>& done) { return run_until(ctx_, done); }

    /// A connected peer that has not handshaken.
    std::unique_ptr<test_peer> connect_raw() {
        auto p = std::make_unique<test_peer>(ctx_);
        EXPECT_FALSE(p->connect(endpoint()));
        return p;
    }

    /// A peer that handshook as `name` and received its acknowledge.
    std::unique_ptr<test_peer> join_network(const std::string& name, std::int64_t players = 0,
                                            std::vector<std::string> features = {}) {
        auto p = connect_raw();
        p->send(make_handshake(name, players, std::move(features)));
        EXPECT_TRUE(wait([&] { return p->count<protocol::acknowledge>() == 1 || p->closed(); }))
            << log_.dump();
        EXPECT_EQ(p->count<protocol::acknowledge>(), 1U) << log_.dump();
        return p;
    }

    /// Makes sure the hub processed everything sent before: `from` chats, and the call
    /// returns once `to` received that line (the hub handles one link's bytes in order,
    /// and one thread runs everything).
    void barrier(test_peer& from, test_peer& to) {
        const auto before = to.count<protocol::message>();
        from.send(protocol::message{0, "barrier", "sync", false});
        ASSERT_TRUE(wait([&] { return to.count<protocol::message>() > before; })) << log_.dump();
    }

    asio::io_context ctx_;
    recording_events events_;
    recording_logger log_;
    hub::hub hub_;
};

} // namespace csc::test
