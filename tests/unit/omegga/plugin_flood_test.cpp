#include "csc/omegga/plugin.hpp"

#include "csc/omegga/chat_flood.hpp"
#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/sanitize.hpp"
#include "plugin_fakes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using csc::omegga::test::harness;
using json = nlohmann::json;

void chat(harness& h, const std::string& player, const std::string& text) {
    h.notify("chat", {player, text});
}

TEST(PluginFlood, AFloodingPlayerSendsTheBurstAndIsToldOnce) {
    harness h;
    (void)h.init({{"chat-rate", 1}, {"chat-burst", 5}});
    for (int i = 0; i < 20; ++i) {
        chat(h, "ann", "spam " + std::to_string(i));
    }
    ASSERT_EQ(h.calls.messages.size(), 5U);
    EXPECT_EQ(h.calls.messages[4].content, "spam 4");
    EXPECT_EQ(h.port.whispers("ann"),
              std::vector<std::string>{std::string(csc::omegga::flood_warning_line)});
    // Others are not held back by her flood.
    chat(h, "bob", "hello");
    ASSERT_EQ(h.calls.messages.size(), 6U);
    EXPECT_EQ(h.calls.messages[5].user, "bob");
    EXPECT_TRUE(h.port.whispers("bob").empty());
}

TEST(PluginFlood, MessagesFlowAgainAfterRefillAndANewFloodIsToldAgain) {
    harness h;
    (void)h.init({{"chat-rate", 2}, {"chat-burst", 2}});
    for (int i = 0; i < 4; ++i) {
        chat(h, "ann", "a");
    }
    EXPECT_EQ(h.calls.messages.size(), 2U);
    h.sched.advance(500ms); // one token back
    chat(h, "ann", "b");
    EXPECT_EQ(h.calls.messages.size(), 3U);
    EXPECT_EQ(h.port.whispers("ann").size(), 1U);
    h.sched.advance(1000ms); // full again: the episode is over
    for (int i = 0; i < 3; ++i) {
        chat(h, "ann", "c");
    }
    EXPECT_EQ(h.calls.messages.size(), 5U);
    EXPECT_EQ(h.port.whispers("ann").size(), 2U);
}

TEST(PluginFlood, MutedChatDoesNotSpendTheBudget) {
    harness h;
    (void)h.init({{"muted", true}, {"chat-burst", 1}});
    for (int i = 0; i < 3; ++i) {
        chat(h, "ann", "x");
    }
    EXPECT_TRUE(h.port.whispers("ann").empty());
    EXPECT_EQ(h.plugin.flood().tracked(), 0U);
}

TEST(PluginFlood, LeavingAndPlayerListsForgetBuckets) {
    harness h;
    (void)h.init();
    chat(h, "ann", "x");
    chat(h, "bob", "y");
    chat(h, "cat", "z");
    EXPECT_EQ(h.plugin.flood().tracked(), 3U);
    h.notify("leave", json::array({{{"name", "ann"}, {"id", "1"}}}));
    EXPECT_EQ(h.plugin.flood().tracked(), 2U);
    h.notify("plugin:players:raw",
             json::array({json::array({json::array({"bob", "bob", "2", "c", "s"})})}));
    EXPECT_EQ(h.plugin.flood().tracked(), 1U);
}

TEST(PluginFlood, TheFloodLogNamesThePlayerOnce) {
    harness h;
    (void)h.init({{"chat-burst", 1}});
    for (int i = 0; i < 5; ++i) {
        chat(h, "ann", "x");
    }
    std::size_t mentions = 0;
    for (const json& line : h.port.notifications("info")) {
        if (line.dump().find("ann") != std::string::npos) {
            ++mentions;
        }
    }
    EXPECT_EQ(mentions, 1U);
}

TEST(PluginChat, LongChatIsCutBeforeSendingOnAnEntityBoundary) {
    harness h;
    (void)h.init();
    std::string text;
    while (text.size() < 3000) {
        text += ";_<>\\\" x ";
    }
    chat(h, "ann", text);
    ASSERT_EQ(h.calls.messages.size(), 1U);
    const std::string& sent = h.calls.messages[0].content;
    EXPECT_LE(csc::omegga::utf16_length(sent), csc::omegga::max_sent_content_units);
    EXPECT_LT(sent.size(), 4096U);
    EXPECT_TRUE(csc::omegga::is_sanitized_form(
        std::string_view(sent).substr(0, sent.size() - csc::omegga::ellipsis.size())))
        << sent.substr(sent.size() - 40);
}

} // namespace
