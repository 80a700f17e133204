#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace csc::omegga;
using json = nlohmann::json;

TEST(ConfigRoles, AListOrACommaSeparatedStringIsTrimmedAndLowerCased) {
    std::vector<std::string> problems;
    const auto c = parse_config({{"authorized-roles", json::array({" Admin", "Mod, Helper ", ""})}},
                                problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(c.authorized_roles, (std::vector<std::string>{"admin", "mod", "helper"}));
    const auto s = parse_config({{"authorized-roles", "Admin,,Mod"}}, problems);
    EXPECT_EQ(s.authorized_roles, (std::vector<std::string>{"admin", "mod"}));
    EXPECT_TRUE(parse_config(json::object(), problems).authorized_roles.empty());
}

TEST(ConfigRoles, BadValuesAreReportedAndSkipped) {
    std::vector<std::string> problems;
    const auto c = parse_config({{"authorized-roles", json::array({"Admin", 3})}}, problems);
    EXPECT_EQ(c.authorized_roles, std::vector<std::string>{"admin"});
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("authorized-roles"), std::string::npos);
    problems.clear();
    EXPECT_TRUE(parse_config({{"authorized-roles", 5}}, problems).authorized_roles.empty());
    EXPECT_EQ(problems.size(), 1U);
}

TEST(ConfigWhisperTimeout, WholeSecondsFromOneToADay) {
    std::vector<std::string> problems;
    EXPECT_EQ(parse_config(json::object(), problems).whisper_timeout, 10);
    EXPECT_EQ(parse_config({{"whisper-timeout", 1}}, problems).whisper_timeout, 1);
    EXPECT_EQ(parse_config({{"whisper-timeout", 86400}}, problems).whisper_timeout, 86400);
    EXPECT_TRUE(problems.empty());
    for (const json& bad : {json(0), json(-5), json(1.5), json("3"), json(86401), json(1e300)}) {
        problems.clear();
        EXPECT_EQ(parse_config({{"whisper-timeout", bad}}, problems).whisper_timeout, 10) << bad;
        ASSERT_EQ(problems.size(), 1U) << bad;
        EXPECT_EQ(problems[0].rfind("config \"whisper-timeout\"", 0), 0U) << problems[0];
        EXPECT_NE(problems[0].find("using 10"), std::string::npos) << problems[0];
    }
}

TEST(ConfigRoles, ARoleMatchesInAnyCase) {
    std::vector<std::string> problems;
    const auto c = parse_config({{"authorized-roles", "Moderator"}}, problems);
    EXPECT_TRUE(has_authorized_role(c, json::array({"Player", " MODERATOR "})));
    EXPECT_FALSE(has_authorized_role(c, json::array({"Player", 7})));
    EXPECT_FALSE(has_authorized_role(c, nullptr));
    EXPECT_FALSE(has_authorized_role(plugin_config{}, json::array({"Moderator"})));
}

} // namespace
