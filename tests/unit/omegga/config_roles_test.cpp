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

TEST(ConfigRoles, ARoleMatchesInAnyCase) {
    std::vector<std::string> problems;
    const auto c = parse_config({{"authorized-roles", "Moderator"}}, problems);
    EXPECT_TRUE(has_authorized_role(c, json::array({"Player", " MODERATOR "})));
    EXPECT_FALSE(has_authorized_role(c, json::array({"Player", 7})));
    EXPECT_FALSE(has_authorized_role(c, nullptr));
    EXPECT_FALSE(has_authorized_role(plugin_config{}, json::array({"Moderator"})));
}

} // namespace
