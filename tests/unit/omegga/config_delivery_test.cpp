#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using csc::omegga::parse_config;
using csc::omegga::plugin_config;
using json = nlohmann::json;

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    for (const auto& p : problems) {
        if (p.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(ParseDeliveryConfig, DefaultsMatchDocsDelivery) {
    std::vector<std::string> problems;
    const plugin_config c = parse_config(json::object(), problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_TRUE(c.delivery);
    EXPECT_EQ(c.outbox_max_count, 10000);
    EXPECT_EQ(c.outbox_max_age, 600);
    EXPECT_EQ(c.ping_interval, 15);
    EXPECT_EQ(c.dead_after, 2);
    EXPECT_EQ(c.retention, 600);
    EXPECT_EQ(c.retention_count, 100000);
    EXPECT_EQ(c.log_folder, "data");
    EXPECT_TRUE(c.server_id.empty());
    EXPECT_EQ(c.session, 0U);
}

TEST(ParseDeliveryConfig, GoodValuesAreTaken) {
    std::vector<std::string> problems;
    const plugin_config c = parse_config(
        {{"delivery", false}, {"outbox-max-count", 5}, {"outbox-max-age", 30.0},
         {"ping-interval", 1}, {"dead-after", 3}, {"retention", 60}, {"retention-count", 7},
         {"log-folder", "  chat-log "}},
        problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_FALSE(c.delivery);
    EXPECT_EQ(c.outbox_max_count, 5);
    EXPECT_EQ(c.outbox_max_age, 30);
    EXPECT_EQ(c.ping_interval, 1);
    EXPECT_EQ(c.dead_after, 3);
    EXPECT_EQ(c.retention, 60);
    EXPECT_EQ(c.retention_count, 7);
    EXPECT_EQ(c.log_folder, "chat-log");
}

TEST(ParseDeliveryConfig, EachBadValueIsNamedAndKeepsItsDefault) {
    const std::vector<std::pair<const char*, json>> bad = {
        {"delivery", "yes"},         {"outbox-max-count", 0},  {"outbox-max-count", 1.5},
        {"outbox-max-age", -1},      {"ping-interval", "15"},  {"ping-interval", 0},
        {"dead-after", 1},           {"retention", 0},         {"retention-count", -5},
        {"retention", 1e300},        {"log-folder", 3},        {"outbox-max-age", 2000000000}};
    const plugin_config defaults;
    for (const auto& [key, value] : bad) {
        std::vector<std::string> problems;
        const plugin_config c = parse_config({{key, value}}, problems);
        ASSERT_EQ(problems.size(), 1U) << key << " " << value;
        EXPECT_TRUE(mentions(problems, std::string("\"") + key + "\"")) << problems[0];
        EXPECT_EQ(c.delivery, defaults.delivery);
        EXPECT_EQ(c.outbox_max_count, defaults.outbox_max_count);
        EXPECT_EQ(c.outbox_max_age, defaults.outbox_max_age);
        EXPECT_EQ(c.ping_interval, defaults.ping_interval);
        EXPECT_EQ(c.dead_after, defaults.dead_after);
        EXPECT_EQ(c.retention, defaults.retention);
        EXPECT_EQ(c.retention_count, defaults.retention_count);
        EXPECT_EQ(c.log_folder, defaults.log_folder);
    }
}

} // namespace
