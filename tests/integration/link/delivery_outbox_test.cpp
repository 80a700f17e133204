// The link's side of acknowledged delivery against a fake host that speaks the extension by
// hand, what the link sends: the announce, the outbox kept before the acknowledge and sent
// after the hub's first ack, exactly what the hub did not acknowledge resent after a cut, an
// ack for a seq never sent, and version 1 toward a host without `delivery`.

#include "delivery_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace csc::link_test {
namespace {

using core::log_level;
namespace proto = protocol;

TEST(LinkDelivery, TheHandshakeAnnouncesDeliveryWithOriginAndSession) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f, 7));
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    const auto hello = *host->last<proto::handshake>();
    EXPECT_NE(std::find(hello.features.begin(), hello.features.end(), "delivery"),
              hello.features.end());
    EXPECT_EQ(hello.origin, our_origin);
    EXPECT_EQ(hello.session, 7);
}

TEST(LinkDelivery, WithoutAnOriginNothingIsAnnouncedOrKept) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    const auto hello = *host->last<proto::handshake>();
    EXPECT_EQ(std::find(hello.features.begin(), hello.features.end(), "delivery"),
              hello.features.end());
    EXPECT_TRUE(hello.origin.empty());
    link->client.send_message("ann", "lost", true); // not acknowledged: v1 drops it
    EXPECT_EQ(link->client.pending_outbox(), 0U);
}

TEST(LinkDelivery, PacketsKeptBeforeTheAcknowledgeGoOutAfterTheFirstAckInOrder) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    link.client.send_join("ann");
    link.client.send_message("ann", "one", true);
    link.client.send_message("ann", "two", true);
    EXPECT_EQ(link.client.pending_outbox(), 3U);

    host->send(granting_ack(1));
    ASSERT_TRUE(f.wait([&] { return host->count<proto::resume>() == 1; })) << link.log.dump();
    EXPECT_EQ(host->count<proto::message>(), 0U) << "resent before the hub's first ack";
    const auto resume = *host->last<proto::resume>();
    EXPECT_TRUE(resume.epoch.empty());
    EXPECT_EQ(resume.position, 0);

    host->send(proto::ack{1, 0});
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 2; })) << link.log.dump();
    ASSERT_EQ(host->count<proto::join>(), 1U);
    const auto messages = host->all<proto::message>();
    EXPECT_EQ(contents(messages), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(host->last<proto::join>()->delivery, (proto::delivery_stamp{our_origin, 1, 1, 0}));
    EXPECT_EQ(messages[0].delivery, (proto::delivery_stamp{our_origin, 1, 2, 0}));
    EXPECT_EQ(messages[1].delivery, (proto::delivery_stamp{our_origin, 1, 3, 0}));
    EXPECT_EQ(messages[0].id, 1) << "our identifier on this connection";

    // Live now: a new message goes out at once; acks empty the outbox.
    link.client.send_message("ann", "three", true);
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 3; }));
    EXPECT_EQ(link.client.pending_outbox(), 4U);
    bool drained = false;
    link.client.when_drained([&] { drained = true; });
    host->send(proto::ack{1, 4});
    ASSERT_TRUE(f.wait([&] { return drained; })) << link.log.dump();
    EXPECT_EQ(link.client.pending_outbox(), 0U);
}

TEST(LinkDelivery, ACutMidStreamResendsExactlyWhatTheHubDidNotAcknowledge) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* first = resuming(f, link);
    ASSERT_NE(first, nullptr) << link.log.dump();
    for (const char* text : {"m1", "m2", "m3", "m4"}) {
        link.client.send_message("ann", text, true);
    }
    ASSERT_TRUE(f.wait([&] { return first->count<proto::message>() == 4; }));
    first->send(proto::ack{1, 2}); // the hub has m1 and m2; m3, m4 are in flight
    ASSERT_TRUE(f.wait([&] { return link.client.pending_outbox() == 2; }));
    first->close();
    link.client.send_message("ann", "m5", true); // while the link is down

    auto* second = f.wait_handshake(1);
    ASSERT_NE(second, nullptr) << link.log.dump();
    second->send(granting_ack(3));
    second->send(proto::ack{1, 3}); // m3 made it into the log before the cut
    ASSERT_TRUE(f.wait([&] { return second->count<proto::message>() == 2; })) << link.log.dump();
    const auto resent = second->all<proto::message>();
    EXPECT_EQ(contents(resent), (std::vector<std::string>{"m4", "m5"}));
    EXPECT_EQ(resent[0].delivery.seq, 4);
    EXPECT_EQ(resent[1].delivery.seq, 5);
    EXPECT_EQ(resent[0].id, 3) << "resent with the identifier of the new connection";
}

TEST(LinkDelivery, AnAckForASeqNeverSentChangesNothing) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = resuming(f, link);
    ASSERT_NE(host, nullptr) << link.log.dump();
    link.client.send_message("ann", "one", true);
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 1; }));
    host->send(proto::ack{1, 99});
    host->send(proto::ack{2, 1}); // another session's
    ASSERT_TRUE(f.wait([&] { return link.count_log(log_level::warn, "never sent") == 1; }))
        << link.log.dump();
    EXPECT_EQ(link.client.pending_outbox(), 1U);
    EXPECT_FALSE(host->closed());
}

TEST(LinkDelivery, AHostWithoutDeliveryGetsKeptPacketsOnceAsVersion1) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = f.start(link);
    ASSERT_NE(host, nullptr);
    link.client.send_message("ann", "early", true);
    host->send(make_ack(1, {{2, info("beta")}})); // an original host: no features
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 1; })) << link.log.dump();
    link.client.send_message("ann", "live", true);
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 2; }));
    for (const auto& m : host->all<proto::message>()) {
        EXPECT_TRUE(m.delivery.origin.empty()) << "extension fields to an original host";
    }
    for (const std::string& frame : host->frames()) {
        if (frame.find("\"handshake\"") == std::string::npos) {
            EXPECT_EQ(frame.find("origin"), std::string::npos) << frame;
        }
    }
    EXPECT_EQ(host->count<proto::resume>(), 0U);
    EXPECT_EQ(link.client.pending_outbox(), 0U);
    EXPECT_FALSE(link.client.delivery_status().granted);
}

} // namespace
} // namespace csc::link_test
