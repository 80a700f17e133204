// Shared-secret authentication at the hub, with raw peers: who gets in, who is refused
// (with which log line), that a recorded exchange cannot be replayed, that nothing a
// refused peer sent is relayed, and that the other links keep relaying meanwhile.

#include "secure_hub_fixture.hpp"

#include "csc/auth/auth_packets.hpp"
#include "csc/auth/crypto.hpp"

namespace csc::test {
namespace {

using protocol::acknowledge;
using protocol::connection;
using protocol::message;

constexpr const char* secret = "correct horse battery staple";

class HubAuth : public SecureHubFixture {
protected:
    void SetUp() override {
        auto c = base_config();
        c.secret = secret;
        start(c);
    }

    /// Two authenticated links that later checks use to show relaying goes on.
    void join_good_pair() {
        a_ = join_with_secret("A", secret);
        b_ = join_with_secret("B", secret);
        ASSERT_EQ(a_.peer->count<acknowledge>(), 1U) << log_.dump();
        ASSERT_EQ(b_.peer->count<acknowledge>(), 1U) << log_.dump();
    }

    /// A and B still chat both ways, and nobody was announced but them.
    void expect_pair_unharmed() {
        barrier(*a_.peer, *b_.peer);
        barrier(*b_.peer, *a_.peer);
        EXPECT_EQ(a_.peer->count<connection>(), 1U) << "only B was announced";
        EXPECT_EQ(events_.count(event_kind::server_connected), 2U);
        EXPECT_EQ(hub_->link_count(), 2U);
    }

    authenticated_peer a_;
    authenticated_peer b_;
};

TEST_F(HubAuth, LinksWithTheSecretJoinAndChat) {
    join_good_pair();
    const auto ack = b_.peer->last<acknowledge>().value();
    EXPECT_EQ(ack.features, (std::vector<std::string>{"sanitized", "auth"}));
    EXPECT_TRUE(log_.contains(") authenticated as 'A'")) << log_.dump();
    EXPECT_EQ(a_.peer->raw().find(secret), std::string::npos);
    expect_pair_unharmed();
}

TEST_F(HubAuth, WrongSecretIsRefusedAndTold) {
    join_good_pair();
    auto mallory = connect_raw();
    auth::link_auth link("wrong secret");
    mallory->send_raw(link.handshake(make_handshake("Mallory", 0, {"sanitized"})));
    ASSERT_TRUE(wait([&] { return !mallory->frames().empty(); })) << log_.dump();
    // Mallory cannot check the hub's proof; it answers with a proof made from its guess.
    const auto challenge = auth::decode(mallory->frames().front());
    ASSERT_TRUE(challenge.value);
    const auto& c = std::get<auth::challenge>(*challenge.value);
    mallory->send_raw(auth::encode(auth::proof{auth::make_proof(
        "wrong secret", auth::link_label, c.nonce, std::string(64, '0'))}));
    mallory->send(message{0, "mallory", "let me in", false});
    ASSERT_TRUE(wait([&] { return mallory->closed(); })) << log_.dump();
    EXPECT_TRUE(log_.contains(core::log_level::warn, "link 3 (127.0.0.1:")) << log_.dump();
    EXPECT_TRUE(log_.contains("refused: authentication failed: wrong secret")) << log_.dump();
    ASSERT_EQ(refusals(*mallory).size(), 1U);
    EXPECT_EQ(mallory->count<acknowledge>(), 0U);
    expect_pair_unharmed();
    EXPECT_EQ(b_.peer->count<message>(), 1U) << "only A's barrier line, nothing of Mallory's";
}

TEST_F(HubAuth, ReplayedExchangeIsRefused) {
    join_good_pair();
    // An eavesdropper recorded A's handshake and proof, and plays them back.
    auto replay = connect_raw();
    replay->send_raw(a_.sent.at(0));
    ASSERT_TRUE(wait([&] { return !replay->frames().empty(); })) << log_.dump();
    replay->send_raw(a_.sent.at(1));
    ASSERT_TRUE(wait([&] { return replay->closed(); })) << log_.dump();
    EXPECT_EQ(replay->count<acknowledge>(), 0U);
    EXPECT_TRUE(log_.contains("link 3 (127.0.0.1:")) << log_.dump();
    EXPECT_TRUE(log_.contains("refused: authentication failed: wrong secret")) << log_.dump();
    expect_pair_unharmed();
}

TEST_F(HubAuth, OurLinkWithoutSecretIsRefusedAndTold) {
    join_good_pair();
    auto plain = connect_raw();
    plain->send(make_handshake("Plain", 0, {"sanitized"}));
    ASSERT_TRUE(wait([&] { return plain->closed(); })) << log_.dump();
    EXPECT_TRUE(log_.contains("link 3 (127.0.0.1:")) << log_.dump();
    EXPECT_TRUE(log_.contains(") refused: authentication required")) << log_.dump();
    ASSERT_EQ(refusals(*plain).size(), 1U);
    EXPECT_NE(refusals(*plain)[0].find("authentication required"), std::string::npos);
    expect_pair_unharmed();
}

TEST_F(HubAuth, OriginalPeerIsRefusedAndReceivesNothing) {
    join_good_pair();
    auto original = connect_raw();
    original->send_raw(protocol::encode(make_handshake("Original"), {.extensions = false}));
    original->send(message{0, "old", "hello?", false}, {.extensions = false});
    ASSERT_TRUE(wait([&] { return original->closed(); })) << log_.dump();
    EXPECT_TRUE(original->raw().empty()) << "an original peer only ever gets v1 packets";
    EXPECT_TRUE(log_.contains(") refused: authentication required")) << log_.dump();
    expect_pair_unharmed();
    EXPECT_EQ(b_.peer->count<message>(), 1U) << "nothing of the original's was relayed";
}

TEST_F(HubAuth, PacketsBeforeTheProofAreNotRelayed) {
    join_good_pair();
    auto eager = connect_raw();
    auth::link_auth link(secret);
    eager->send_raw(link.handshake(make_handshake("Eager", 0, {"sanitized"})));
    eager->send(message{0, "eager", "before my proof", false});
    ASSERT_TRUE(wait([&] { return eager->closed(); })) << log_.dump();
    EXPECT_TRUE(log_.contains("refused: authentication failed: expected an auth packet"))
        << log_.dump();
    expect_pair_unharmed();
    EXPECT_EQ(b_.peer->count<message>(), 1U);
}

TEST_F(HubAuth, LinkRefusingTheHubIsLogged) {
    join_good_pair();
    auto doubter = connect_raw();
    auth::link_auth link(secret);
    doubter->send_raw(link.handshake(make_handshake("Doubter", 0, {"sanitized"})));
    ASSERT_TRUE(wait([&] { return !doubter->frames().empty(); })) << log_.dump();
    doubter->send_raw(auth::encode(auth::refused{"authentication failed"}));
    ASSERT_TRUE(wait([&] { return doubter->closed(); })) << log_.dump();
    EXPECT_TRUE(log_.contains("refused: it refused the hub: authentication failed")) << log_.dump();
    expect_pair_unharmed();
}

class HubAuthShortTimeout : public SecureHubFixture {
protected:
    void SetUp() override {
        auto c = base_config();
        c.secret = secret;
        c.handshake_timeout = std::chrono::milliseconds(200);
        start(c);
    }
};

TEST_F(HubAuthShortTimeout, HandshakeTimeoutCoversTheAuthExchange) {
    auto a = join_with_secret("A", secret);
    auto b = join_with_secret("B", secret);
    ASSERT_EQ(b.peer->count<acknowledge>(), 1U);
    auto silent = connect_raw();
    auth::link_auth link(secret);
    silent->send_raw(link.handshake(make_handshake("Silent", 0, {"sanitized"})));
    // Challenged, it never answers: the timer that started at accept still closes it.
    ASSERT_TRUE(wait([&] { return silent->closed(); })) << log_.dump();
    EXPECT_EQ(silent->frames().size(), 1U) << "the challenge";
    EXPECT_TRUE(log_.contains("closed: no completed handshake within 200 ms")) << log_.dump();
    barrier(*a.peer, *b.peer);
    EXPECT_EQ(hub_->link_count(), 2U) << "the authenticated links outlive the timeout";
}

} // namespace
} // namespace csc::test
