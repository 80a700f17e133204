#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::omegga::is_sha256_fingerprint;
using csc::omegga::parse_config;
using csc::omegga::plugin_config;
using json = nlohmann::json;

const std::string fingerprint_hex(64, 'a');
const std::string fingerprint_colons =
    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

plugin_config parse(const json& config, std::vector<std::string>& problems) {
    return parse_config(config, problems);
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    for (const auto& p : problems) {
        if (p.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(ParseSecurityConfig, DefaultsAreNoSecretNoTlsOneMessagePerSecondBurstFive) {
    std::vector<std::string> problems;
    const plugin_config c = parse(json::object(), problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(c.secret, "");
    EXPECT_FALSE(c.tls);
    EXPECT_EQ(c.tls_ca, "");
    EXPECT_EQ(c.tls_fingerprint, "");
    EXPECT_EQ(c.tls_cert, "");
    EXPECT_EQ(c.tls_key, "");
    EXPECT_DOUBLE_EQ(c.chat_rate, 1.0);
    EXPECT_DOUBLE_EQ(c.chat_burst, 5.0);
}

TEST(ParseSecurityConfig, ReadsEveryKeyTrimmingPathsAndSecret) {
    std::vector<std::string> problems;
    const plugin_config c = parse({{"secret", "  s3cret pass  "},
                                   {"tls", true},
                                   {"tls-ca", " certs/ca.pem "},
                                   {"tls-fingerprint", fingerprint_colons},
                                   {"tls-cert", "hub.pem"},
                                   {"tls-key", "/abs/hub.key"},
                                   {"chat-rate", 0.5},
                                   {"chat-burst", 3}},
                                  problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_EQ(c.secret, "s3cret pass");
    EXPECT_TRUE(c.tls);
    EXPECT_EQ(c.tls_ca, "certs/ca.pem");
    EXPECT_EQ(c.tls_fingerprint, fingerprint_colons);
    EXPECT_EQ(c.tls_cert, "hub.pem");
    EXPECT_EQ(c.tls_key, "/abs/hub.key");
    EXPECT_DOUBLE_EQ(c.chat_rate, 0.5);
    EXPECT_DOUBLE_EQ(c.chat_burst, 3.0);
}

TEST(ParseSecurityConfig, ABadSecretIsReportedWithoutItsValue) {
    std::vector<std::string> problems;
    const plugin_config c = parse({{"secret", 123456789}}, problems);
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("\"secret\""), std::string::npos) << problems[0];
    EXPECT_EQ(problems[0].find("123456789"), std::string::npos) << problems[0];
    EXPECT_EQ(c.secret, "");
}

TEST(ParseSecurityConfig, EachBadValueNamesItsKeyAndKeepsTheDefault) {
    const std::vector<std::pair<std::string, json>> cases = {
        {"tls", "yes"},          {"tls-ca", 5},
        {"tls-cert", false},     {"tls-key", json::array()},
        {"tls-fingerprint", "abc"}, {"tls-fingerprint", fingerprint_hex + "0"},
        {"tls-fingerprint", 7},  {"chat-rate", 0},
        {"chat-rate", -1},       {"chat-rate", "2"},
        {"chat-burst", 0.5},     {"chat-burst", "many"},
        {"chat-burst", -3},
    };
    for (const auto& [key, value] : cases) {
        std::vector<std::string> problems;
        const plugin_config c = parse({{key, value}}, problems);
        ASSERT_EQ(problems.size(), 1U) << key << " = " << value.dump();
        EXPECT_TRUE(mentions(problems, "\"" + key + "\"")) << problems[0];
        const plugin_config d;
        EXPECT_EQ(c.tls, d.tls);
        EXPECT_EQ(c.tls_ca, d.tls_ca);
        EXPECT_EQ(c.tls_fingerprint, d.tls_fingerprint);
        EXPECT_DOUBLE_EQ(c.chat_rate, d.chat_rate);
        EXPECT_DOUBLE_EQ(c.chat_burst, d.chat_burst);
    }
}

TEST(ParseSecurityConfig, ACertificateWithoutItsKeyMeansNoTls) {
    for (const json& config : {json{{"tls-cert", "hub.pem"}}, json{{"tls-key", "hub.key"}}}) {
        std::vector<std::string> problems;
        const plugin_config c = parse(config, problems);
        ASSERT_EQ(problems.size(), 1U);
        EXPECT_TRUE(mentions(problems, "\"tls-cert\"") && mentions(problems, "\"tls-key\""))
            << problems[0];
        EXPECT_EQ(c.tls_cert, "");
        EXPECT_EQ(c.tls_key, "");
    }
}

TEST(ParseSecurityConfig, AcceptsTheBurstFloorAndLargeRates) {
    std::vector<std::string> problems;
    const plugin_config c = parse({{"chat-rate", 1000000}, {"chat-burst", 1}}, problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_DOUBLE_EQ(c.chat_rate, 1000000.0);
    EXPECT_DOUBLE_EQ(c.chat_burst, 1.0);
}

TEST(IsSha256Fingerprint, SixtyFourHexDigitsAmongColonsAndSpaces) {
    EXPECT_TRUE(is_sha256_fingerprint(fingerprint_hex));
    EXPECT_TRUE(is_sha256_fingerprint(fingerprint_colons));
    EXPECT_FALSE(is_sha256_fingerprint(""));
    EXPECT_FALSE(is_sha256_fingerprint(std::string(63, 'a')));
    EXPECT_FALSE(is_sha256_fingerprint(std::string(65, 'a')));
    EXPECT_FALSE(is_sha256_fingerprint(std::string(63, 'a') + "g"));
    EXPECT_TRUE(is_sha256_fingerprint("AB CD" + fingerprint_colons.substr(5)));
    EXPECT_FALSE(is_sha256_fingerprint(fingerprint_colons + ":0"));
    EXPECT_FALSE(is_sha256_fingerprint("sha256//" + fingerprint_hex));
}

} // namespace
