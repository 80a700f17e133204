// link_delivery without sockets: what it writes, keeps, drops and reports, with the time
// passed in.
#include "csc/link/link_delivery.hpp"

#include "csc/protocol/codec.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using csc::link::delivery_config;
using csc::link::link_delivery;
namespace proto = csc::protocol;
using time_point = std::chrono::steady_clock::time_point;

const std::string us(32, 'a');
const std::string them(32, 'b');
const std::string epoch(32, 'e');
const proto::encode_options opts{};

delivery_config config_for(const std::string& origin) {
    delivery_config c;
    c.origin = origin;
    c.session = 4;
    c.outbox.max_count = 3;
    c.outbox.max_age = 60s;
    c.liveness.interval = 10s;
    c.liveness.dead_after = 2;
    return c;
}

proto::acknowledge granting() {
    proto::acknowledge a;
    a.id = 5;
    a.features = {"delivery"};
    a.epoch = epoch;
    return a;
}

proto::packet message(const std::string& text) {
    proto::message m;
    m.username = "ann";
    m.content = text;
    return m;
}

proto::packet decoded(const std::string& bytes) {
    auto d = proto::decode(bytes);
    EXPECT_FALSE(d.error) << bytes;
    return d.value;
}

struct fixture {
    time_point t0{};
    csc::test::recording_logger log{false};
    csc::test::recording_events events;
};

TEST(LinkDeliveryUnit, DisabledWithoutAnOriginAndThenVersion1Only) {
    fixture f;
    link_delivery d(config_for(""));
    EXPECT_FALSE(d.enabled());
    proto::handshake hello;
    d.announce(hello);
    EXPECT_TRUE(hello.features.empty());
    EXPECT_TRUE(d.send(message("x"), false, 0, opts, f.t0, f.log).empty());
    const auto out = d.send(message("y"), true, 3, opts, f.t0, f.log);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(std::get<proto::message>(decoded(out[0])).delivery, proto::delivery_stamp{});
    EXPECT_EQ(d.pending(), 0U);
}

TEST(LinkDeliveryUnit, OverflowDropsTheOldestAndLogsOnce) {
    fixture f;
    link_delivery d(config_for(us));
    for (int i = 1; i <= 6; ++i) {
        (void)d.send(message("m" + std::to_string(i)), false, 0, opts, f.t0, f.log);
    }
    EXPECT_EQ(d.pending(), 3U);
    EXPECT_EQ(d.dropped(), 3U);
    EXPECT_EQ(f.log.count("outbox is full"), 1U) << f.log.dump();
    // After the acknowledge and the first ack, the three newest go out, in order.
    (void)d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    const auto resent = d.on_ack(proto::ack{4, 0}, 5, opts, f.log);
    ASSERT_EQ(resent.size(), 3U);
    EXPECT_EQ(std::get<proto::message>(decoded(resent[0])).content, "m4");
    EXPECT_EQ(std::get<proto::message>(decoded(resent[2])).content, "m6");
    EXPECT_EQ(std::get<proto::message>(decoded(resent[0])).delivery.seq, 4);
}

TEST(LinkDeliveryUnit, PacketsOlderThanMaxAgeAreDroppedWhenPolled) {
    fixture f;
    link_delivery d(config_for(us));
    (void)d.send(message("old"), false, 0, opts, f.t0, f.log);
    (void)d.poll(f.t0 + 59s, f.log);
    EXPECT_EQ(d.pending(), 1U);
    (void)d.poll(f.t0 + 61s, f.log);
    EXPECT_EQ(d.pending(), 0U);
    EXPECT_EQ(d.dropped(), 1U);
}

TEST(LinkDeliveryUnit, ThePositionIsReportedOnlyAfterTheResumeAnswerAndOnlyForward) {
    fixture f;
    link_delivery d(config_for(us));
    (void)d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    const proto::delivery_stamp early{them, 1, 1, 7};
    EXPECT_EQ(d.filter(early, f.t0), link_delivery::incoming::apply);
    d.applied(early, f.events);
    EXPECT_TRUE(f.events.positions().empty()) << "no position before the resume answer";

    proto::resume answer;
    answer.epoch = epoch;
    answer.position = 7;
    answer.outcome = "fresh";
    d.on_resume(answer, f.events, f.log);
    ASSERT_EQ(f.events.positions().size(), 1U);
    EXPECT_EQ(f.events.positions()[0].second, 7U);
    const proto::delivery_stamp older{them, 1, 2, 6};
    EXPECT_EQ(d.filter(older, f.t0), link_delivery::incoming::drop);
    d.applied(older, f.events);
    const proto::delivery_stamp next{them, 1, 3, 8};
    EXPECT_EQ(d.filter(next, f.t0), link_delivery::incoming::apply);
    d.applied(next, f.events);
    EXPECT_EQ(f.events.positions().back().second, 8U);
    EXPECT_EQ(d.applied_position(), 8U);
}

TEST(LinkDeliveryUnit, TheFirstJoinTakesTheHubsPositionSoACutBeforeTheAnswerLosesNothing) {
    fixture f;
    link_delivery d(config_for(us));
    proto::acknowledge first = granting();
    first.position = 7;
    const auto out = d.on_acknowledge(first, 5, opts, f.t0, f.log);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(std::get<proto::resume>(decoded(out[0])), (proto::resume{epoch, 7, "", 0}));

    // Cut before the hub answered; meanwhile the others said positions 8 and 9. The next
    // connection asks for what came after 7, not for a fresh start at the newest.
    d.connection_closed();
    proto::acknowledge second = granting();
    second.position = 9;
    const auto again = d.on_acknowledge(second, 5, opts, f.t0, f.log);
    ASSERT_EQ(again.size(), 1U);
    EXPECT_EQ(std::get<proto::resume>(decoded(again[0])), (proto::resume{epoch, 7, "", 0}));
    EXPECT_TRUE(f.events.positions().empty()) << "reported only once the hub answers";
}

TEST(LinkDeliveryUnit, AnAcknowledgeWithoutAPositionAsksForAFreshStart) {
    fixture f;
    link_delivery d(config_for(us));
    const auto out = d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(std::get<proto::resume>(decoded(out[0])), (proto::resume{"", 0, "", 0}));
}

TEST(LinkDeliveryUnit, TrimmedAndEpochChangesAreLoggedAsLoss) {
    fixture f;
    delivery_config c = config_for(us);
    c.resume_epoch = epoch;
    c.resume_position = 3;
    link_delivery d(c);
    const auto out = d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    ASSERT_EQ(out.size(), 1U);
    const auto resume = std::get<proto::resume>(decoded(out[0]));
    EXPECT_EQ(resume.epoch, epoch);
    EXPECT_EQ(resume.position, 3);
    proto::resume trimmed;
    trimmed.epoch = epoch;
    trimmed.position = 10;
    trimmed.outcome = "trimmed";
    trimmed.lost = 6;
    d.on_resume(trimmed, f.events, f.log);
    EXPECT_TRUE(f.log.contains(csc::core::log_level::warn, "6 packet(s)")) << f.log.dump();
    proto::resume changed;
    changed.epoch = std::string(32, 'f');
    changed.outcome = "epoch_changed";
    d.on_resume(changed, f.events, f.log);
    EXPECT_TRUE(f.log.contains(csc::core::log_level::warn, "new one")) << f.log.dump();
    EXPECT_EQ(d.applied_epoch(), std::string(32, 'f'));
}

TEST(LinkDeliveryUnit, LivenessOnlyWhileGranted) {
    fixture f;
    link_delivery d(config_for(us));
    EXPECT_FALSE(d.deadline().has_value());
    EXPECT_EQ(d.poll(f.t0 + 1h, f.log), csc::delivery::liveness_action::none);
    (void)d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    ASSERT_TRUE(d.deadline().has_value());
    EXPECT_EQ(d.poll(f.t0 + 10s, f.log), csc::delivery::liveness_action::send_ping);
    d.on_sent(f.t0 + 10s);
    EXPECT_EQ(d.poll(f.t0 + 20s, f.log), csc::delivery::liveness_action::dead);
    d.connection_closed();
    EXPECT_FALSE(d.deadline().has_value());
}

TEST(LinkDeliveryUnit, WhenDrainedWaitsForTheLastAck) {
    fixture f;
    link_delivery d(config_for(us));
    (void)d.on_acknowledge(granting(), 5, opts, f.t0, f.log);
    (void)d.on_ack(proto::ack{4, 0}, 5, opts, f.log);
    (void)d.send(message("a"), true, 5, opts, f.t0, f.log);
    (void)d.send(message("b"), true, 5, opts, f.t0, f.log);
    int called = 0;
    d.when_drained([&] { ++called; });
    (void)d.on_ack(proto::ack{4, 1}, 5, opts, f.log);
    EXPECT_EQ(called, 0);
    (void)d.on_ack(proto::ack{4, 2}, 5, opts, f.log);
    EXPECT_EQ(called, 1);
    d.when_drained([&] { ++called; });
    EXPECT_EQ(called, 2) << "already empty: called at once";
}

} // namespace
