// TLS links that should work: verified with a CA file, with a pinned fingerprint in
// either spelling, with both, and together with the shared secret.

#include "tls_fixture.hpp"

namespace csc::tls_test {
namespace {

using test::event_kind;

TEST_F(TlsFixture, ThreeTlsLinksRelayChat) {
    start_hub(hub_config());
    auto by_ca = link_config("A");
    by_ca.tls_ca_file = certs().ca.cert_file;
    auto by_pin = link_config("B");
    by_pin.tls_fingerprint = certs().hub.fingerprint;
    auto by_compact_pin = link_config("C");
    by_compact_pin.tls_fingerprint = compact_lowercase(certs().hub.fingerprint);

    auto a = start_link(by_ca);
    auto b = start_link(by_pin);
    auto c = start_link(by_compact_pin);
    ASSERT_TRUE(wait([&] { return hub_->link_count() == 3; })) << hub_log_.dump();
    EXPECT_TRUE(hub_log_.contains("(TLS)")) << hub_log_.dump();
    EXPECT_TRUE(a->log.contains(", TLS)")) << a->log.dump();

    EXPECT_TRUE(relays(*a, *b, "from A"));
    EXPECT_TRUE(wait([&] { return c->received("from A") == 1; }));
    EXPECT_TRUE(relays(*c, *a, "from C"));
    EXPECT_TRUE(wait([&] { return b->received("from C") == 1; }));
    EXPECT_TRUE(wait([&] { return hub_events_.count(event_kind::message) == 2; }));
    hub_->send_message("hoster", "from the host", false);
    EXPECT_TRUE(wait([&] {
        return a->received("from the host") == 1 && b->received("from the host") == 1 &&
               c->received("from the host") == 1;
    }));
    EXPECT_EQ(a->client.servers().size(), 3U) << "the two other links and the host";
}

TEST_F(TlsFixture, CaFileAndPinnedFingerprintTogether) {
    start_hub(hub_config());
    auto both = link_config("A");
    both.tls_ca_file = certs().ca.cert_file;
    both.tls_fingerprint = certs().hub.fingerprint;
    auto a = start_link(both);
    auto b = start_link(both);
    EXPECT_TRUE(relays(*a, *b, "verified twice"));
}

TEST_F(TlsFixture, TlsWithSharedSecret) {
    auto config = hub_config();
    config.secret = "correct horse battery staple";
    start_hub(config);
    auto good = link_config("A");
    good.tls_fingerprint = certs().hub.fingerprint;
    good.secret = config.secret;
    auto a = start_link(good);
    good.self.name = "B";
    auto b = start_link(good);
    ASSERT_TRUE(a->client.connected() && b->client.connected());

    // Right certificate, wrong secret: TLS succeeds, authentication fails (the link is the
    // first to see it: the hub's proof does not match its secret).
    auto wrong = good;
    wrong.self.name = "X";
    wrong.secret = "not the secret";
    auto x = start_link(wrong, false);
    ASSERT_TRUE(wait([&] { return hub_log_.contains(core::log_level::warn, "refused"); }))
        << hub_log_.dump();
    EXPECT_TRUE(hub_log_.contains("authentication failed")) << hub_log_.dump();
    EXPECT_FALSE(x->client.connected());
    EXPECT_FALSE(hub_log_.contains("TLS handshake failed")) << hub_log_.dump();
    EXPECT_TRUE(relays(*a, *b, "still here"));
    EXPECT_EQ(hub_->link_count(), 2U);
    EXPECT_EQ(b->received("still here"), 1U);
}

} // namespace
} // namespace csc::tls_test
