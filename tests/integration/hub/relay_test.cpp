// The hub's relay: join/leave/message between links and the host's own server,
// identifier stamping, extension fields per recipient, and tolerated bad packets.

#include "hub_fixture.hpp"

#include "csc/protocol/codec.hpp"

#include <random>

namespace csc::test {
namespace {

using protocol::join;
using protocol::leave;
using protocol::message;

TEST_F(HubFixture, JoinLeaveAndMessageReachOtherLinksAndTheHost) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto c = join_network("C");
    a->send(join{1, "alice"});
    a->send(message{1, "alice", "hello <b>all</>", false});
    a->send(leave{1, "alice"});
    ASSERT_TRUE(wait([&] { return b->count<leave>() == 1 && c->count<leave>() == 1; }));
    for (test_peer* p : {b.get(), c.get()}) {
        EXPECT_EQ(p->last<join>(), (join{1, "alice"}));
        EXPECT_EQ(p->last<message>(), (message{1, "alice", "hello <b>all</>", false}));
        EXPECT_EQ(p->last<leave>(), (leave{1, "alice"}));
    }
    barrier(*b, *a);
    EXPECT_EQ(a->count<join>(), 0U) << "never echoed to the sender";
    EXPECT_EQ(a->count<leave>(), 0U);

    ASSERT_EQ(events_.count(event_kind::player_joined), 1U);
    const auto joined = events_.last(event_kind::player_joined).value();
    EXPECT_EQ(joined.server.id, 1);
    EXPECT_EQ(joined.server.info.name, "A");
    EXPECT_EQ(joined.username, "alice");
    const auto said = events_.of(event_kind::message).at(0);
    EXPECT_EQ(said.server.id, 1);
    EXPECT_EQ(said.content, "hello <b>all</>");
    EXPECT_EQ(events_.last(event_kind::player_left)->username, "alice");
}

TEST_F(HubFixture, SpoofedIdentifierIsReplacedByTheSendersOwn) {
    auto a = join_network("A");
    auto b = join_network("B");
    auto c = join_network("C");
    a->send(message{2, "mallory", "I am B", false});
    a->send(join{0, "mallory"});
    ASSERT_TRUE(wait([&] { return c->count<join>() == 1; }));
    EXPECT_EQ(b->last<message>()->id, 1);
    EXPECT_EQ(c->last<message>()->id, 1);
    EXPECT_EQ(c->last<join>()->id, 1);
    EXPECT_EQ(events_.last(event_kind::message)->server.info.name, "A");
    EXPECT_EQ(events_.last(event_kind::player_joined)->server.id, 1);
}

TEST_F(HubFixture, HostPlayersGoOutWithIdentifierZero) {
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto original = join_network("Original");
    hub_.send_join("hoster");
    hub_.send_message("hoster", "hi &lt;there&gt;", true);
    hub_.send_leave("hoster");
    ASSERT_TRUE(wait([&] { return modern->count<leave>() == 1 && original->count<leave>() == 1; }));
    EXPECT_EQ(modern->last<join>(), (join{0, "hoster"}));
    EXPECT_EQ(original->last<join>(), (join{0, "hoster"}));
    EXPECT_EQ(modern->last<message>(), (message{0, "hoster", "hi &lt;there&gt;", true}));
    EXPECT_EQ(original->last<message>(), (message{0, "hoster", "hi &lt;there&gt;", false}));
    EXPECT_EQ(original->raw().find("sanitized"), std::string::npos);
    EXPECT_EQ(modern->last<leave>(), (leave{0, "hoster"}));
    EXPECT_EQ(events_.count(event_kind::message), 0U) << "the host does not hear itself";
}

TEST_F(HubFixture, SanitizedFlagReachesOnlyPeersThatAnnouncedFeatures) {
    auto sender = join_network("Sender", 0, {"sanitized"});
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto original = join_network("Original");
    sender->send(message{1, "bob", "a &gt; b", true});
    ASSERT_TRUE(
        wait([&] { return modern->count<message>() == 1 && original->count<message>() == 1; }));
    EXPECT_TRUE(modern->last<message>()->sanitized);
    EXPECT_FALSE(original->last<message>()->sanitized);
    EXPECT_EQ(original->raw().find("sanitized"), std::string::npos);
    EXPECT_NE(modern->raw().find("\"sanitized\":true"), std::string::npos);
    EXPECT_TRUE(events_.last(event_kind::message)->sanitized);
}

TEST_F(HubFixture, UnknownTypeIsLoggedAndIgnored) {
    auto a = join_network("A");
    auto b = join_network("B");
    a->send_raw(R"({"type":"typing","identifier":1})" "\n");
    barrier(*a, *b);
    EXPECT_FALSE(a->closed());
    EXPECT_TRUE(log_.contains("unknown packet type \"typing\"")) << log_.dump();
    EXPECT_EQ(b->frames().size(), 2U) << "acknowledge and the barrier line only";
}

TEST_F(HubFixture, InvalidPacketIsDroppedAndTheLinkKept) {
    auto a = join_network("A");
    auto b = join_network("B");
    a->send_raw(R"({"type":"message","identifier":1,"username":5,"content":"x"})" "\n");
    a->send_raw(R"({"type":"join","identifier":1,})" "\n");
    a->send_raw(R"({"identifier":1})" "\n");
    barrier(*a, *b);
    EXPECT_FALSE(a->closed());
    EXPECT_TRUE(log_.contains("username")) << log_.dump();
    EXPECT_EQ(log_.count("invalid packet"), 3U) << log_.dump();
    EXPECT_EQ(b->count<message>(), 1U);
    EXPECT_EQ(b->count<join>(), 0U);
}

TEST_F(HubFixture, HostOnlyPacketsFromALinkAreIgnored) {
    auto a = join_network("A");
    auto b = join_network("B");
    a->send(protocol::acknowledge{5, 0, 0, {}, {}});
    a->send(protocol::connection{9, {"Fake", "000000", "[f]"}, 1});
    a->send(protocol::disconnect{2});
    barrier(*a, *b);
    EXPECT_FALSE(a->closed());
    EXPECT_EQ(log_.count("host-only"), 3U) << log_.dump();
    EXPECT_EQ(b->count<protocol::connection>(), 0U);
    EXPECT_EQ(b->count<protocol::disconnect>(), 0U);
    EXPECT_EQ(hub_.servers().size(), 2U);
}

TEST_F(HubFixture, BackToBackPacketsInRandomChunksAreUnderstood) {
    auto a = join_network("A");
    auto b = join_network("B");
    // What an original peer writes: objects with no separator, cut anywhere by TCP.
    const std::vector<protocol::packet> sent{
        join{1, "al}{ice"},
        message{1, "al}{ice", R"(braces } { "quotes" \ and \n escapes)", false},
        message{1, "al}{ice", "second", false},
        leave{1, "al}{ice"},
    };
    std::string stream;
    for (const auto& p : sent) {
        auto text = protocol::encode(p, {.extensions = false});
        text.pop_back(); // no newline
        stream += text;
    }
    std::mt19937 rng(1234); // fixed seed: the same cuts every run
    std::uniform_int_distribution<std::size_t> size(1, 17);
    for (std::size_t pos = 0; pos < stream.size();) {
        const std::size_t n = std::min(size(rng), stream.size() - pos);
        a->send_raw(stream.substr(pos, n));
        pos += n;
        ASSERT_TRUE(wait([&] { return a->all_written(); }));
    }
    ASSERT_TRUE(wait([&] { return b->count<leave>() == 1; })) << log_.dump();
    ASSERT_EQ(b->packets().size(), 5U); // acknowledge + the four
    for (std::size_t i = 0; i < sent.size(); ++i) {
        EXPECT_EQ(b->packets()[i + 1], sent[i]) << "packet " << i;
    }
    EXPECT_FALSE(a->closed());
}

} // namespace
} // namespace csc::test
