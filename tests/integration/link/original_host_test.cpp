// The link against a raw peer playing the host, notably an ORIGINAL JavaScript host:
// packets written back to back with no separator, split anywhere by TCP.

#include "link_fixture.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

namespace {

using csc::core::log_level;
using csc::link_test::fake_host_fixture;
using csc::link_test::info;
using csc::link_test::make_ack;
using csc::link_test::original_bytes;
using csc::test::event_kind;
namespace proto = csc::protocol;

std::vector<proto::identifier> ids(const csc::core::server_directory& d) {
    std::vector<proto::identifier> out;
    for (const auto& s : d.list()) {
        out.push_back(s.id);
    }
    return out;
}

TEST(LinkOriginalHost, HandshakeIsVersionOneWithFeaturesAndPlayerCount) {
    fake_host_fixture f;
    auto link = f.make_link("alpha");
    link->client.set_player_count(5);
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr) << link->log.dump();
    auto hello = host->last<proto::handshake>();
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->version, 1);
    EXPECT_EQ(hello->info, info("alpha"));
    EXPECT_EQ(hello->player_count, 5);
    EXPECT_EQ(hello->features, (std::vector<std::string>{"sanitized", "players"}));
    EXPECT_FALSE(link->client.connected());
    link->client.stop();
}

class LinkOriginalHostChunks : public ::testing::TestWithParam<unsigned> {};

TEST_P(LinkOriginalHostChunks, BackToBackPacketsInRandomChunksAreUnderstood) {
    fake_host_fixture f;
    auto link = f.make_link("alpha");
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr) << link->log.dump();

    std::string bytes = original_bytes(make_ack(2, {{1, info("one")}}, 4));
    bytes += original_bytes(proto::connection{3, info("three"), 9});
    bytes += original_bytes(proto::join{1, "alice"});
    bytes += original_bytes(proto::message{0, "host{}\"player", "a } { \" \\ b", false});
    bytes += original_bytes(proto::leave{3, "bob"});
    bytes += original_bytes(proto::disconnect{1});
    f.send_in_chunks(*host, bytes, GetParam());
    ASSERT_TRUE(f.wait([&] { return link->events.count(event_kind::server_disconnected) == 1; }))
        << link->log.dump();

    EXPECT_TRUE(link->client.connected());
    EXPECT_EQ(link->client.own_id(), 2);
    EXPECT_EQ(link->client.host_id(), 0);
    const std::vector<event_kind> expected = {
        event_kind::network_joined, event_kind::server_connected, event_kind::player_joined,
        event_kind::message,        event_kind::player_left,      event_kind::server_disconnected,
    };
    std::vector<event_kind> kinds;
    for (const auto& e : link->events.events()) {
        kinds.push_back(e.kind);
    }
    EXPECT_EQ(kinds, expected);
    EXPECT_EQ(link->events.events()[0].player_count, 4);
    auto message = link->events.last(event_kind::message);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->server.info.name, "host");
    EXPECT_EQ(message->username, "host{}\"player");
    EXPECT_EQ(message->content, "a } { \" \\ b");
    EXPECT_FALSE(message->sanitized);
    EXPECT_EQ(ids(link->client.servers()), (std::vector<proto::identifier>{0, 3}));
    link->client.stop();
}

INSTANTIATE_TEST_SUITE_P(Seeds, LinkOriginalHostChunks, ::testing::Values(1U, 7U, 2024U));

TEST(LinkOriginalHost, NonAcknowledgeFirstPacketCloses) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    host->send_raw(original_bytes(proto::join{0, "early"}));
    ASSERT_TRUE(f.wait([&] { return host->closed(); }));
    EXPECT_FALSE(link->client.connected());
    EXPECT_EQ(link->events.count(event_kind::player_joined), 0U);
    EXPECT_EQ(link->events.count(event_kind::network_left), 1U);
    EXPECT_TRUE(link->log.contains(log_level::warn, "before acknowledging"));
    link->client.stop();
}

TEST(LinkOriginalHost, SecondAcknowledgeCloses) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.join_original(*link);
    ASSERT_NE(host, nullptr);
    host->send_raw(original_bytes(make_ack(1, {})));
    ASSERT_TRUE(f.wait([&] { return host->closed(); }));
    EXPECT_FALSE(link->client.connected());
    EXPECT_EQ(link->events.count(event_kind::network_joined), 1U);
    EXPECT_EQ(link->events.count(event_kind::network_left), 1U);
    link->client.stop();
}

TEST(LinkOriginalHost, UnknownIdentifiersAreIgnored) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    std::string bytes = original_bytes(make_ack(4, {{2, info("two")}}));
    bytes += original_bytes(proto::join{9, "ghost"});
    bytes += original_bytes(proto::message{9, "ghost", "boo", false});
    bytes += original_bytes(proto::leave{9, "ghost"});
    bytes += original_bytes(proto::message{4, "me", "echo of ourselves", false});
    // An original host announces a stray connection's close with an identifier never announced.
    bytes += original_bytes(proto::disconnect{77});
    bytes += original_bytes(proto::join{2, "alive"});
    host->send_raw(bytes);
    ASSERT_TRUE(f.wait([&] { return link->events.count(event_kind::player_joined) == 1; }));
    EXPECT_EQ(link->events.last(event_kind::player_joined)->username, "alive");
    EXPECT_EQ(link->events.count(event_kind::message), 0U);
    EXPECT_EQ(link->events.count(event_kind::player_left), 0U);
    EXPECT_EQ(link->events.count(event_kind::server_disconnected), 0U);
    EXPECT_TRUE(link->client.connected());
    EXPECT_FALSE(host->closed());
    EXPECT_EQ(ids(link->client.servers()), (std::vector<proto::identifier>{2, 0}));
    link->client.stop();
}

TEST(LinkOriginalHost, InvalidPacketsAfterAcknowledgeAreDropped) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    std::string bytes = original_bytes(make_ack(1, {}));
    bytes += R"({"type":"join","identifier":"zero","username":"x"})";
    bytes += R"({"type":"wave","identifier":0})";
    bytes += R"({"type":"message","identifier":0,"username":"u","content":"c","sanitized":true})";
    host->send_raw(bytes);
    ASSERT_TRUE(f.wait([&] { return link->events.count(event_kind::message) == 1; }));
    EXPECT_TRUE(link->events.last(event_kind::message)->sanitized);
    EXPECT_TRUE(link->client.connected());
    EXPECT_EQ(link->count_log(log_level::warn, "dropped a packet"), 2U);
    link->client.stop();
}

TEST(LinkOriginalHost, SendsOnlyWhileAcknowledged) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    link->client.send_join("too-early");
    link->client.send_message("too-early", "dropped", true);
    host->send_raw(original_bytes(make_ack(6, {})));
    ASSERT_TRUE(f.wait([&] { return link->client.connected(); }));
    link->client.send_join("ann");
    link->client.send_message("ann", "hi &gt; there", true);
    link->client.send_message("ann", "raw", false);
    link->client.send_leave("ann");
    ASSERT_TRUE(f.wait([&] { return host->count<proto::leave>() == 1; }));
    ASSERT_EQ(host->packets().size(), 5U); // handshake, join, message, message, leave
    EXPECT_EQ(host->all<proto::join>(), (std::vector<proto::join>{{6, "ann"}}));
    const auto messages = host->all<proto::message>();
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0], (proto::message{6, "ann", "hi &gt; there", true}));
    EXPECT_EQ(messages[1], (proto::message{6, "ann", "raw", false}));
    EXPECT_NE(host->frames()[2].find(R"("sanitized":true)"), std::string::npos);
    EXPECT_EQ(host->frames()[3].find("sanitized"), std::string::npos);
    EXPECT_EQ(host->all<proto::leave>(), (std::vector<proto::leave>{{6, "ann"}}));
    link->client.stop();
}

TEST(LinkOriginalHost, MissingHostEntryGetsAnEmptyOne) {
    fake_host_fixture f;
    auto link = f.make_link();
    auto* host = f.start(*link);
    ASSERT_NE(host, nullptr);
    proto::acknowledge ack;
    ack.id = 1;
    ack.host_id = 0;
    ack.connections = {{2, info("two")}};
    host->send_raw(original_bytes(ack));
    ASSERT_TRUE(f.wait([&] { return link->client.connected(); }));
    EXPECT_EQ(ids(link->client.servers()), (std::vector<proto::identifier>{2, 0}));
    auto joined = link->events.last(event_kind::network_joined);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined->server, (csc::core::server{0, {}}));
    EXPECT_TRUE(link->log.contains(log_level::warn, "does not list the hub"));
    link->client.stop();
}

} // namespace
