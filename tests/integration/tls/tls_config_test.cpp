// Bad TLS configuration: a clear error naming the file or value, never a crash; the hub
// does not listen, the link does not connect.

#include "tls_fixture.hpp"

#include <fstream>

namespace csc::tls_test {
namespace {

using core::log_level;

class TlsConfig : public TlsFixture {
protected:
    /// A hub with `config`: listen() fails, and says why at error level.
    void expect_not_listening(const hub::hub_config& config, const std::string& needle) {
        hub_ = std::make_unique<hub::hub>(ctx_.get_executor(), config, hub_events_, hub_log_);
        EXPECT_TRUE(hub_->listen());
        EXPECT_EQ(hub_->local_endpoint().port(), 0);
        EXPECT_TRUE(hub_log_.contains(log_level::error, needle)) << hub_log_.dump();
        // start() (as the plugin and csc-hub call it) logs again and does not retry.
        hub_log_.clear();
        hub_->start();
        test::run_for(ctx_, std::chrono::milliseconds{20});
        EXPECT_EQ(hub_log_.count("not listening"), 1U) << hub_log_.dump();
        EXPECT_FALSE(hub_log_.contains("retrying")) << hub_log_.dump();
        hub_->stop();
    }
};

TEST_F(TlsConfig, MissingCertificateFile) {
    auto config = hub_config();
    config.tls_cert_file = certs().path("missing.crt");
    expect_not_listening(config, "missing.crt");
}

TEST_F(TlsConfig, CertificateFileThatIsNotPem) {
    const auto garbage = certs().path("garbage.crt");
    std::ofstream(garbage) << "not a certificate\n";
    auto config = hub_config();
    config.tls_cert_file = garbage;
    expect_not_listening(config, "garbage.crt");
}

TEST_F(TlsConfig, MissingKeyFile) {
    auto config = hub_config();
    config.tls_key_file = certs().path("missing.key");
    expect_not_listening(config, "missing.key");
}

TEST_F(TlsConfig, KeyOfAnotherCertificate) {
    auto config = hub_config();
    config.tls_key_file = certs().other.key_file;
    expect_not_listening(config, "other.key");
}

TEST_F(TlsConfig, CertificateWithoutKey) {
    auto config = hub_config();
    config.tls_key_file.clear();
    expect_not_listening(config, "both a certificate file and a key file");
}

TEST_F(TlsConfig, LinkWithInvalidFingerprint) {
    start_hub(hub_config());
    auto config = link_config("X");
    config.tls_fingerprint = "AB:CD:not-hex";
    auto x = start_link(config, false);
    ASSERT_TRUE(wait([&] { return x->log.contains(log_level::warn, "invalid TLS fingerprint"); }))
        << x->log.dump();
    EXPECT_FALSE(x->client.connected());
}

TEST_F(TlsConfig, LinkWithMissingCaFile) {
    start_hub(hub_config());
    auto config = link_config("X");
    config.tls_ca_file = certs().path("missing-ca.crt");
    auto x = start_link(config, false);
    ASSERT_TRUE(wait([&] { return x->log.contains(log_level::warn, "missing-ca.crt"); }))
        << x->log.dump();
    EXPECT_FALSE(x->client.connected());
}

} // namespace
} // namespace csc::tls_test
