// Acknowledged delivery at the hub (docs/delivery.md), with raw test peers speaking the
// `delivery` extension: log before ack (the log survives the hub object), replay in order
// after a cut, duplicates dropped and acknowledged again, trimmed / epoch_changed /
// bad_position, ping/pong, silent links closed, batching, and original peers untouched.

#include "csc/hub/hub.hpp"
#include "csc/protocol/codec.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace csc::test {
namespace {

using protocol::ack;
using protocol::message;
using protocol::resume;

const std::string origin_x = "0000000000000000000000000000000a";
const std::string origin_y = "0000000000000000000000000000000b";
const std::string origin_z = "0000000000000000000000000000000c";

/// A folder under the system's temporary directory, removed with its content.
class temp_folder {
public:
    temp_folder() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("csc-hub-delivery-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~temp_folder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_folder(const temp_folder&) = delete;
    temp_folder& operator=(const temp_folder&) = delete;
    std::string file(const char* name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

class HubDelivery : public ::testing::Test {
protected:
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
        EXPECT_TRUE(wait([&] { return p->count<ack>() == 1 || p->closed(); })) << log_.dump();
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
    resume resume_from(test_peer& p, const std::string& epoch, std::int64_t position) {
        p.send(resume{epoch, position, "", 0});
        EXPECT_TRUE(wait([&] { return p.count<resume>() == 1; })) << log_.dump();
        return p.last<resume>().value_or(resume{});
    }

    static message chat(const std::string& origin, std::int64_t seq, std::int64_t session = 1) {
        message m{0, "alice", "line " + std::to_string(seq), false};
        m.delivery = {origin, session, seq, 0};
        return m;
    }

    /// The seqs of the messages `p` received, in order.
    static std::vector<std::int64_t> seqs(const test_peer& p) {
        std::vector<std::int64_t> out;
        for (const auto& m : p.all<message>()) {
            out.push_back(m.delivery.seq);
        }
        return out;
    }

    static std::vector<std::int64_t> positions(const test_peer& p) {
        std::vector<std::int64_t> out;
        for (const auto& m : p.all<message>()) {
            out.push_back(m.delivery.pos);
        }
        return out;
    }

    asio::io_context ctx_;
    recording_events events_;
    recording_logger log_;
    std::unique_ptr<hub::hub> hub_;
};

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
    temp_folder dir;
    auto c = base_config();
    c.log_file = dir.file("hub.sqlite3");
    start_hub(c);
    const std::string epoch = hub_->delivery_status().epoch;
    {
        auto x = delivery_peer("X", origin_x);
        resume_from(*x, "", 0);
        x->send(chat(origin_x, 1));
        x->send(chat(origin_x, 2));
        ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 2}; })) << log_.dump();
    }
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, "", 0);
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, "", 0);
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, "", 0);
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, "", 0);
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
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
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

TEST_F(HubDelivery, OneTurnOfReadsIsOneTransaction) {
    start_hub(base_config());
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
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

TEST_F(HubDelivery, AnUnusableLogFileFallsBackToMemoryWithAnError) {
    temp_folder dir;
    auto c = base_config();
    c.log_file = dir.file(""); // a folder, not a file
    start_hub(c);
    EXPECT_TRUE(log_.contains("keeping the log in memory")) << log_.dump();
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    x->send(chat(origin_x, 1));
    ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 1}; }));
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

namespace csc::test {
namespace {

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

} // namespace

TEST_F(HubDelivery, AReplayedPacketOfAnAbsentOriginCarriesItsServerInfo) {
    start_hub(base_config());
    auto watcher = original_peer("W");
    auto x = delivery_peer("X", origin_x);
    resume_from(*x, "", 0);
    auto y = delivery_peer("Y", origin_y);
    resume_from(*y, "", 0);
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
    temp_folder dir;
    auto c = base_config();
    c.log_file = dir.file("hub.sqlite3");
    start_hub(c);
    const std::string epoch = hub_->delivery_status().epoch;
    {
        auto x = delivery_peer("X", origin_x);
        resume_from(*x, "", 0);
        x->send(chat(origin_x, 1));
        x->send(chat(origin_x, 2));
        ASSERT_TRUE(wait([&] { return x->last<ack>() == ack{1, 2}; })) << log_.dump();
    }
    start_hub(c); // as after a SIGKILL: the file is all that is left; X has not reconnected
    auto y = delivery_peer("Y", origin_y);
    EXPECT_EQ(resume_from(*y, epoch, 0).outcome, "resumed");
    ASSERT_TRUE(wait([&] { return y->count<message>() == 2; })) << log_.dump();
    expect_shown_as_absent_x(*y);
}

} // namespace csc::test
