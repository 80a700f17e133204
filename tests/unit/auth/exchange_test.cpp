// Both state machines talking to each other, with no sockets: success, wrong secrets,
// one side without a secret, replays and out-of-order packets.

#include "csc/auth/auth_packets.hpp"
#include "csc/auth/crypto.hpp"
#include "csc/auth/hub_auth.hpp"
#include "csc/auth/link_auth.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace csc::auth {
namespace {

using hub_action = hub_step::action;
using link_action = link_step::action;

protocol::handshake hello() {
    protocol::handshake h;
    h.info = {"A", "00aaff", "[a]"};
    h.features = {"sanitized"};
    return h;
}

/// The handshake as the hub decodes it from `line`.
protocol::handshake decoded_handshake(const std::string& line) {
    auto d = protocol::decode(line);
    EXPECT_TRUE(d) << d.detail;
    return std::get<protocol::handshake>(d.value);
}

/// Runs one exchange; returns the hub's final step and the link's step on the challenge.
struct outcome {
    hub_step hub_first;
    link_step link_on_challenge;
    hub_step hub_final;
    bool link_handled = false;
};

outcome run_exchange(const std::string& hub_secret, const std::string& link_secret) {
    hub_auth hub(hub_secret);
    link_auth link(link_secret);
    const std::string line = link.handshake(hello());
    outcome o;
    o.hub_first = hub.on_handshake(decoded_handshake(line), line);
    if (o.hub_first.what != hub_action::wait) {
        return o;
    }
    o.link_on_challenge = link.on_frame(o.hub_first.bytes, o.link_handled);
    if (o.link_on_challenge.what != link_action::proceed) {
        return o;
    }
    o.hub_final = hub.on_frame(o.link_on_challenge.bytes);
    return o;
}

TEST(AuthExchange, SameSecretAdmitsAfterOneRoundTrip) {
    hub_auth hub("s3cret");
    link_auth link("s3cret");
    const std::string line = link.handshake(hello());
    EXPECT_NE(line.find("\"auth\""), std::string::npos);
    EXPECT_NE(line.find("\"nonce\""), std::string::npos);
    EXPECT_EQ(line.find("s3cret"), std::string::npos) << "the secret never crosses the wire";
    const hub_step challenge_step = hub.on_handshake(decoded_handshake(line), line);
    ASSERT_EQ(challenge_step.what, hub_action::wait) << challenge_step.reason;
    EXPECT_TRUE(hub.waiting());
    bool handled = false;
    const link_step answer = link.on_frame(challenge_step.bytes, handled);
    EXPECT_TRUE(handled);
    ASSERT_EQ(answer.what, link_action::proceed) << answer.reason;
    EXPECT_EQ(answer.bytes.find("s3cret"), std::string::npos);
    const hub_step done = hub.on_frame(answer.bytes);
    EXPECT_EQ(done.what, hub_action::admit) << done.reason;
    EXPECT_TRUE(hub.authenticated());
    EXPECT_EQ(link.on_acknowledge().what, link_action::proceed);
}

TEST(AuthExchange, NoSecretAnywhereIsVersionOne) {
    hub_auth hub("");
    link_auth link("");
    const std::string line = link.handshake(hello());
    EXPECT_EQ(line, protocol::encode(hello()));
    EXPECT_EQ(hub.on_handshake(decoded_handshake(line), line).what, hub_action::admit);
    EXPECT_EQ(link.on_acknowledge().what, link_action::proceed);
}

TEST(AuthExchange, WrongSecretIsRefusedByTheLinkFirst) {
    const outcome o = run_exchange("hub secret", "link secret");
    ASSERT_EQ(o.hub_first.what, hub_action::wait);
    EXPECT_EQ(o.link_on_challenge.what, link_action::refuse);
    EXPECT_NE(o.link_on_challenge.reason.find("failed to prove"), std::string::npos);
    EXPECT_NE(o.link_on_challenge.bytes.find("refused"), std::string::npos);
}

TEST(AuthExchange, WrongProofFromTheLinkIsRefusedByTheHub) {
    hub_auth hub("right");
    link_auth link("right");
    const std::string line = link.handshake(hello());
    const hub_step c = hub.on_handshake(decoded_handshake(line), line);
    ASSERT_EQ(c.what, hub_action::wait);
    const hub_step done = hub.on_frame(encode(proof{make_proof("wrong", link_label, "x", "y")}));
    EXPECT_EQ(done.what, hub_action::refuse);
    EXPECT_EQ(done.reason, "authentication failed: wrong secret");
    EXPECT_NE(done.bytes.find("\"type\":\"refused\""), std::string::npos);
    EXPECT_FALSE(hub.authenticated());
}

TEST(AuthExchange, HubWithSecretRefusesLinksWithout) {
    hub_auth hub("s");
    const protocol::handshake ours = hello();
    const std::string line = protocol::encode(ours);
    const hub_step step = hub.on_handshake(ours, line);
    EXPECT_EQ(step.what, hub_action::refuse);
    EXPECT_EQ(step.reason, "authentication required");
    EXPECT_NE(step.bytes.find("authentication required"), std::string::npos)
        << "a link that announced features is told why";

    hub_auth hub2("s");
    protocol::handshake original = hello();
    original.features.clear();
    const hub_step step2 = hub2.on_handshake(original, protocol::encode(original));
    EXPECT_EQ(step2.what, hub_action::refuse);
    EXPECT_TRUE(step2.bytes.empty()) << "an original peer only ever receives v1 packets";
}

TEST(AuthExchange, LinkWithSecretRefusesAHubThatNeverChallenges) {
    link_auth link("s");
    (void)link.handshake(hello());
    const link_step step = link.on_acknowledge();
    EXPECT_EQ(step.what, link_action::refuse);
    EXPECT_NE(step.reason.find("did not authenticate"), std::string::npos);
}

TEST(AuthExchange, LinkWithoutSecretRefusesAChallengeAndLogsARefusal) {
    link_auth link("");
    (void)link.handshake(hello());
    bool handled = false;
    const link_step c =
        link.on_frame(encode(challenge{std::string(64, 'a'), std::string(64, 'b')}), handled);
    EXPECT_TRUE(handled);
    EXPECT_EQ(c.what, link_action::refuse);
    EXPECT_NE(c.reason.find("no secret"), std::string::npos);
    const link_step r = link.on_frame(encode(refused{"authentication required\x01"}), handled);
    EXPECT_EQ(r.what, link_action::refuse);
    EXPECT_EQ(r.reason, "the hub refused us: authentication required");
    EXPECT_FALSE(link.on_frame("{\"type\":\"acknowledge\"}", handled).reason.size());
    EXPECT_FALSE(handled);
}

TEST(AuthExchange, ARecordedLinkProofDoesNotPassOnANewConnection) {
    hub_auth first("s");
    link_auth link("s");
    const std::string line = link.handshake(hello());
    const hub_step c = first.on_handshake(decoded_handshake(line), line);
    bool handled = false;
    const link_step answer = link.on_frame(c.bytes, handled);
    ASSERT_EQ(first.on_frame(answer.bytes).what, hub_action::admit);

    // An eavesdropper replays the same handshake and the same proof to a new connection.
    hub_auth second("s");
    const hub_step c2 = second.on_handshake(decoded_handshake(line), line);
    ASSERT_EQ(c2.what, hub_action::wait);
    EXPECT_NE(c2.bytes, c.bytes) << "the hub's nonce is fresh";
    EXPECT_EQ(second.on_frame(answer.bytes).what, hub_action::refuse);
}

TEST(AuthExchange, ARecordedChallengeDoesNotFoolALink) {
    hub_auth hub("s");
    link_auth link("s");
    const std::string line = link.handshake(hello());
    const hub_step c = hub.on_handshake(decoded_handshake(line), line);
    // A fake hub replays that challenge to the link's next connection.
    (void)link.handshake(hello());
    bool handled = false;
    EXPECT_EQ(link.on_frame(c.bytes, handled).what, link_action::refuse);
}

TEST(AuthExchange, HubRefusesBadNoncesAndOutOfOrderPackets) {
    for (const std::string& nonce : std::vector<std::string>{"", "short", std::string(64, 'z')}) {
        hub_auth hub("s");
        protocol::handshake h = hello();
        h.features.emplace_back(feature);
        const std::string line = nonce.empty() ? protocol::encode(h) : add_nonce(protocol::encode(h), nonce);
        EXPECT_EQ(hub.on_handshake(h, line).what, hub_action::refuse) << nonce;
    }
    hub_auth hub("s");
    link_auth link("s");
    const std::string line = link.handshake(hello());
    ASSERT_EQ(hub.on_handshake(decoded_handshake(line), line).what, hub_action::wait);
    EXPECT_EQ(hub.on_frame("{\"type\":\"message\",\"identifier\":1,\"username\":\"u\",\"content\":\"c\"}")
                  .what,
              hub_action::refuse);
    EXPECT_FALSE(hub.waiting());
    EXPECT_EQ(hub.on_frame(encode(proof{"x"})).what, hub_action::refuse) << "nothing after a refusal";
}

} // namespace
} // namespace csc::auth
