#include "csc/net/tls_context.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::net::format_sha256_fingerprint;
using csc::net::parse_sha256_fingerprint;

const std::string upper =
    "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF";

TEST(TlsFingerprint, ParsesEverySpelling) {
    const auto expected = parse_sha256_fingerprint(upper);
    ASSERT_TRUE(expected);
    EXPECT_EQ(format_sha256_fingerprint(*expected), upper);
    for (const std::string spelling :
         {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
          "01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:"
          "89:ab:cd:ef",
          "01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF 01 23 45 67 "
          "89 AB CD EF"}) {
        const auto parsed = parse_sha256_fingerprint(spelling);
        ASSERT_TRUE(parsed) << spelling;
        EXPECT_EQ(*parsed, *expected) << spelling;
    }
}

TEST(TlsFingerprint, RefusesMalformedText) {
    for (const std::string& bad : std::vector<std::string>{
             "", "01:23", upper + ":00", upper.substr(0, upper.size() - 1),
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
          "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          std::string(64, '0') + "\n"}) {
        EXPECT_FALSE(parse_sha256_fingerprint(bad)) << bad;
    }
}

TEST(TlsContext, ServerContextNamesTheMissingFile) {
    const auto made = csc::net::make_tls_server_context("no-such-dir/hub.crt", "no-such-dir/hub.key");
    EXPECT_FALSE(made.context);
    EXPECT_NE(made.error.find("'no-such-dir/hub.crt'"), std::string::npos) << made.error;
}

TEST(TlsContext, ClientContextRefusesABadFingerprint) {
    const auto made = csc::net::make_tls_client_context("127.0.0.1", "", "not hex");
    EXPECT_FALSE(made.context);
    EXPECT_NE(made.error.find("invalid TLS fingerprint"), std::string::npos) << made.error;
}

TEST(TlsContext, ClientContextNamesTheMissingCaFile) {
    const auto made = csc::net::make_tls_client_context("localhost", "no-such-dir/ca.crt", "");
    EXPECT_FALSE(made.context);
    EXPECT_NE(made.error.find("'no-such-dir/ca.crt'"), std::string::npos) << made.error;
}

TEST(TlsContext, ClientContextWithAPinNeedsNoCaFile) {
    const auto made = csc::net::make_tls_client_context("127.0.0.1", "", upper);
    EXPECT_TRUE(made.context) << made.error;
}

} // namespace
