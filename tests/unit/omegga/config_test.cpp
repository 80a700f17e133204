#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::omegga::parse_config;
using csc::omegga::plugin_config;
using json = nlohmann::json;

/// Parses `config` and returns its problems.
std::vector<std::string> problems_of(const json& config, plugin_config* out = nullptr) {
    std::vector<std::string> problems;
    const plugin_config parsed = parse_config(config, problems);
    if (out != nullptr) {
        *out = parsed;
    }
    return problems;
}

void expect_defaults(const plugin_config& c) {
    const plugin_config d;
    EXPECT_EQ(c.hosting, d.hosting);
    EXPECT_EQ(c.ip, "127.0.0.1");
    EXPECT_EQ(c.port, 1337);
    EXPECT_EQ(c.name, "Server Connection");
    EXPECT_EQ(c.color, "00aaff");
    EXPECT_EQ(c.prefix, "[!]");
    EXPECT_TRUE(c.reconnect_authorized.empty());
    EXPECT_EQ(c.reconnect_interval, 60);
    EXPECT_FALSE(c.muted);
    EXPECT_FALSE(c.deafened);
}

TEST(ParseConfig, ReadsEveryKey) {
    const json config = {{"hosting", true},
                         {"ip", " 10.0.0.2 "},
                         {"port", 4000},
                         {"name", "My <b>Server</>"},
                         {"color", "FF8800"},
                         {"prefix", "[x]"},
                         {"reconnect-authorized", " Alice, BOB ,,  carol  ,"},
                         {"reconnect-interval", -5},
                         {"muted", true},
                         {"deafened", true},
                         {"unknown-key", {1, 2, 3}}};
    plugin_config c;
    EXPECT_TRUE(problems_of(config, &c).empty());
    EXPECT_TRUE(c.hosting);
    EXPECT_EQ(c.ip, "10.0.0.2");
    EXPECT_EQ(c.port, 4000);
    EXPECT_EQ(c.name, "My <b>Server</>");
    EXPECT_EQ(c.color, "FF8800");
    EXPECT_EQ(c.prefix, "[x]");
    EXPECT_EQ(c.reconnect_authorized, (std::vector<std::string>{"alice", "bob", "carol"}));
    EXPECT_EQ(c.reconnect_interval, -5);
    EXPECT_TRUE(c.muted);
    EXPECT_TRUE(c.deafened);
}

TEST(ParseConfig, MissingOrNullKeysTakeDefaultsSilently) {
    plugin_config c;
    EXPECT_TRUE(problems_of(json::object(), &c).empty());
    expect_defaults(c);
    EXPECT_TRUE(problems_of({{"port", nullptr}, {"name", nullptr}}, &c).empty());
    expect_defaults(c);
}

TEST(ParseConfig, NonObjectGivesDefaultsAndOneProblem) {
    for (const json& bad : {json(nullptr), json(42), json("hosting"), json::array({1, 2})}) {
        plugin_config c;
        const auto problems = problems_of(bad, &c);
        ASSERT_EQ(problems.size(), 1U) << bad;
        EXPECT_NE(problems[0].find("not a JSON object"), std::string::npos);
        expect_defaults(c);
    }
}

TEST(ParseConfig, AcceptsIntegralFloatsAndPortBounds) {
    plugin_config c;
    EXPECT_TRUE(problems_of({{"port", 1337.0}, {"reconnect-interval", 30.0}}, &c).empty());
    EXPECT_EQ(c.port, 1337);
    EXPECT_EQ(c.reconnect_interval, 30);
    EXPECT_TRUE(problems_of({{"port", 1}}, &c).empty());
    EXPECT_EQ(c.port, 1);
    EXPECT_TRUE(problems_of({{"port", 65535}}, &c).empty());
    EXPECT_EQ(c.port, 65535);
}

TEST(ParseConfig, AcceptsAuthorizedNamesAsAList) {
    plugin_config c;
    EXPECT_TRUE(problems_of({{"reconnect-authorized", {" Alice ", "Bob,Eve", ""}}}, &c).empty());
    EXPECT_EQ(c.reconnect_authorized, (std::vector<std::string>{"alice", "bob", "eve"}));
}

/// One bad value for one key: the problem names the key and shows the value.
struct bad_value {
    const char* key;
    json value;
    const char* shown;
};

TEST(ParseConfig, EachBadValueIsOneProblemNamingKeyAndValue) {
    const std::vector<bad_value> cases = {
        {"hosting", "yes", "\"yes\""},
        {"hosting", 1, "1"},
        {"ip", 127001, "127001"},
        {"ip", "", "\"\""},
        {"ip", "   ", "\"   \""},
        {"port", 0, "0"},
        {"port", -1, "-1"},
        {"port", 65536, "65536"},
        {"port", 1337.5, "1337.5"},
        {"port", "1337", "\"1337\""},
        {"port", true, "true"},
        {"port", 18446744073709551615ULL, "18446744073709551615"},
        {"port", 1e300, "1e+300"},
        {"name", 7, "7"},
        {"name", json::array({"a"}), "[\"a\"]"},
        {"color", "#00aaff", "\"#00aaff\""},
        {"color", "00aaf", "\"00aaf\""},
        {"color", "red", "\"red\""},
        {"color", "00aaffff", "\"00aaffff\""},
        {"color", "00aagg", "\"00aagg\""},
        {"color", 0x00aaff, "43775"},
        {"prefix", false, "false"},
        {"reconnect-authorized", 5, "5"},
        {"reconnect-authorized", json::object({{"a", 1}}), "{\"a\":1}"},
        {"reconnect-interval", 2.5, "2.5"},
        {"reconnect-interval", "60", "\"60\""},
        {"reconnect-interval", 1e19, "1e+19"},
        {"reconnect-interval", 9223372036854775808ULL, "9223372036854775808"},
        {"muted", "false", "\"false\""},
        {"deafened", 0, "0"},
    };
    for (const auto& bad : cases) {
        plugin_config c;
        const auto problems = problems_of({{bad.key, bad.value}}, &c);
        ASSERT_EQ(problems.size(), 1U) << bad.key << " = " << bad.value;
        const std::string& p = problems[0];
        EXPECT_NE(p.find(std::string("\"") + bad.key + "\""), std::string::npos) << p;
        EXPECT_NE(p.find(bad.shown), std::string::npos) << p;
        EXPECT_NE(p.find("using"), std::string::npos) << p;
        expect_defaults(c);
    }
}

TEST(ParseConfig, BadValuesKeepOtherKeys) {
    plugin_config c;
    const auto problems =
        problems_of({{"port", 70000}, {"color", "blue"}, {"name", "Ok"}, {"hosting", true}}, &c);
    EXPECT_EQ(problems.size(), 2U);
    EXPECT_EQ(c.port, 1337);
    EXPECT_EQ(c.color, "00aaff");
    EXPECT_EQ(c.name, "Ok");
    EXPECT_TRUE(c.hosting);
}

TEST(ParseConfig, ListsEachBadNameInAList) {
    plugin_config c;
    const auto problems = problems_of({{"reconnect-authorized", {"alice", 3, nullptr}}}, &c);
    EXPECT_EQ(problems.size(), 2U);
    EXPECT_EQ(c.reconnect_authorized, std::vector<std::string>{"alice"});
}

TEST(ParseConfig, ShortensLongValuesInProblems) {
    const auto problems = problems_of({{"port", std::string(10000, '9')}});
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_LT(problems[0].size(), 300U);
}

TEST(ParseConfig, SurvivesInvalidUtf8InValues) {
    const auto problems = problems_of({{"color", "\xFF\xFE"}, {"name", "ok\xC3"}});
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("\"color\""), std::string::npos);
}

TEST(IsAuthorizedName, IgnoresCaseAndSurroundingSpaces) {
    std::vector<std::string> problems;
    const plugin_config c = parse_config({{"reconnect-authorized", "Alice, bob"}}, problems);
    EXPECT_TRUE(csc::omegga::is_authorized_name(c, "alice"));
    EXPECT_TRUE(csc::omegga::is_authorized_name(c, "  ALICE "));
    EXPECT_TRUE(csc::omegga::is_authorized_name(c, "Bob"));
    EXPECT_FALSE(csc::omegga::is_authorized_name(c, "carol"));
    EXPECT_FALSE(csc::omegga::is_authorized_name(c, ""));
    EXPECT_FALSE(csc::omegga::is_authorized_name(c, "alice bob"));
    EXPECT_FALSE(csc::omegga::is_authorized_name(plugin_config{}, "alice"));
}

} // namespace
