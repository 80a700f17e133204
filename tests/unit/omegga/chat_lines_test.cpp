#include "csc/omegga/chat_lines.hpp"

#include "csc/omegga/sanitize.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace o = csc::omegga;

const o::server_style normal{"00aaff", "[!]", "Server Connection"};
const std::string emoji = "\xF0\x9F\x98\x80"; // U+1F600, 2 UTF-16 units
const std::string clef = "\xF0\x9D\x84\x9E";  // U+1D11E, 2 UTF-16 units
const std::string e_acute = "\xC3\xA9";       // 1 unit, 2 bytes
const std::string euro = "\xE2\x82\xAC";      // 1 unit, 3 bytes

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += piece;
    }
    return out;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = o::decode_utf8(text, pos);
        if (!c.valid) {
            return false;
        }
        pos += c.size;
    }
    return true;
}

/// Hostile raw texts of at least 5,000 characters.
std::vector<std::string> adversarial_texts() {
    return {repeat("<", 5000),
            repeat(";", 5000),
            repeat("_", 5000),
            repeat("\\", 5000),
            repeat("\"", 5000),
            repeat(emoji, 5000),
            repeat(clef, 5000),
            repeat(e_acute, 5000),
            repeat(euro, 5000),
            repeat(":egg:", 1000),
            repeat("a<b>;_\\\"" + emoji + e_acute + ":egg:\n", 500),
            repeat("\xFF\xC3", 2500),
            repeat("x", 5000)};
}

TEST(ChatLines, MatchTheOriginalTextsExactly) {
    EXPECT_EQ(o::server_connected_line(normal, 3),
              "<color=\"00aaff\">[!] <b>Server Connection</> has connected to chat with 3 players "
              "online.</>");
    EXPECT_EQ(o::connected_to_host_line(normal, 5),
              "<color=\"00aaff\">Connected to host chat <b>Server Connection</> with 5 players "
              "online.</>");
    EXPECT_EQ(o::server_disconnected_line(normal),
              "<color=\"00aaff\">[!] <b>Server Connection</> has disconnected from chat.</>");
    EXPECT_EQ(o::left_network_line("ff8800"), "<color=\"ff8800\">Disconnected from chat.</>");
    EXPECT_EQ(o::player_joined_line(normal, "Alice"),
              "<color=\"00aaff\">[!] <b>Alice</> has joined <b>Server Connection</>.</>");
    EXPECT_EQ(o::player_left_line(normal, "Alice"),
              "<color=\"00aaff\">[!] <b>Alice</> has left <b>Server Connection</>.</>");
    EXPECT_EQ(o::chat_line(normal, "Alice", "hello <emoji>egg</> &scl;)"),
              "<color=\"00aaff\">[!] <b>Alice</>:</> hello <emoji>egg</> &scl;)");
    EXPECT_EQ(o::list_header_line("00aaff", 1),
              "<color=\"00aaff\">A total of <b>1 connections</> are active.</>");
    EXPECT_EQ(o::list_entry_line(2, normal, false),
              "<color=\"aaaaaa\">(ID 2)</> <color=\"00aaff\">[!] <b>Server Connection</></>");
    EXPECT_EQ(o::list_entry_line(0, normal, true),
              "<color=\"aaaaaa\">(ID 0)</> <color=\"00aaff\">[!] <b>Server Connection</></> "
              "<color=\"aaaaaa\">(HOST)</>");
}

TEST(ChatLines, MatchTheOriginalToggleTexts) {
    EXPECT_EQ(o::mute_line("00aaff", true),
              "<color=\"00aaff\"><b>Muted.</> Messages will no longer be shown to other "
              "servers.</>");
    EXPECT_EQ(o::mute_line("00aaff", false),
              "<color=\"00aaff\"><b>Unmuted.</> Messages will be shown to other servers.</>");
    EXPECT_EQ(o::deafen_line("00aaff", true),
              "<color=\"00aaff\"><b>Deafened.</> Messages from other servers will not be "
              "shown.</>");
    EXPECT_EQ(o::deafen_line("00aaff", false),
              "<color=\"00aaff\"><b>Undeafened.</> Messages from other servers will be shown.</>");
    EXPECT_EQ(o::not_authorized_line, "You are not authorized to use that command.");
    EXPECT_EQ(o::invalid_subcommand_line, "Invalid subcommand.");
    EXPECT_EQ(o::reconnecting_line, "Attempting to reconnect...");
}

TEST(ChatLines, EscapePeerNamesPrefixesAndUsernames) {
    const o::server_style evil{"123456", "<b>;", "a_b\"c\\"};
    EXPECT_EQ(o::player_joined_line(evil, "<color=\"f00\">x</>\n"),
              "<color=\"123456\">&lt;b&gt;&scl; <b>&lt;color=\\\"f00\\\"&gt;x&lt;/&gt; </> has "
              "joined <b>a&und;b\\\"c\\\\</>.</>");
    EXPECT_EQ(o::server_disconnected_line({"00aaff", ":egg:", ":egg:"}),
              "<color=\"00aaff\">:egg: <b>:egg:</> has disconnected from chat.</>");
}

TEST(ChatLines, FallBackToDefaultColour) {
    for (const auto bad : {"", "red", "#00aaff", "00aaf", "00aaff0", "00aafg", "\"><b>x"}) {
        EXPECT_EQ(o::left_network_line(bad), "<color=\"00aaff\">Disconnected from chat.</>")
            << bad;
        EXPECT_EQ(o::display_color(bad), "00aaff");
    }
    EXPECT_EQ(o::display_color("ABCdef"), "ABCdef");
    EXPECT_TRUE(o::is_hex_color("0123ff"));
    EXPECT_EQ(o::server_connected_line({"nope", "[!]", "S"}, 0),
              "<color=\"00aaff\">[!] <b>S</> has connected to chat with 0 players online.</>");
}

TEST(Utf16Length, CountsCodeUnits) {
    EXPECT_EQ(o::utf16_length(""), 0U);
    EXPECT_EQ(o::utf16_length("abc"), 3U);
    EXPECT_EQ(o::utf16_length(e_acute), 1U);
    EXPECT_EQ(o::utf16_length(euro), 1U);
    EXPECT_EQ(o::utf16_length(emoji), 2U);
    EXPECT_EQ(o::utf16_length(o::ellipsis), 1U);
    EXPECT_EQ(o::utf16_length("\xFF\xC3"), 2U);
}

TEST(EscapeCapped, KeepsTextThatFits) {
    EXPECT_EQ(o::escape_capped(repeat("a", 96), 96), repeat("a", 96));
    EXPECT_EQ(o::escape_capped("a;b", 7), "a&scl;b");
}

TEST(EscapeCapped, CutsOnCharacterBoundariesWithAnEllipsis) {
    EXPECT_EQ(o::escape_capped(repeat("a", 97), 96), repeat("a", 95) + "\xE2\x80\xA6");
    EXPECT_EQ(o::escape_capped(repeat(";", 20), 96), repeat("&scl;", 19) + "\xE2\x80\xA6");
    EXPECT_EQ(o::escape_capped(repeat("a", 94) + emoji + "b", 96),
              repeat("a", 94) + "\xE2\x80\xA6");
    EXPECT_EQ(o::escape_capped("abc", 0), "");
    EXPECT_EQ(o::escape_capped("abc", 1), "\xE2\x80\xA6");
}

TEST(EscapeCapped, AlwaysYieldsAnEscapedPrefix) {
    for (const auto& raw : adversarial_texts()) {
        for (const std::size_t cap : {1U, 2U, 5U, 17U, 64U, 96U}) {
            const std::string out = o::escape_capped(raw, cap);
            ASSERT_LE(o::utf16_length(out), cap);
            ASSERT_TRUE(out.ends_with(o::ellipsis));
            const std::string body = out.substr(0, out.size() - o::ellipsis.size());
            // Escape `raw` one character at a time until the output is as long as `body`.
            std::string escaped;
            std::size_t pos = 0;
            while (escaped.size() < body.size() && pos < raw.size()) {
                pos += o::append_escaped_char(escaped, raw, pos);
            }
            const bool found = escaped == body;
            ASSERT_TRUE(found) << "cap " << cap << ": " << out;
        }
    }
}

TEST(TruncateSanitized, NeverCutsAnEscapeATagOrACharacter) {
    const std::string dots = "\xE2\x80\xA6";
    EXPECT_EQ(o::truncate_sanitized("abcdef", 6), "abcdef");
    EXPECT_EQ(o::truncate_sanitized("abcdef", 5), "abcd" + dots);
    EXPECT_EQ(o::truncate_sanitized("ab&scl;cd", 6), "ab" + dots);
    EXPECT_EQ(o::truncate_sanitized("ab&scl;cd", 8), "ab&scl;" + dots);
    EXPECT_EQ(o::truncate_sanitized("ab\\\\cd", 4), "ab" + dots);
    EXPECT_EQ(o::truncate_sanitized("ab\\\"cd", 5), "ab\\\"" + dots);
    EXPECT_EQ(o::truncate_sanitized("a<emoji>egg</>b", 10), "a" + dots);
    EXPECT_EQ(o::truncate_sanitized("a<emoji>egg</>bc", 15), "a<emoji>egg</>" + dots);
    EXPECT_EQ(o::truncate_sanitized("a" + emoji + "b", 3), "a" + dots);
}

TEST(TruncateSanitized, KeepsSanitizedFormOfLongMessages) {
    for (const auto& raw : adversarial_texts()) {
        const std::string content = o::sanitize(raw);
        for (const std::size_t cap : {1U, 7U, 100U, 324U, 511U}) {
            const std::string out = o::truncate_sanitized(content, cap);
            ASSERT_LE(o::utf16_length(out), cap);
            ASSERT_TRUE(out.ends_with(o::ellipsis));
            const std::string body = out.substr(0, out.size() - o::ellipsis.size());
            ASSERT_TRUE(o::is_sanitized_form(body)) << body;
        }
    }
}

TEST(ChatLines, ChatLineUsesTheWholeLimitAndNoMore) {
    const std::string head = "<color=\"00aaff\">[!] <b>Alice</>:</> ";
    const std::size_t room = o::max_line_units - o::utf16_length(head);
    const std::string fits = repeat("a", room);
    EXPECT_EQ(o::chat_line(normal, "Alice", fits), head + fits);
    EXPECT_EQ(o::chat_line(normal, "Alice", fits + "a"),
              head + repeat("a", room - 1) + "\xE2\x80\xA6");
}

TEST(ChatLines, EveryLineStaysUnderTheLimitWithHostileInput) {
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
    constexpr auto highest = std::numeric_limits<std::int64_t>::max();
    constexpr auto most = std::numeric_limits<std::size_t>::max();
    using line_fn = std::function<std::string(const o::server_style&, const std::string&)>;
    const std::vector<line_fn> lines = {
        [](const auto& s, const auto&) { return o::server_connected_line(s, lowest); },
        [](const auto& s, const auto&) { return o::connected_to_host_line(s, highest); },
        [](const auto& s, const auto&) { return o::server_disconnected_line(s); },
        [](const auto& s, const auto&) { return o::left_network_line(s.color); },
        [](const auto& s, const auto& t) { return o::player_joined_line(s, t); },
        [](const auto& s, const auto& t) { return o::player_left_line(s, t); },
        [](const auto& s, const auto& t) { return o::chat_line(s, t, o::sanitize(t)); },
        [](const auto& s, const auto&) { return o::list_header_line(s.color, most); },
        [](const auto& s, const auto&) { return o::list_entry_line(lowest, s, true); },
        [](const auto& s, const auto&) { return o::mute_line(s.color, true); },
        [](const auto& s, const auto&) { return o::deafen_line(s.color, false); },
    };
    for (const auto& text : adversarial_texts()) {
        const o::server_style style{text, text, text};
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string line = lines[i](style, text);
            ASSERT_LT(o::utf16_length(line), 512U) << "line function " << i;
            ASSERT_TRUE(is_valid_utf8(line)) << "line function " << i;
            ASSERT_EQ(line.find_first_of("\r\n"), std::string::npos) << "line function " << i;
            ASSERT_TRUE(line.starts_with("<color=\"00aaff\">") ||
                        line.starts_with("<color=\"aaaaaa\">"))
                << "line function " << i;
        }
    }
}

} // namespace
