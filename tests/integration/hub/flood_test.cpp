// Flood control per link at the hub: packets over budget are dropped and counted with
// one log line per burst; a link that keeps flooding is disconnected; the others are
// not slowed down.

#include "secure_hub_fixture.hpp"

namespace csc::test {
namespace {

using protocol::disconnect;
using protocol::message;

class HubFlood : public SecureHubFixture {
protected:
    void SetUp() override {
        auto c = base_config();
        c.link_messages_per_second = 10;
        c.link_message_burst = 20;
        c.max_flood_drops = 50;
        start(c);
    }

    static std::string lines(std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) {
            out += protocol::encode(message{0, "spam", "line " + std::to_string(i), false});
        }
        return out;
    }

    std::size_t from(const test_peer& p, protocol::identifier id) {
        std::size_t n = 0;
        for (const auto& m : p.all<message>()) {
            n += m.id == id ? 1 : 0;
        }
        return n;
    }
};

TEST_F(HubFlood, FloodingLinkIsCappedThenDisconnected) {
    auto flooder = join_plain("Flooder");
    auto b = join_plain("B");
    auto c = join_plain("C");
    flooder->send_raw(lines(200));
    ASSERT_TRUE(wait([&] { return flooder->closed() && b->count<disconnect>() == 1; }))
        << log_.dump();
    const std::size_t relayed = from(*b, 1);
    EXPECT_GE(relayed, 20U) << "the burst passes";
    EXPECT_LT(relayed, 200U - 50U) << "most of the flood was dropped";
    EXPECT_EQ(log_.count("link 1 (Flooder) exceeds its budget (10 packets/s"), 1U)
        << "one line per burst, not per packet";
    EXPECT_TRUE(log_.contains(core::log_level::warn,
                              "link 1 (Flooder) closed: flooding (more than 50 packets over budget"))
        << log_.dump();
    EXPECT_EQ(events_.count(event_kind::message), relayed);
    barrier(*b, *c);
    barrier(*c, *b);
    EXPECT_EQ(hub_->link_count(), 2U);
}

TEST_F(HubFlood, ShortBurstIsDroppedButTheLinkStays) {
    auto noisy = join_plain("Noisy");
    auto b = join_plain("B");
    noisy->send_raw(lines(30)); // one write: the hub reads and handles the 30 lines at once
    ASSERT_TRUE(wait([&] { return log_.contains("exceeds its budget") && from(*b, 1) >= 20; }))
        << log_.dump();
    barrier(*b, *noisy);
    EXPECT_FALSE(noisy->closed());
    const std::size_t relayed = from(*b, 1);
    EXPECT_GE(relayed, 20U);
    EXPECT_LT(relayed, 30U);
    run_for(ctx_, std::chrono::milliseconds(300)); // lets the bucket refill (10/s)
    barrier(*noisy, *b);
    EXPECT_TRUE(log_.contains("link 1 (Noisy) is within its budget again;")) << log_.dump();
    EXPECT_EQ(hub_->link_count(), 2U);
}

} // namespace
} // namespace csc::test
