// Acknowledged delivery at the hub (docs/delivery.md), beside the log: ping/pong and silent
// links closed, original peers relayed untouched, the hub's own packets logged, a log file
// that cannot be used, and a delivery handshake without a valid origin.

#include "delivery_fixture.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

namespace csc::test {
namespace {

using protocol::message;

TEST_F(HubDelivery, PingIsAnsweredAndASilentLinkIsClosedAfterDeadAfterIntervals) {
    auto c = base_config();
    c.ping_interval = std::chrono::milliseconds(40);
    c.dead_after = 2;
    start_hub(c);
    auto x = delivery_peer("X", origin_x);
    x->send(protocol::ping{});
    ASSERT_TRUE(wait([&] { return x->count<protocol::pong>() >= 1; }));
    // X never answers the hub's pings: it is half-open as far as the hub can tell.
    ASSERT_TRUE(wait([&] { return x->closed(); })) << log_.dump();
    EXPECT_GE(x->count<protocol::ping>(), 1U);
    EXPECT_TRUE(log_.contains("silent for 2 ping intervals")) << log_.dump();
    EXPECT_EQ(hub_->link_count(), 0U);
}

TEST_F(HubDelivery, OriginalPeersAreRelayedBestEffortWithoutExtensionFields) {
    start_hub(base_config());
    auto old = original_peer("Old");
    auto x = fresh_peer("X", origin_x);
    auto y = fresh_peer("Y", origin_y);
    x->send(chat(origin_x, 1));
    ASSERT_TRUE(wait([&] { return old->count<message>() == 1 && y->count<message>() == 1; }));
    EXPECT_EQ(old->last<message>()->delivery, protocol::delivery_stamp{});
    for (const char* field : {"origin", "session", "\"seq\"", "\"pos\"", "epoch", "\"ack\""}) {
        EXPECT_EQ(old->raw().find(field), std::string::npos) << field << "\n" << old->raw();
    }
    EXPECT_EQ(y->last<message>()->delivery.pos, 1);

    old->send(message{0, "bob", "from v1", false});
    ASSERT_TRUE(wait([&] { return y->count<message>() == 2 && x->count<message>() == 1; }));
    EXPECT_EQ(y->last<message>()->delivery, protocol::delivery_stamp{}) << "not logged";
    EXPECT_EQ(hub_->delivery_status().records, 1U);
    EXPECT_EQ(events_.count(event_kind::message), 2U) << "the host's players see both";
}

TEST_F(HubDelivery, TheHubsOwnPacketsAreLoggedWithItsOrigin) {
    start_hub(base_config());
    auto x = fresh_peer("X", origin_x);
    hub_->send_message("host player", "hello", false);
    ASSERT_TRUE(wait([&] { return x->count<message>() == 1; }));
    const message m = x->last<message>().value();
    EXPECT_EQ(m.id, 0);
    EXPECT_EQ(m.delivery.origin, hub_->self_origin());
    EXPECT_EQ(m.delivery.seq, 1);
    EXPECT_EQ(m.delivery.pos, 1);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, hub_->delivery_status().epoch, 0);
    ASSERT_TRUE(wait([&] { return y->count<message>() == 1; }));
    EXPECT_EQ(y->last<message>()->content, "hello");
    EXPECT_EQ(events_.count(event_kind::message), 0U) << "not shown back to its own players";
}

TEST_F(HubDelivery, AnUnusableLogFileFallsBackToMemoryWithAnError) {
    temp_dir dir;
    auto c = base_config();
    c.log_file = dir.file(""); // a folder, not a file
    start_hub(c);
    EXPECT_TRUE(log_.contains("keeping the log in memory")) << log_.dump();
    auto x = fresh_peer("X", origin_x);
    x->send(chat(origin_x, 1));
    ASSERT_TRUE(wait([&] { return x->last<protocol::ack>() == protocol::ack{1, 1}; }));
}

TEST_F(HubDelivery, ADeliveryHandshakeWithoutAValidOriginIsServedBestEffort) {
    start_hub(base_config());
    auto p = std::make_unique<test_peer>(ctx_);
    ASSERT_FALSE(p->connect(hub_->local_endpoint()));
    auto h = make_handshake("NoId", 0, {"delivery"});
    h.origin = "not-hex";
    h.session = 1;
    p->send(h);
    ASSERT_TRUE(wait([&] { return p->count<protocol::acknowledge>() == 1; }));
    const auto a = p->last<protocol::acknowledge>().value();
    EXPECT_EQ(std::find(a.features.begin(), a.features.end(), "delivery"), a.features.end());
    EXPECT_TRUE(a.epoch.empty());
    EXPECT_TRUE(log_.contains("without a valid origin")) << log_.dump();
}

} // namespace
} // namespace csc::test
