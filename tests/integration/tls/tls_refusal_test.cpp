// TLS refusals: the wrong certificate, an unknown CA, plain TCP against TLS (both ways),
// a silent peer. Each time the refusal is logged, the process stays up and a good pair
// of links keeps relaying.

#include "tls_fixture.hpp"

#include "support/test_peer.hpp"

namespace csc::tls_test {
namespace {

using core::log_level;

class TlsRefusal : public TlsFixture {
protected:
    /// Two connected, pinned links on the running hub.
    void start_good_pair() {
        auto config = link_config("A");
        config.tls_fingerprint = certs().hub.fingerprint;
        a_ = start_link(config);
        config.self.name = "B";
        b_ = start_link(config);
    }

    std::unique_ptr<test_link> a_;
    std::unique_ptr<test_link> b_;
};

TEST_F(TlsRefusal, WrongFingerprintIsRefusedAndRetried) {
    start_hub(hub_config());
    start_good_pair();
    auto bad = link_config("X");
    bad.tls_fingerprint = certs().other.fingerprint;
    auto x = start_link(bad, false);
    ASSERT_TRUE(wait([&] { return x->log.contains(log_level::warn, "TLS handshake failed"); }))
        << x->log.dump();
    EXPECT_TRUE(x->log.contains("fingerprint is not the pinned one")) << x->log.dump();
    EXPECT_FALSE(x->client.connected());
    EXPECT_TRUE(relays(*a_, *b_, "during the refusal"));
    // Retried like any connection failure (logged once per outage, then as debug).
    ASSERT_TRUE(wait([&] { return x->log.count("TLS handshake failed") >= 2; })) << x->log.dump();
    EXPECT_FALSE(x->client.connected());
    EXPECT_TRUE(relays(*b_, *a_, "after the retry"));
    EXPECT_EQ(hub_->link_count(), 2U);
}

TEST_F(TlsRefusal, UnknownCaIsRefused) {
    start_hub(hub_config());
    start_good_pair();
    auto bad = link_config("X");
    bad.tls_ca_file = certs().other_ca.cert_file;
    auto x = start_link(bad, false);
    ASSERT_TRUE(wait([&] { return x->log.contains("TLS handshake failed"); })) << x->log.dump();
    EXPECT_TRUE(x->log.contains("certificate verify failed")) << x->log.dump();
    EXPECT_FALSE(x->client.connected());
    EXPECT_TRUE(relays(*a_, *b_, "unaffected"));
}

TEST_F(TlsRefusal, HubWithAnotherCertificateIsRefused) {
    auto config = hub_config();
    config.tls_cert_file = certs().other.cert_file;
    config.tls_key_file = certs().other.key_file;
    start_hub(config);
    auto pinned = link_config("X");
    pinned.tls_fingerprint = certs().hub.fingerprint;
    auto x = start_link(pinned, false);
    auto verified = link_config("Y");
    verified.tls_ca_file = certs().ca.cert_file;
    auto y = start_link(verified, false);
    ASSERT_TRUE(wait([&] {
        return x->log.contains("TLS handshake failed") && y->log.contains("TLS handshake failed");
    }));
    EXPECT_FALSE(x->client.connected());
    EXPECT_FALSE(y->client.connected());
    EXPECT_EQ(hub_->link_count(), 0U);
}

TEST_F(TlsRefusal, PlainClientOnTlsHubIsRefused) {
    start_hub(hub_config());
    start_good_pair();
    test::test_peer plain(ctx_);
    ASSERT_FALSE(plain.connect(hub_->local_endpoint()));
    plain.send(test::make_handshake("Plain"));
    ASSERT_TRUE(wait([&] { return plain.closed(); })) << hub_log_.dump();
    EXPECT_TRUE(wait([&] { return hub_log_.contains(log_level::warn, "refused: TLS handshake failed"); }))
        << hub_log_.dump();
    EXPECT_EQ(plain.count<protocol::acknowledge>(), 0U);
    EXPECT_TRUE(relays(*a_, *b_, "after the plain client"));

    // A plain link::client too: refused the same way, never connected.
    auto config = link_config("P");
    config.tls = false;
    auto p = start_link(config, false);
    ASSERT_TRUE(wait([&] { return hub_log_.count("refused: TLS handshake failed") >= 2; }));
    EXPECT_FALSE(p->client.connected());
    // The hub still accepts TLS links.
    auto late = link_config("C");
    late.tls_fingerprint = certs().hub.fingerprint;
    auto c = start_link(late);
    EXPECT_TRUE(relays(*c, *a_, "a late TLS link"));
    EXPECT_EQ(hub_->link_count(), 3U);
}

TEST_F(TlsRefusal, SilentClientHitsTheHandshakeTimeout) {
    auto config = hub_config();
    config.handshake_timeout = std::chrono::milliseconds{300};
    start_hub(config);
    start_good_pair();
    test::test_peer silent(ctx_); // connects, never starts the TLS handshake
    ASSERT_FALSE(silent.connect(hub_->local_endpoint()));
    ASSERT_TRUE(wait([&] { return silent.closed(); })) << hub_log_.dump();
    EXPECT_TRUE(hub_log_.contains("no completed handshake")) << hub_log_.dump();
    EXPECT_TRUE(relays(*a_, *b_, "after the silent client"));
}

TEST_F(TlsRefusal, TlsLinkToPlainHubIsRefused) {
    start_hub(hub_config(false));
    auto plain = link_config("A");
    plain.tls = false;
    auto a = start_link(plain);
    plain.self.name = "B";
    auto b = start_link(plain);
    auto secure = link_config("X");
    secure.tls_fingerprint = certs().hub.fingerprint;
    auto x = start_link(secure, false);
    ASSERT_TRUE(wait([&] { return x->log.contains(log_level::warn, "TLS handshake failed"); }))
        << x->log.dump();
    EXPECT_TRUE(x->log.contains("does not seem to speak TLS")) << x->log.dump();
    EXPECT_FALSE(x->client.connected());
    EXPECT_TRUE(relays(*a, *b, "plain hub unaffected"));
    EXPECT_EQ(hub_->link_count(), 2U);
}

TEST_F(TlsRefusal, TlsLinkToSilentServerTimesOut) {
    // Listens and never accepts: the kernel completes the TCP connect, nobody answers the
    // client hello.
    asio::ip::tcp::acceptor silent(
        ctx_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    auto config = link_config("X");
    config.port = silent.local_endpoint().port();
    config.tls_fingerprint = certs().hub.fingerprint;
    config.connect_timeout = std::chrono::milliseconds{300};
    auto x = start_link(config, false);
    ASSERT_TRUE(wait([&] { return x->log.contains(log_level::warn, "cannot connect"); }))
        << x->log.dump();
    EXPECT_TRUE(x->log.contains("timed out")) << x->log.dump();
    EXPECT_FALSE(x->client.connected());
}

} // namespace
} // namespace csc::tls_test
