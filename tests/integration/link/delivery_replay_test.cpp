// The link's side of acknowledged delivery against a fake host that speaks the extension by
// hand, what the link receives: resume with the last applied position, replays and
// duplicates shown once, our own packets not shown, and lines of servers that left or were
// never seen shown under the name they had.

#include "delivery_fixture.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csc::link_test {
namespace {

using core::log_level;
using test::event_kind;
namespace proto = protocol;

TEST(LinkDelivery, ResumeCarriesTheLastAppliedPositionAndReplaysAreShownOnce) {
    fake_host_fixture f;
    link_under_test link(f.ctx, delivery_config(f));
    auto* first = live(f, link);
    ASSERT_NE(first, nullptr);
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

} // namespace
} // namespace csc::link_test
