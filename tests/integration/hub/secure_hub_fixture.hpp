#pragma once
// A hub on 127.0.0.1 with a configuration chosen per test (secret, bounds, budgets),
// raw test peers, and helpers that authenticate a raw peer the way our link does.

#include "csc/auth/link_auth.hpp"
#include "csc/hub/hub.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace csc::test {

/// A raw peer and the lines it sent to authenticate (for replays).
struct authenticated_peer {
    std::unique_ptr<test_peer> peer;
    std::vector<std::string> sent;
};

class SecureHubFixture : public ::testing::Test {
protected:
    /// The test configuration: 127.0.0.1, port 0, generous budgets unless a test narrows them.
    static hub::hub_config base_config() {
        hub::hub_config c;
        c.host = "127.0.0.1";
        c.port = 0;
        c.self = {"Host", "ffffff", "[h]"};
        return c;
    }

    /// Creates the hub with `config` and listens.
    void start(const hub::hub_config& config) {
        hub_.emplace(ctx_.get_executor(), config, events_, log_);
        ASSERT_FALSE(hub_->listen());
        ASSERT_NE(hub_->local_endpoint().port(), 0);
    }

    bool wait(const std::function<bool()>& done) { return run_until(ctx_, done); }

    std::unique_ptr<test_peer> connect_raw() {
        auto p = std::make_unique<test_peer>(ctx_);
        EXPECT_FALSE(p->connect(hub_->local_endpoint()));
        return p;
    }

    /// A version-1 peer (no secret) that handshook and was acknowledged.
    std::unique_ptr<test_peer> join_plain(const std::string& name,
                                          std::vector<std::string> features = {}) {
        auto p = connect_raw();
        p->send(make_handshake(name, 0, std::move(features)));
        EXPECT_TRUE(wait([&] { return p->count<protocol::acknowledge>() == 1 || p->closed(); }))
            << log_.dump();
        EXPECT_EQ(p->count<protocol::acknowledge>(), 1U) << log_.dump();
        return p;
    }

    /// A raw peer that runs our link's side of authentication with `secret`. Returns once
    /// it is acknowledged, or refused/closed (the caller checks which).
    authenticated_peer join_with_secret(const std::string& name, const std::string& secret) {
        authenticated_peer out{connect_raw(), {}};
        test_peer& p = *out.peer;
        auth::link_auth link(secret);
        out.sent.push_back(link.handshake(make_handshake(name, 0, {"sanitized"})));
        p.send_raw(out.sent.back());
        EXPECT_TRUE(wait([&] { return !p.frames().empty() || p.closed(); })) << log_.dump();
        if (p.frames().empty()) {
            return out;
        }
        bool handled = false;
        auth::link_step step = link.on_frame(p.frames().front(), handled);
        if (!handled || step.what != auth::link_step::action::proceed) {
            return out;
        }
        out.sent.push_back(step.bytes);
        p.send_raw(step.bytes);
        EXPECT_TRUE(wait([&] { return p.count<protocol::acknowledge>() == 1 || p.closed(); }))
            << log_.dump();
        return out;
    }

    /// Returns once `to` received a line `from` chatted (the hub processed all before it).
    void barrier(test_peer& from, test_peer& to) {
        const auto before = to.count<protocol::message>();
        from.send(protocol::message{0, "barrier", "sync", false});
        ASSERT_TRUE(wait([&] { return to.count<protocol::message>() > before; })) << log_.dump();
    }

    /// The `refused` packets a peer received (their reasons).
    static std::vector<std::string> refusals(const test_peer& p);

    asio::io_context ctx_{1};
    recording_events events_;
    recording_logger log_{false};
    std::optional<hub::hub> hub_;
};

inline std::vector<std::string> SecureHubFixture::refusals(const test_peer& p) {
    std::vector<std::string> out;
    for (const auto& f : p.frames()) {
        if (f.find("\"type\":\"refused\"") != std::string::npos) {
            out.push_back(f);
        }
    }
    return out;
}

} // namespace csc::test
