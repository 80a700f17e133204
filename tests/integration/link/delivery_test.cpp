// The link's side of acknowledged delivery against a fake host that speaks the extension
// by hand: announce, outbox and resend after the first ack, resume with the last applied
// position, duplicates dropped, ping/pong, a silent hub closed, version 1 toward a host
// without `delivery`.

#include "link_fixture.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using csc::core::log_level;
using csc::link_test::fake_host_fixture;
using csc::link_test::info;
using csc::link_test::link_under_test;
using csc::link_test::make_ack;
using csc::link_test::make_config;
using csc::test::event_kind;
namespace proto = csc::protocol;

const std::string our_origin(32, 'a');
const std::string beta_origin(32, 'b');
const std::string epoch_one(32, 'e');

csc::link::client_config delivery_config(const fake_host_fixture& f, std::uint64_t session = 1) {
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.delivery.origin = our_origin;
    config.delivery.session = session;
    return config;
}

/// An acknowledge granting `delivery` on log `epoch`, with beta (2) known.
proto::acknowledge granting_ack(proto::identifier id, const std::string& epoch = epoch_one) {
    proto::acknowledge a = make_ack(id, {{2, info("beta")}});
    a.features = {"sanitized", "delivery"};
    a.epoch = epoch;
    return a;
}

proto::message beta_message(const std::string& text, std::int64_t seq, std::int64_t pos,
                            const std::string& origin = beta_origin) {
    proto::message m;
    m.id = 2;
    m.username = "bob";
    m.content = text;
    m.sanitized = true;
    m.delivery = {origin, 1, seq, pos};
    return m;
}

proto::resume resume_answer(std::int64_t position, const std::string& outcome) {
    proto::resume r;
    r.epoch = epoch_one;
    r.position = position;
    r.outcome = outcome;
    return r;
}

/// Starts `link` and waits for its first handshake; nullptr when none came.
csc::test::test_peer* started(fake_host_fixture& f, link_under_test& link) {
    link.client.start();
    return f.wait_handshake(0);
}

/// started(), then the host grants `delivery`, holds nothing of ours (ack 0) and answers
/// the link's resume with a fresh start: the link is live.
csc::test::test_peer* live(fake_host_fixture& f, link_under_test& link) {
    auto* host = started(f, link);
    if (host != nullptr) {
        host->send(granting_ack(1));
        host->send(proto::ack{1, 0});
        host->send(resume_answer(0, "fresh"));
    }
    return host;
}

std::vector<std::string> contents(const std::vector<proto::message>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) {
        out.push_back(m.content);
    }
    return out;
}

std::vector<std::string> shown(const csc::test::recording_events& events) {
    std::vector<std::string> out;
    for (const auto& e : events.of(event_kind::message)) {
        out.push_back(e.content);
    }
    return out;
}

TEST(LinkDelivery, TheHandshakeAnnouncesDeliveryWithOriginAndSession) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f, 7));
    auto* host = started(f, link);
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
    link->client.start();
    auto* host = f.wait_handshake(0);
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
    auto* host = started(f, link);
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
    link.client.start();
    auto* first = f.wait_handshake(0);
    ASSERT_NE(first, nullptr);
    first->send(granting_ack(1));
    first->send(proto::ack{1, 0});
    ASSERT_TRUE(f.wait([&] { return first->count<proto::resume>() == 1; }));
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

TEST(LinkDelivery, ResumeCarriesTheLastAppliedPositionAndReplaysAreShownOnce) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    link.client.start();
    auto* first = f.wait_handshake(0);
    ASSERT_NE(first, nullptr);
    first->send(granting_ack(1));
    first->send(proto::ack{1, 0});
    first->send(resume_answer(0, "fresh"));
    first->send(beta_message("b1", 1, 1));
    first->send(beta_message("b2", 2, 2));
    ASSERT_TRUE(f.wait([&] { return link.events.count(event_kind::message) == 2; }))
        << link.log.dump();
    EXPECT_EQ(link.client.delivery_status().position, 2U);
    EXPECT_EQ(link.client.delivery_status().epoch, epoch_one);
    ASSERT_FALSE(link.events.positions().empty());
    EXPECT_EQ(link.events.positions().back(),
              (std::pair<std::string, std::uint64_t>{epoch_one, 2}));
    first->close();

    auto* second = f.wait_handshake(1);
    ASSERT_NE(second, nullptr);
    second->send(granting_ack(1));
    ASSERT_TRUE(f.wait([&] { return second->count<proto::resume>() == 1; }));
    const auto resume = *second->last<proto::resume>();
    EXPECT_EQ(resume.epoch, epoch_one);
    EXPECT_EQ(resume.position, 2);
    // A careless replay from position 2: b2 again, then b3.
    second->send(proto::ack{1, 0});
    second->send(resume_answer(1, "resumed"));
    second->send(beta_message("b2", 2, 2));
    second->send(beta_message("b3", 3, 3));
    ASSERT_TRUE(f.wait([&] { return link.events.count(event_kind::message) == 3; }));
    ASSERT_TRUE(f.wait([&] { return link.client.delivery_status().position == 3U; }));
    EXPECT_EQ(shown(link.events), (std::vector<std::string>{"b1", "b2", "b3"}));
    EXPECT_GE(link.client.delivery_status().duplicates, 1U);
}

TEST(LinkDelivery, DuplicatesByIdAndOurOwnPacketsAreNotShownButAdvanceThePosition) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = live(f, link);
    ASSERT_NE(host, nullptr);
    host->send(beta_message("b1", 1, 1));
    host->send(beta_message("b1 again", 1, 2)); // same (origin, session, seq), new position
    host->send(beta_message("ours", 1, 3, our_origin));
    host->send(beta_message("b2", 2, 4));
    ASSERT_TRUE(f.wait([&] { return link.client.delivery_status().position == 4U; }))
        << link.log.dump();
    EXPECT_EQ(shown(link.events), (std::vector<std::string>{"b1", "b2"}));
    EXPECT_EQ(link.events.of(event_kind::message)[0].server.info.name, "beta");
}

TEST(LinkDelivery, AReplayFromAServerThatLeftIsShownUnderTheNameItHad) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = live(f, link);
    ASSERT_NE(host, nullptr);
    host->send(beta_message("live", 1, 1));
    host->send(proto::disconnect{2});
    host->send(beta_message("late", 2, 2)); // replayed after beta left
    ASSERT_TRUE(f.wait([&] { return link.events.count(event_kind::message) == 2; }))
        << link.log.dump();
    EXPECT_EQ(link.events.of(event_kind::message)[1].server.info.name, "beta");
}

TEST(LinkDelivery, AReplayWithInlineServerInfoFromAnOriginNeverSeenIsShownAsThatServer) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = live(f, link);
    ASSERT_NE(host, nullptr);
    const std::string gamma_origin(32, 'c');
    auto gone = beta_message("from gamma", 1, 1, gamma_origin);
    gone.id = 7; // names no server this link knows
    gone.delivery.server = proto::server_info{"gamma", "aa00ff", "[g]"};
    host->send(gone);
    auto bare = beta_message("no info", 2, 2, gamma_origin);
    bare.id = 8;
    host->send(bare);
    host->send(beta_message("b1", 1, 3));
    ASSERT_TRUE(f.wait([&] { return link.client.delivery_status().position == 3U; }))
        << link.log.dump();
    EXPECT_EQ(shown(link.events), (std::vector<std::string>{"from gamma", "b1"}));
    const auto first = link.events.of(event_kind::message)[0];
    EXPECT_EQ(first.server.info, (proto::server_info{"gamma", "aa00ff", "[g]"}));
    EXPECT_EQ(first.server.id, 7);
    EXPECT_TRUE(link.log.contains(log_level::warn, "unknown server 8")) << link.log.dump();
}

TEST(LinkDelivery, PingsAreAnsweredWithPong) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = started(f, link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1));
    host->send(proto::ping{});
    host->send(proto::ping{});
    ASSERT_TRUE(f.wait([&] { return host->count<proto::pong>() == 2; })) << link.log.dump();
}

TEST(LinkDelivery, AHubThatAcceptsButNeverAnswersPingsIsClosedAndRetried) {
    fake_host_fixture f;
    auto config = delivery_config(f);
    config.delivery.liveness.interval = 50ms;
    config.delivery.liveness.dead_after = 2;
    link_under_test link(f.ctx, config);
    auto* host = started(f, link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1)); // then silence: a half-open connection, as far as we can tell
    ASSERT_TRUE(f.wait([&] { return host->count<proto::ping>() >= 1; })) << link.log.dump();
    ASSERT_TRUE(f.wait([&] { return host->closed(); })) << link.log.dump();
    EXPECT_EQ(link.count_log(log_level::warn, "has not answered"), 1U) << link.log.dump();
    EXPECT_EQ(link.events.count(event_kind::network_left), 1U);
    ASSERT_NE(f.wait_handshake(1), nullptr) << "reconnects after closing a dead link";
}

TEST(LinkDelivery, AnAnsweringHubIsNotClosed) {
    fake_host_fixture f;
    auto config = delivery_config(f);
    config.delivery.liveness.interval = 50ms;
    link_under_test link(f.ctx, config);
    auto* host = started(f, link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1));
    // Answer five pings: that spans more than dead_after intervals of our own silence.
    std::size_t answered = 0;
    while (answered < 5) {
        ASSERT_TRUE(f.wait([&] { return host->count<proto::ping>() > answered; }))
            << link.log.dump();
        host->send(proto::pong{});
        ++answered;
    }
    EXPECT_FALSE(host->closed());
    EXPECT_EQ(link.count_log(log_level::warn, "has not answered"), 0U);
}

TEST(LinkDelivery, AHostWithoutDeliveryGetsKeptPacketsOnceAsVersion1) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = started(f, link);
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

TEST(LinkDelivery, AnAckForASeqNeverSentChangesNothing) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* host = started(f, link);
    ASSERT_NE(host, nullptr);
    host->send(granting_ack(1));
    host->send(proto::ack{1, 0});
    ASSERT_TRUE(f.wait([&] { return host->count<proto::resume>() == 1; }));
    link.client.send_message("ann", "one", true);
    ASSERT_TRUE(f.wait([&] { return host->count<proto::message>() == 1; }));
    host->send(proto::ack{1, 99});
    host->send(proto::ack{2, 1}); // another session's
    ASSERT_TRUE(f.wait([&] { return link.count_log(log_level::warn, "never sent") == 1; }))
        << link.log.dump();
    EXPECT_EQ(link.client.pending_outbox(), 1U);
    EXPECT_FALSE(host->closed());
}

TEST(LinkBackoff, TheFirstRetryComesWithinASecondWhateverTheInterval) {
    asio::io_context ctx{1};
    auto config = make_config(csc::link_test::free_port(ctx), "alpha");
    config.reconnect_interval = 60s;
    link_under_test link(ctx, config);
    link.client.start();
    ASSERT_TRUE(csc::test::run_until(ctx, [&] { return !link.client.retry_delays().empty(); }));
    EXPECT_LE(link.client.retry_delays()[0], 1000ms);
}

TEST(LinkBackoff, WaitsGrowWhileTheHubIsDownUpToTheInterval) {
    asio::io_context ctx{1};
    auto config = make_config(csc::link_test::free_port(ctx), "alpha");
    config.reconnect_interval = 2s;
    // 1001 * 2001 - 1 is the top of [0, 1000] and of [0, 2000]: each wait is its bound.
    config.backoff_random = [] { return std::uint64_t{1001} * 2001 - 1; };
    link_under_test link(ctx, config);
    link.client.start();
    ASSERT_TRUE(csc::test::run_until(ctx, [&] { return link.client.retry_delays().size() >= 3; }))
        << link.log.dump();
    const auto& delays = link.client.retry_delays();
    EXPECT_EQ(std::vector(delays.begin(), delays.begin() + 3),
              (std::vector<std::chrono::milliseconds>{1000ms, 2000ms, 2000ms}));
    link.client.stop();
}

TEST(LinkBackoff, AGoodHandshakeStartsTheWaitsAgainFromASecond) {
    fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.reconnect_interval = 60s;
    // 1001 * 2001 - 1 is the top of [0, 1000] and of [0, 2000]: each wait is its bound, so a
    // backoff that was not reset would wait 2000 ms after the second cut.
    config.backoff_random = [] { return std::uint64_t{1001} * 2001 - 1; };
    link_under_test link(f.ctx, config);
    link.client.start();
    for (std::size_t i = 0; i < 2; ++i) {
        auto* host = f.wait_handshake(i);
        ASSERT_NE(host, nullptr) << link.log.dump();
        host->send(make_ack(1, {}));
        ASSERT_TRUE(f.wait([&] { return link.client.connected(); }));
        host->close();
        ASSERT_TRUE(f.wait([&] { return link.client.retry_delays().size() == i + 1; }));
    }
    EXPECT_EQ(link.client.retry_delays(), (std::vector<std::chrono::milliseconds>{1000ms, 1000ms}));
}

} // namespace
