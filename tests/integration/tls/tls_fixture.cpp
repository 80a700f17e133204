#include "tls_fixture.hpp"

namespace csc::tls_test {

test_certificates* TlsFixture::certs_ = nullptr;

std::size_t test_link::received(const std::string& content) const {
    std::size_t n = 0;
    for (const auto& e : events.of(test::event_kind::message)) {
        n += e.content == content ? 1 : 0;
    }
    return n;
}

void TlsFixture::SetUpTestSuite() { certs_ = new test_certificates(); }

void TlsFixture::TearDownTestSuite() {
    delete certs_;
    certs_ = nullptr;
}

hub::hub_config TlsFixture::hub_config(bool tls) {
    hub::hub_config c;
    c.host = "127.0.0.1";
    c.port = 0;
    c.self = {"Host", "ffffff", "[h]"};
    if (tls) {
        c.tls_cert_file = certs().hub.cert_file;
        c.tls_key_file = certs().hub.key_file;
    }
    return c;
}

link::client_config TlsFixture::link_config(const std::string& name) const {
    link::client_config c;
    c.host = "127.0.0.1";
    c.port = hub_ ? hub_->local_endpoint().port() : 0;
    c.self = {name, "112233", "[" + name + "]"};
    c.reconnect_interval = std::chrono::seconds{1};
    c.tls = true;
    return c;
}

void TlsFixture::start_hub(const hub::hub_config& config) {
    hub_ = std::make_unique<hub::hub>(ctx_.get_executor(), config, hub_events_, hub_log_);
    ASSERT_FALSE(hub_->listen()) << hub_log_.dump();
    ASSERT_NE(hub_->local_endpoint().port(), 0);
}

std::unique_ptr<test_link> TlsFixture::start_link(const link::client_config& config,
                                                  bool wait_connected) {
    auto l = std::make_unique<test_link>(ctx_, config);
    l->client.start();
    if (wait_connected) {
        EXPECT_TRUE(wait([&] { return l->client.connected(); }))
            << config.self.name << ":\n" << l->log.dump() << "\nhub:\n" << hub_log_.dump();
    }
    return l;
}

bool TlsFixture::relays(test_link& from, test_link& to, const std::string& content) {
    const auto before = to.received(content);
    from.client.send_message("player", content, false);
    return wait([&] { return to.received(content) > before; });
}

} // namespace csc::tls_test
