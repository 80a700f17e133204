#include "csc/link/link_state.hpp"

#include "csc/protocol/codec.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::link::link_state;
using csc::link::verdict;
using csc::test::event_kind;
namespace proto = csc::protocol;

proto::server_info info(const std::string& name) { return {name, "00aaff", "[" + name + "]"}; }

/// An acknowledge as our hub (and an original host) sends it: others first, the host last.
proto::acknowledge sample_ack() {
    proto::acknowledge a;
    a.id = 3;
    a.host_id = 0;
    a.player_count = 7;
    a.connections = {{1, info("one")}, {2, info("two")}, {0, info("host")}};
    return a;
}

struct fixture {
    csc::test::recording_events events;
    csc::test::recording_logger log{false};
    link_state state{events, log};

    verdict feed(const proto::packet& p) { return state.on_frame(proto::encode(p)); }
    std::vector<proto::identifier> ids() const {
        std::vector<proto::identifier> out;
        for (const auto& s : state.servers().list()) {
            out.push_back(s.id);
        }
        return out;
    }
};

TEST(LinkState, AcknowledgeFillsDirectoryInOrder) {
    fixture f;
    EXPECT_EQ(f.feed(sample_ack()), verdict::keep);
    EXPECT_TRUE(f.state.acknowledged());
    EXPECT_EQ(f.state.own_id(), 3);
    EXPECT_EQ(f.state.host_id(), 0);
    EXPECT_EQ(f.ids(), (std::vector<proto::identifier>{1, 2, 0}));
    auto joined = f.events.last(event_kind::network_joined);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined->server.info.name, "host");
    EXPECT_EQ(joined->player_count, 7);
}

TEST(LinkState, AcknowledgeNeverListsOurselves) {
    fixture f;
    auto ack = sample_ack();
    ack.connections.insert(ack.connections.begin() + 1, {3, info("me")});
    f.feed(ack);
    EXPECT_EQ(f.ids(), (std::vector<proto::identifier>{1, 2, 0}));
}

TEST(LinkState, MissingHostEntryIsAddedWithEmptyInfo) {
    fixture f;
    auto ack = sample_ack();
    ack.connections.pop_back();
    f.feed(ack);
    ASSERT_NE(f.state.servers().find(0), nullptr);
    EXPECT_EQ(f.state.servers().find(0)->info, proto::server_info{});
    EXPECT_TRUE(f.log.contains(csc::core::log_level::warn, "does not list the hub"));
    EXPECT_EQ(f.events.count(event_kind::network_joined), 1U);
}

TEST(LinkState, FirstPacketMustBeAcknowledge) {
    fixture f;
    EXPECT_EQ(f.feed(proto::join{1, "alice"}), verdict::close);
    EXPECT_FALSE(f.state.acknowledged());
    EXPECT_TRUE(f.events.events().empty());
}

TEST(LinkState, InvalidFirstFrameCloses) {
    fixture f;
    EXPECT_EQ(f.state.on_frame(R"({"type":"acknowledge","identifier":"x"})"), verdict::close);
    EXPECT_EQ(f.state.on_frame(R"({"type":"nope"})"), verdict::close);
}

TEST(LinkState, SecondAcknowledgeCloses) {
    fixture f;
    f.feed(sample_ack());
    EXPECT_EQ(f.feed(sample_ack()), verdict::close);
    EXPECT_EQ(f.events.count(event_kind::network_joined), 1U);
}

TEST(LinkState, AcknowledgeGivingTheHostIdentifierCloses) {
    fixture f;
    auto ack = sample_ack();
    ack.id = 0;
    EXPECT_EQ(f.feed(ack), verdict::close);
    EXPECT_FALSE(f.state.acknowledged());
}

TEST(LinkState, ConnectionAndDisconnectKeepDirectoryCurrent) {
    fixture f;
    f.feed(sample_ack());
    f.feed(proto::connection{4, info("four"), 12});
    EXPECT_EQ(f.ids(), (std::vector<proto::identifier>{1, 2, 0, 4}));
    auto connected = f.events.last(event_kind::server_connected);
    ASSERT_TRUE(connected);
    EXPECT_EQ(connected->server.info.name, "four");
    EXPECT_EQ(connected->player_count, 12);

    f.feed(proto::disconnect{2});
    EXPECT_EQ(f.ids(), (std::vector<proto::identifier>{1, 0, 4}));
    auto gone = f.events.last(event_kind::server_disconnected);
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->server.info.name, "two");
}

TEST(LinkState, UnknownIdentifiersAreIgnored) {
    fixture f;
    f.feed(sample_ack());
    f.events.clear();
    EXPECT_EQ(f.feed(proto::join{9, "ghost"}), verdict::keep);
    EXPECT_EQ(f.feed(proto::leave{9, "ghost"}), verdict::keep);
    EXPECT_EQ(f.feed(proto::message{9, "ghost", "boo", false}), verdict::keep);
    EXPECT_EQ(f.feed(proto::disconnect{9}), verdict::keep);
    EXPECT_EQ(f.feed(proto::message{3, "me", "echo", false}), verdict::keep); // our own
    EXPECT_EQ(f.feed(proto::connection{3, info("me"), 0}), verdict::keep);
    EXPECT_TRUE(f.events.events().empty());
    EXPECT_EQ(f.state.servers().size(), 3U);
}

TEST(LinkState, UnknownIdentifierWithInlineServerInfoIsShownAsThatServer) {
    fixture f;
    f.feed(sample_ack());
    f.events.clear();
    const proto::delivery_stamp away{"0123456789abcdef0123456789abcdef", 1, 1, 5, info("gone")};
    proto::join j{9, "ghost"};
    j.delivery = away;
    proto::leave l{9, "ghost"};
    l.delivery = away;
    proto::message m{9, "ghost", "<b>still here</>", true};
    m.delivery = away;
    EXPECT_EQ(f.feed(j), verdict::keep);
    EXPECT_EQ(f.feed(m), verdict::keep);
    EXPECT_EQ(f.feed(l), verdict::keep);
    auto joined = f.events.last(event_kind::player_joined);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined->server.info, info("gone"));
    EXPECT_EQ(joined->server.id, 9);
    auto chat = f.events.last(event_kind::message);
    ASSERT_TRUE(chat);
    EXPECT_EQ(chat->server.info, info("gone"));
    EXPECT_EQ(chat->content, "<b>still here</>");
    EXPECT_TRUE(chat->sanitized);
    ASSERT_TRUE(f.events.last(event_kind::player_left));
    EXPECT_EQ(f.events.last(event_kind::player_left)->server.info, info("gone"));
    EXPECT_EQ(f.state.servers().size(), 3U) << "not added to the directory";
    // A known identifier wins over inline info (the hub only sends it for absent origins).
    m.id = 1;
    f.feed(m);
    EXPECT_EQ(f.events.last(event_kind::message)->server.info, info("one"));
}

TEST(LinkState, PlayerEventsNameTheServer) {
    fixture f;
    f.feed(sample_ack());
    f.feed(proto::join{1, "alice"});
    f.feed(proto::leave{2, "bob"});
    f.feed(proto::message{0, "carol", "<b>hi</>", true});
    f.feed(proto::message{1, "alice", "plain", false});
    auto joined = f.events.last(event_kind::player_joined);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined->server.info.name, "one");
    EXPECT_EQ(joined->username, "alice");
    auto left = f.events.last(event_kind::player_left);
    ASSERT_TRUE(left);
    EXPECT_EQ(left->server.info.name, "two");
    auto messages = f.events.of(event_kind::message);
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0].server.info.name, "host");
    EXPECT_EQ(messages[0].content, "<b>hi</>");
    EXPECT_TRUE(messages[0].sanitized);
    EXPECT_FALSE(messages[1].sanitized);
}

TEST(LinkState, BadPacketsAfterAcknowledgeAreDropped) {
    fixture f;
    f.feed(sample_ack());
    const std::vector<std::string> bad = {
        R"({"type":"join","identifier":1})",
        R"({"type":"message","identifier":-1,"username":"a","content":"b"})",
        R"({"type":"teleport","identifier":1})",
        R"({"identifier":1})",
        R"([1,2,3])",
        R"({"type":"join","identifier":1,"username":"a")",
    };
    for (const auto& frame : bad) {
        EXPECT_EQ(f.state.on_frame(frame), verdict::keep) << frame;
    }
    EXPECT_EQ(f.events.count(event_kind::player_joined), 0U);
    EXPECT_TRUE(f.state.acknowledged());
}

TEST(LinkState, HandshakeFromTheHubIsIgnored) {
    fixture f;
    f.feed(sample_ack());
    EXPECT_EQ(f.feed(proto::handshake{}), verdict::keep);
}

TEST(LinkState, ConnectionClosedClearsAndReportsLeft) {
    fixture f;
    f.feed(sample_ack());
    f.state.connection_closed();
    EXPECT_FALSE(f.state.acknowledged());
    EXPECT_EQ(f.state.servers().size(), 0U);
    EXPECT_EQ(f.events.count(event_kind::network_left), 1U);
}

TEST(LinkState, SilencedStateReportsNothing) {
    fixture f;
    f.state.silence();
    f.feed(sample_ack());
    f.feed(proto::join{1, "alice"});
    f.state.connection_closed();
    EXPECT_TRUE(f.events.events().empty());
    EXPECT_TRUE(f.log.lines().empty());
}

} // namespace
