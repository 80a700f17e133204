// The hub's lifecycle and its defences: stop(), reconnect(), a taken port, and links
// that send garbage or oversized frames (closed alone, without harming the others).

#include "hub_fixture.hpp"

#include <string>

namespace csc::test {
namespace {

using protocol::disconnect;
using protocol::message;

TEST_F(HubFixture, GarbageClosesOnlyThatLink) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto c = join_network("C");
    a->send_raw("hello, this is not JSON\n");
    ASSERT_TRUE(wait([&] { return a->closed() && b->count<disconnect>() == 1; })) << log_.dump();
    EXPECT_EQ(b->last<disconnect>()->id, 1);
    EXPECT_TRUE(log_.contains("link 1 (A) closed")) << log_.dump();
    barrier(*b, *c);
    barrier(*c, *b);
    EXPECT_EQ(hub_.link_count(), 2U);
}

TEST_F(HubFixture, OversizedLineClosesOnlyThatLink) {
    auto a = join_network("A");
    auto b = join_network("B");
    std::string huge = R"({"type":"message","identifier":1,"username":"x","content":")";
    huge.append(1024 * 1024, 'x');
    huge.append("\"}\n");
    a->send_raw(huge);
    ASSERT_TRUE(wait([&] { return b->count<disconnect>() == 1; })) << log_.dump();
    EXPECT_EQ(b->count<message>(), 0U);
    EXPECT_TRUE(log_.contains("link 1 (A) closed")) << log_.dump();
    auto c = join_network("C");
    barrier(*b, *c);
}

TEST_F(HubFixture, StopClosesEveryLinkAndReportsTheirDisconnects) {
    auto a = join_network("A");
    auto b = join_network("B");
    const auto where = endpoint();
    hub_.stop();
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 2U);
    EXPECT_EQ(hub_.link_count(), 0U);
    EXPECT_EQ(hub_.servers().size(), 0U);
    ASSERT_TRUE(wait([&] { return a->closed() && b->closed(); }));
    hub_.stop(); // idempotent
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 2U);
    test_peer late(ctx_);
    EXPECT_TRUE(late.connect(where)) << "nothing listens after stop()";
    EXPECT_EQ(hub_.local_endpoint().port(), 0);
}

TEST_F(HubFixture, ReconnectDropsEveryLinkAndListensAgain) {
    auto a = join_network("A");
    hub_.reconnect(std::chrono::milliseconds(20));
    EXPECT_EQ(events_.count(event_kind::server_disconnected), 1U);
    ASSERT_TRUE(wait([&] { return a->closed(); }));
    ASSERT_TRUE(wait([&] { return hub_.local_endpoint().port() != 0; })) << log_.dump();
    auto b = join_network("B");
    EXPECT_EQ(b->last<protocol::acknowledge>()->id, 2) << "identifiers are never reused";
    EXPECT_EQ(b->last<protocol::acknowledge>()->connections.size(), 1U);
}

TEST_F(HubFixture, TakenPortIsLoggedAndRetriedUntilStop) {
    // A second hub on the first one's port: it must log, not throw, and keep trying.
    const auto port = hub_.local_endpoint().port();
    recording_events other_events;
    recording_logger other_log;
    hub::hub other(ctx_.get_executor(), config_for(port), other_events, other_log);
    EXPECT_NO_THROW(other.start());
    const std::string where = "127.0.0.1:" + std::to_string(port);
    EXPECT_TRUE(other_log.contains(core::log_level::error, "cannot listen on " + where))
        << other_log.dump();
    EXPECT_TRUE(other.listen()) << "still taken";

    // Free the port: the retry (every 5 s) binds it.
    hub_.stop();
    ASSERT_TRUE(run_until(ctx_, [&] { return other.local_endpoint().port() == port; },
                          std::chrono::seconds(15)))
        << other_log.dump();
    other.stop();
    EXPECT_EQ(other.local_endpoint().port(), 0);
}

TEST_F(HubFixture, StopBeforeStartAndDestructionWithLiveLinksAreHarmless) {
    recording_events other_events;
    recording_logger other_log;
    {
        hub::hub other(ctx_.get_executor(), config_for(0), other_events, other_log);
        other.stop();
        other.start();
        test_peer p(ctx_);
        ASSERT_FALSE(p.connect(other.local_endpoint()));
        p.send(make_handshake("P"));
        ASSERT_TRUE(wait([&] { return p.count<protocol::acknowledge>() == 1; }));
    } // destroyed with a live link
    run_for(ctx_, std::chrono::milliseconds(10));
    EXPECT_EQ(other_events.count(event_kind::server_disconnected), 0U)
        << "a destroyed hub reports nothing";
}

} // namespace
} // namespace csc::test
