// Acknowledged delivery at the hub (docs/delivery.md), origins that are not connected: a
// logged packet of a server that left (or has not come back since a hub restart) is replayed
// with that server's info inline and an identifier that names no live server; the server
// back, its packets carry its live identifier again.

#include "delivery_fixture.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace csc::test {
namespace {

using protocol::ack;
using protocol::message;

/// The identifiers an acknowledge names (its connections and the hub).
std::vector<protocol::identifier> named_ids(const protocol::acknowledge& a) {
    std::vector<protocol::identifier> out{a.id, a.host_id};
    for (const auto& c : a.connections) {
        out.push_back(c.id);
    }
    return out;
}

/// Y comes back after X sent and left: X's packets carry X's server info and an identifier
/// that names no live server; Y's acknowledge does not list X.
void expect_shown_as_absent_x(const test_peer& y) {
    const auto a = y.last<protocol::acknowledge>().value();
    ASSERT_EQ(y.count<message>(), 2U);
    for (const auto& m : y.all<message>()) {
        EXPECT_EQ(m.delivery.origin, origin_x);
        ASSERT_TRUE(m.delivery.server.has_value());
        EXPECT_EQ(*m.delivery.server, (protocol::server_info{"X", "00aaff", "[X]"}));
        const auto ids = named_ids(a);
        EXPECT_EQ(std::find(ids.begin(), ids.end(), m.id), ids.end()) << m.id;
        EXPECT_EQ(m.id, y.all<message>().front().id) << "one identifier per absent origin";
    }
}

TEST_F(HubDelivery, AReplayedPacketOfAnAbsentOriginCarriesItsServerInfo) {
    start_hub(base_config());
    auto watcher = original_peer("W");
    auto x = fresh_peer("X", origin_x);
    auto y = fresh_peer("Y", origin_y);
    y->close();
    x->send(chat(origin_x, 1));
    x->send(chat(origin_x, 2));
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 2}; })) << log_.dump();
    x->close();
    ASSERT_TRUE(wait([&] { return watcher->count<protocol::disconnect>() == 2; })) << log_.dump();
    EXPECT_FALSE(watcher->last<message>()->delivery.server) << "never to links without delivery";

    auto y2 = delivery_peer("Y", origin_y);
    resume_from(*y2, hub_->delivery_status().epoch, 0);
    ASSERT_TRUE(wait([&] { return y2->count<message>() == 2; })) << log_.dump();
    expect_shown_as_absent_x(*y2);

    // X back: its live identifier again, and no inline info.
    auto x2 = delivery_peer("X", origin_x);
    resume_from(*x2, hub_->delivery_status().epoch, 2);
    x2->send(chat(origin_x, 3));
    ASSERT_TRUE(wait([&] { return y2->count<message>() == 3; })) << log_.dump();
    EXPECT_EQ(y2->last<message>()->id, x2->last<protocol::acknowledge>()->id);
    EXPECT_FALSE(y2->last<message>()->delivery.server);
}

TEST_F(HubDelivery, AfterAHubRestartAnOriginNotBackYetIsShownByItsLoggedInfo) {
    temp_dir dir;
    const auto c = file_config(dir);
    ASSERT_NO_FATAL_FAILURE(log_two_from_x(c));
    const std::string epoch = hub_->delivery_status().epoch;
    start_hub(c); // as after a SIGKILL: the file is all that is left; X has not reconnected
    auto y = delivery_peer("Y", origin_y);
    EXPECT_EQ(resume_from(*y, epoch, 0).outcome, "resumed");
    ASSERT_TRUE(wait([&] { return y->count<message>() == 2; })) << log_.dump();
    expect_shown_as_absent_x(*y);
}

} // namespace
} // namespace csc::test
