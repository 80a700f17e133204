// Acknowledged delivery at the hub (docs/delivery.md), the log and its answers, with raw test
// peers speaking the `delivery` extension: log before ack (the log survives the hub object),
// replay in order after a cut, duplicates dropped and acknowledged again, packets of another
// origin dropped, trimmed / epoch_changed / bad_position, batching.

#include "delivery_fixture.hpp"

#include "csc/protocol/codec.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace csc::test {
namespace {

using protocol::ack;
using protocol::message;
using protocol::resume;

TEST_F(HubDelivery, GrantsDeliveryWithTheEpochAndAcksWhatItHolds) {
    start_hub(base_config());
    auto x = delivery_peer("X", origin_x);
    const auto a = x->last<protocol::acknowledge>().value();
    EXPECT_NE(std::find(a.features.begin(), a.features.end(), "delivery"), a.features.end());
    EXPECT_EQ(a.epoch, hub_->delivery_status().epoch);
    EXPECT_EQ(a.position, 0) << "an empty log";
    EXPECT_EQ(x->last<ack>(), (ack{1, 0}));
    const resume r = resume_from(*x, "", 0);
    EXPECT_EQ(r.outcome, "fresh");
    EXPECT_EQ(r.epoch, hub_->delivery_status().epoch);
}

TEST_F(HubDelivery, AckedPacketsAreInTheLogAndReplayedByTheNextHubOnTheSameFile) {
    temp_dir dir;
    const auto c = file_config(dir);
    ASSERT_NO_FATAL_FAILURE(log_two_from_x(c));
    const std::string epoch = hub_->delivery_status().epoch;
    // The ack came: the packets are in the file. A new hub object on it has them.
    start_hub(c);
    EXPECT_EQ(hub_->delivery_status().epoch, epoch);
    auto y = delivery_peer("Y", origin_y);
    const resume r = resume_from(*y, epoch, 0);
    EXPECT_EQ(r.outcome, "resumed");
    ASSERT_TRUE(wait([&] { return y->count<message>() == 2; })) << log_.dump();
    EXPECT_EQ(seqs(*y), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(positions(*y), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(y->last<message>()->delivery.origin, origin_x);
    EXPECT_EQ(y->last<message>()->content, "line 2");
    // X comes back with the same session: the hub tells it what it holds.
    auto x2 = delivery_peer("X", origin_x);
    EXPECT_EQ(x2->last<ack>(), (ack{1, 2}));
    // And what X resends is not logged twice.
    x2->send(chat(origin_x, 2));
    x2->send(chat(origin_x, 3));
    ASSERT_TRUE(wait([&] { return x2->last<ack>() == ack{1, 3}; })) << log_.dump();
    ASSERT_TRUE(wait([&] { return y->count<message>() == 3; })) << log_.dump();
    EXPECT_EQ(seqs(*y), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(hub_->delivery_status().duplicates, 1U);
}

TEST_F(HubDelivery, ALinkThatComesBackGetsWhatItMissedInOrderThenLive) {
    start_hub(base_config());
    auto x = fresh_peer("X", origin_x);
    auto y = fresh_peer("Y", origin_y);
    for (int seq = 1; seq <= 3; ++seq) {
        x->send(chat(origin_x, seq));
    }
    ASSERT_TRUE(wait([&] { return y->count<message>() == 3; }));
    EXPECT_EQ(positions(*y), (std::vector<std::int64_t>{1, 2, 3}));
    y->close();
    for (int seq = 4; seq <= 6; ++seq) {
        x->send(chat(origin_x, seq));
    }
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 6}; }));

    auto y2 = delivery_peer("Y", origin_y);
    EXPECT_EQ(y2->last<protocol::acknowledge>().value().position, 6) << "the log's last position";
    const resume r = resume_from(*y2, hub_->delivery_status().epoch, 3);
    EXPECT_EQ(r.outcome, "resumed");
    EXPECT_EQ(r.position, 3);
    ASSERT_TRUE(wait([&] { return y2->count<message>() == 3; }));
    x->send(chat(origin_x, 7));
    ASSERT_TRUE(wait([&] { return y2->count<message>() == 4; }));
    EXPECT_EQ(seqs(*y2), (std::vector<std::int64_t>{4, 5, 6, 7}));
    EXPECT_EQ(positions(*y2), (std::vector<std::int64_t>{4, 5, 6, 7}));
    EXPECT_EQ(x->count<message>(), 0U) << "never its own packets back";
}

TEST_F(HubDelivery, DuplicatesAreAckedAgainAndNotRelayed) {
    start_hub(base_config());
    auto x = fresh_peer("X", origin_x);
    auto y = fresh_peer("Y", origin_y);
    x->send(chat(origin_x, 1));
    x->send(chat(origin_x, 2));
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 2} && y->count<message>() == 2; }));
    const auto acks_before = x->count<ack>();
    x->send(chat(origin_x, 2));
    x->send(chat(origin_x, 1));
    ASSERT_TRUE(wait([&] { return x->count<ack>() > acks_before; }));
    EXPECT_EQ(x->last<ack>(), (ack{1, 2}));
    x->send(chat(origin_x, 3)); // a barrier: relayed after the duplicates were handled
    ASSERT_TRUE(wait([&] { return y->count<message>() == 3; }));
    EXPECT_EQ(seqs(*y), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(hub_->delivery_status().duplicates, 2U);
    EXPECT_EQ(hub_->delivery_status().records, 3U);
}

TEST_F(HubDelivery, APacketOfAnotherOriginIsDropped) {
    start_hub(base_config());
    auto x = fresh_peer("X", origin_x);
    auto y = fresh_peer("Y", origin_y);
    x->send(chat(origin_z, 1));    // speaks as another server
    x->send(chat(origin_x, 1, 2)); // another session than its handshake's
    x->send(chat(origin_x, 1));
    ASSERT_TRUE(wait([&] { return y->count<message>() == 1; }));
    EXPECT_EQ(y->last<message>()->delivery.origin, origin_x);
    EXPECT_EQ(hub_->delivery_status().records, 1U);
    EXPECT_TRUE(log_.contains("another origin or session")) << log_.dump();
}

TEST_F(HubDelivery, TrimmedEpochChangedAndBadPositionAreSaid) {
    auto c = base_config();
    c.retention.max_count = 2;
    start_hub(c);
    auto x = fresh_peer("X", origin_x);
    for (int seq = 1; seq <= 5; ++seq) {
        x->send(chat(origin_x, seq));
    }
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 5}; }));

    auto y = delivery_peer("Y", origin_y);
    const resume trimmed = resume_from(*y, hub_->delivery_status().epoch, 1);
    EXPECT_EQ(trimmed.outcome, "trimmed");
    EXPECT_EQ(trimmed.lost, 2); // 2 and 3 are gone; 4 and 5 follow
    ASSERT_TRUE(wait([&] { return y->count<message>() == 2; }));
    EXPECT_EQ(positions(*y), (std::vector<std::int64_t>{4, 5}));

    auto z = delivery_peer("Z", origin_z);
    const resume changed = resume_from(*z, "ffffffffffffffffffffffffffffffff", 3);
    EXPECT_EQ(changed.outcome, "epoch_changed");
    EXPECT_EQ(changed.epoch, hub_->delivery_status().epoch);
    ASSERT_TRUE(wait([&] { return z->count<message>() == 2; }));
    EXPECT_EQ(positions(*z), (std::vector<std::int64_t>{4, 5}));

    auto w = delivery_peer("W", "0000000000000000000000000000000d");
    const resume bad = resume_from(*w, hub_->delivery_status().epoch, 99);
    EXPECT_EQ(bad.outcome, "bad_position");
    EXPECT_EQ(bad.position, 5);
    x->send(chat(origin_x, 6));
    ASSERT_TRUE(wait([&] { return w->count<message>() == 1; }));
    EXPECT_EQ(w->last<message>()->delivery.pos, 6) << "live from the log's end";
}

TEST_F(HubDelivery, OneTurnOfReadsIsOneTransaction) {
    start_hub(base_config());
    auto x = fresh_peer("X", origin_x);
    std::string burst;
    constexpr int count = 300;
    for (int seq = 1; seq <= count; ++seq) {
        protocol::encode_to(burst, chat(origin_x, seq));
    }
    x->send_raw(std::move(burst));
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, count}; })) << log_.dump();
    const auto counters = hub_->delivery_status();
    EXPECT_EQ(counters.records, static_cast<std::uint64_t>(count));
    EXPECT_GE(counters.largest_batch, 64U) << counters.appends << " transactions";
    EXPECT_LT(x->count<ack>(), static_cast<std::size_t>(count) / 8) << "one ack per batch";
}

} // namespace
} // namespace csc::test
