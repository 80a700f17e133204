// Shared-secret authentication between real links and the real hub (and fake hosts):
// both sides log why a peer is refused, a refused link never joins, and the links
// with the right secret keep chatting meanwhile.

#include "hub_network.hpp"

#include "csc/auth/auth_packets.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace {

using csc::core::log_level;
using csc::link_test::link_under_test;
using csc::link_test::make_config;
using csc::test::event_kind;

constexpr const char* secret = "open sesame";

struct secured_network : csc::link_test::hub_network {
    explicit secured_network(const std::string& hub_secret) {
        auto config = hub_config();
        config.secret = hub_secret;
        start_hub(config);
    }
    std::unique_ptr<link_under_test> start_link(const std::string& name,
                                                const std::string& link_secret) {
        auto config = make_config(port, name);
        config.secret = link_secret;
        auto l = std::make_unique<link_under_test>(ctx, config);
        l->client.start();
        return l;
    }
    /// Two links with `pair_secret` that chat both ways through the hub.
    void expect_pair_chats(link_under_test& a, link_under_test& b) {
        const auto before_b = b.events.count(event_kind::message);
        const auto before_a = a.events.count(event_kind::message);
        a.client.send_message("alice", "ping", false);
        b.client.send_message("bob", "pong", false);
        EXPECT_TRUE(wait([&] {
            return b.events.count(event_kind::message) == before_b + 1 &&
                   a.events.count(event_kind::message) == before_a + 1;
        })) << hub_log.dump();
    }
};

TEST(LinkAuth, SameSecretJoinsAndChats) {
    secured_network net(secret);
    auto a = net.start_link("alpha", secret);
    auto b = net.start_link("beta", secret);
    ASSERT_TRUE(net.wait([&] { return a->client.connected() && b->client.connected(); }))
        << net.hub_log.dump() << a->log.dump();
    net.expect_pair_chats(*a, *b);
    EXPECT_TRUE(net.hub_log.contains("authenticated as 'alpha'"));
    EXPECT_EQ(a->count_log(log_level::warn, ""), 0U) << a->log.dump();
}

TEST(LinkAuth, WrongSecretIsRefusedOnBothSides) {
    secured_network net(secret);
    auto a = net.start_link("alpha", secret);
    auto b = net.start_link("beta", secret);
    ASSERT_TRUE(net.wait([&] { return a->client.connected() && b->client.connected(); }));
    auto intruder = net.start_link("intruder", "guessed wrong");
    ASSERT_TRUE(net.wait([&] {
        return intruder->log.contains("failed to prove it knows the secret") &&
               net.hub_log.contains("refused: it refused the hub: authentication failed");
    })) << net.hub_log.dump() << intruder->log.dump();
    EXPECT_TRUE(intruder->log.contains(log_level::warn, "link: the hub failed to prove"));
    EXPECT_FALSE(intruder->client.connected());
    EXPECT_EQ(intruder->events.count(event_kind::network_joined), 0U);
    net.expect_pair_chats(*a, *b);
    EXPECT_EQ(net.hub->link_count(), 2U);
    EXPECT_EQ(a->client.servers().size(), 2U) << "the intruder was never announced";
}

TEST(LinkAuth, HubWithSecretRefusesALinkWithoutAndTellsIt) {
    secured_network net(secret);
    auto a = net.start_link("alpha", secret);
    auto b = net.start_link("beta", secret);
    ASSERT_TRUE(net.wait([&] { return a->client.connected() && b->client.connected(); }));
    auto plain = net.start_link("plain", "");
    ASSERT_TRUE(net.wait([&] {
        return plain->log.contains("link: the hub refused us: authentication required");
    })) << plain->log.dump();
    EXPECT_TRUE(net.hub_log.contains(log_level::warn, ") refused: authentication required"))
        << net.hub_log.dump();
    EXPECT_FALSE(plain->client.connected());
    net.expect_pair_chats(*a, *b);
}

TEST(LinkAuth, LinkWithSecretRefusesAHubWithout) {
    secured_network net("");
    auto a = net.start_link("alpha", "");
    auto b = net.start_link("beta", "");
    ASSERT_TRUE(net.wait([&] { return a->client.connected() && b->client.connected(); }));
    auto careful = net.start_link("careful", secret);
    ASSERT_TRUE(net.wait([&] {
        return careful->log.contains("did not authenticate itself") &&
               net.hub_log.contains("refused the hub: authentication failed");
    })) << careful->log.dump() << net.hub_log.dump();
    EXPECT_TRUE(careful->log.contains(log_level::warn, "link: the hub did not authenticate"));
    EXPECT_FALSE(careful->client.connected());
    EXPECT_EQ(careful->events.count(event_kind::network_joined), 0U);
    net.expect_pair_chats(*a, *b);
}

TEST(LinkAuth, LinkWithSecretRefusesAnOriginalHost) {
    csc::link_test::fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "careful");
    config.secret = secret;
    link_under_test l(f.ctx, config);
    auto* host = f.start(l);
    ASSERT_NE(host, nullptr);
    EXPECT_NE(host->frames().at(0).find("\"auth\""), std::string::npos);
    EXPECT_NE(host->frames().at(0).find("\"nonce\":\""), std::string::npos);
    host->send_raw(csc::link_test::original_bytes(csc::link_test::make_ack(1, {})));
    ASSERT_TRUE(f.wait([&] { return host->closed(); })) << l.log.dump();
    EXPECT_TRUE(l.log.contains(log_level::warn, "did not authenticate itself")) << l.log.dump();
    EXPECT_EQ(l.events.count(event_kind::network_joined), 0U);
    EXPECT_FALSE(l.client.connected());
}

TEST(LinkAuth, AChallengeWithoutTheSecretGetsNoProof) {
    csc::link_test::fake_host_fixture f;
    auto config = make_config(f.server.endpoint().port(), "careful");
    config.secret = secret;
    link_under_test l(f.ctx, config);
    auto* host = f.start(l);
    ASSERT_NE(host, nullptr);
    host->send_raw(csc::auth::encode(
        csc::auth::challenge{std::string(64, 'a'), std::string(64, 'b')}));
    ASSERT_TRUE(f.wait([&] { return host->closed(); })) << l.log.dump();
    EXPECT_TRUE(l.log.contains("failed to prove it knows the secret")) << l.log.dump();
    EXPECT_EQ(host->raw().find("\"proof\""), std::string::npos)
        << "the link reveals nothing to a hub that could not prove itself";
    EXPECT_NE(host->raw().find("\"type\":\"refused\""), std::string::npos);
}

} // namespace
