#include "csc/omegga/config.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using csc::omegga::parse_config;
using csc::omegga::plugin_config;
using json = nlohmann::json;

/// One delivery key of the config and how to read its value back from a plugin_config.
struct delivery_key {
    const char* key;
    json (*read)(const plugin_config&);
};

/// Every delivery key (docs/delivery.md), in the order of the config table.
const std::vector<delivery_key> delivery_keys = {
    {"delivery", [](const plugin_config& c) { return json(c.delivery); }},
    {"outbox-max-count", [](const plugin_config& c) { return json(c.outbox_max_count); }},
    {"outbox-max-age", [](const plugin_config& c) { return json(c.outbox_max_age); }},
    {"ping-interval", [](const plugin_config& c) { return json(c.ping_interval); }},
    {"dead-after", [](const plugin_config& c) { return json(c.dead_after); }},
    {"retention", [](const plugin_config& c) { return json(c.retention); }},
    {"retention-count", [](const plugin_config& c) { return json(c.retention_count); }},
    {"log-folder", [](const plugin_config& c) { return json(c.log_folder); }},
};

/// Checks every delivery key of `c` against its value in `expected`.
void expect_delivery_keys(const plugin_config& c, const json& expected) {
    for (const auto& k : delivery_keys) {
        EXPECT_EQ(k.read(c), expected.at(k.key)) << k.key;
    }
}

TEST(ParseDeliveryConfig, DefaultsMatchDocsDelivery) {
    std::vector<std::string> problems;
    const plugin_config c = parse_config(json::object(), problems);
    EXPECT_TRUE(problems.empty());
    expect_delivery_keys(c, {{"delivery", true},
                             {"outbox-max-count", 10000},
                             {"outbox-max-age", 600},
                             {"ping-interval", 15},
                             {"dead-after", 2},
                             {"retention", 600},
                             {"retention-count", 100000},
                             {"log-folder", "data"}});
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
    expect_delivery_keys(c, {{"delivery", false},
                             {"outbox-max-count", 5},
                             {"outbox-max-age", 30},
                             {"ping-interval", 1},
                             {"dead-after", 3},
                             {"retention", 60},
                             {"retention-count", 7},
                             {"log-folder", "chat-log"}});
}

TEST(ParseDeliveryConfig, EachBadValueIsNamedAndKeepsItsDefault) {
    const std::vector<std::pair<const char*, json>> bad = {
        {"delivery", "yes"},         {"outbox-max-count", 0},  {"outbox-max-count", 1.5},
        {"outbox-max-age", -1},      {"ping-interval", "15"},  {"ping-interval", 0},
        {"dead-after", 1},           {"retention", 0},         {"retention-count", -5},
        {"retention", 1e300},        {"log-folder", 3},        {"outbox-max-age", 2000000000}};
    const plugin_config defaults;
    json default_values;
    for (const auto& k : delivery_keys) {
        default_values[k.key] = k.read(defaults);
    }
    for (const auto& [key, value] : bad) {
        std::vector<std::string> problems;
        const plugin_config c = parse_config({{key, value}}, problems);
        ASSERT_EQ(problems.size(), 1U) << key << " " << value;
        EXPECT_NE(problems[0].find(std::string("\"") + key + "\""), std::string::npos)
            << problems[0];
        SCOPED_TRACE(std::string(key) + " " + value.dump());
        expect_delivery_keys(c, default_values);
    }
}

} // namespace
