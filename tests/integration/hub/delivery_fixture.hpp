#pragma once
// Acknowledged delivery at the hub (docs/delivery.md): a hub (re)created on a config of the
// test's choosing, raw test peers that speak the `delivery` extension (or none, as an
// original plugin), and the packets and readings the delivery tests share.

#include "csc/hub/hub.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "support/temp_dir.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace csc::test {

inline const std::string origin_x = "0000000000000000000000000000000a";
inline const std::string origin_y = "0000000000000000000000000000000b";
inline const std::string origin_z = "0000000000000000000000000000000c";

class HubDelivery : public ::testing::Test {
protected:
    /// A hub on 127.0.0.1, any port, with flood budgets no test reaches.
    hub::hub_config base_config() const {
        hub::hub_config c;
        c.host = "127.0.0.1";
        c.port = 0;
        c.self = {"Host", "ffffff", "[h]"};
        c.link_message_burst = 100000;
        c.link_messages_per_second = 100000;
        c.link_bytes_burst = 1e9;
        c.link_bytes_per_second = 1e9;
        return c;
    }

    /// base_config() with its log in a file of `dir`.
    hub::hub_config file_config(const temp_dir& dir) const {
        auto c = base_config();
        c.log_file = dir.file("hub.sqlite3");
        return c;
    }

    /// (Re)creates the hub with `c` and listens.
    void start_hub(hub::hub_config c) {
        hub_.reset();
        hub_ = std::make_unique<hub::hub>(ctx_.get_executor(), std::move(c), events_, log_);
        ASSERT_FALSE(hub_->listen());
    }

    bool wait(const std::function<bool()>& done) { return run_until(ctx_, done); }

    /// A peer that handshook with `delivery` and received its acknowledge and first ack.
    std::unique_ptr<test_peer> delivery_peer(const std::string& name, const std::string& origin,
                                             std::int64_t session = 1) {
        auto p = std::make_unique<test_peer>(ctx_);
        EXPECT_FALSE(p->connect(hub_->local_endpoint()));
        auto h = make_handshake(name, 0, {"sanitized", "delivery"});
        h.origin = origin;
        h.session = session;
        p->send(h);
        EXPECT_TRUE(wait([&] { return p->count<protocol::ack>() == 1 || p->closed(); }))
            << log_.dump();
        return p;
    }

    /// delivery_peer() that then resumed from nothing (a server's first start).
    std::unique_ptr<test_peer> fresh_peer(const std::string& name, const std::string& origin) {
        auto p = delivery_peer(name, origin);
        resume_from(*p, "", 0);
        return p;
    }

    /// A peer without extensions (an original plugin).
    std::unique_ptr<test_peer> original_peer(const std::string& name) {
        auto p = std::make_unique<test_peer>(ctx_);
        EXPECT_FALSE(p->connect(hub_->local_endpoint()));
        p->send(make_handshake(name));
        EXPECT_TRUE(wait([&] { return p->count<protocol::acknowledge>() == 1; })) << log_.dump();
        return p;
    }

    /// Sends `resume` and waits for the hub's answer.
    protocol::resume resume_from(test_peer& p, const std::string& epoch, std::int64_t position) {
        p.send(protocol::resume{epoch, position, "", 0});
        EXPECT_TRUE(wait([&] { return p.count<protocol::resume>() == 1; })) << log_.dump();
        return p.last<protocol::resume>().value_or(protocol::resume{});
    }

    /// Starts a hub on `c` where X (fresh) sends seqs 1 and 2 and leaves once the hub
    /// acknowledged both (a fatal failure if it does not).
    void log_two_from_x(const hub::hub_config& c) {
        start_hub(c);
        auto x = fresh_peer("X", origin_x);
        x->send(chat(origin_x, 1));
        x->send(chat(origin_x, 2));
        ASSERT_TRUE(wait([&] {
            return x->last<protocol::ack>() == protocol::ack{1, 2};
        })) << log_.dump();
    }

    /// A chat line of `origin`, stamped with `session` and `seq`.
    static protocol::message chat(const std::string& origin, std::int64_t seq,
                                  std::int64_t session = 1) {
        protocol::message m{0, "alice", "line " + std::to_string(seq), false};
        m.delivery = {origin, session, seq, 0};
        return m;
    }

    /// The seqs of the messages `p` received, in order.
    static std::vector<std::int64_t> seqs(const test_peer& p) {
        std::vector<std::int64_t> out;
        for (const auto& m : p.all<protocol::message>()) {
            out.push_back(m.delivery.seq);
        }
        return out;
    }

    /// The hub log positions of the messages `p` received, in order.
    static std::vector<std::int64_t> positions(const test_peer& p) {
        std::vector<std::int64_t> out;
        for (const auto& m : p.all<protocol::message>()) {
            out.push_back(m.delivery.pos);
        }
        return out;
    }

    asio::io_context ctx_;
    recording_events events_;
    recording_logger log_;
    std::unique_ptr<hub::hub> hub_;
};

} // namespace csc::test
