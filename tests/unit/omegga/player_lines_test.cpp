#include "csc/omegga/player_lines.hpp"

#include "csc/omegga/help.hpp"
#include "csc/omegga/who_lines.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace csc::omegga;

const server_style beta{"ff0000", "[B]", "Beta"};

TEST(PlayerLines, WhisperLinesToTheCharacter) {
    EXPECT_EQ(whisper_received_line(beta, "Ann", "hi &scl;)"),
              R"(<color="ff0000">[B] <b>Ann</> whispers:</> hi &scl;))");
    EXPECT_EQ(whisper_sent_line(beta, "Bob", "hello"),
              R"(<color="ff0000">To [B] <b>Bob</>:</> hello)");
    EXPECT_EQ(no_such_player_line("zed"),
              R"(<color="ff5555">No player named <b>zed</> is online.</>)");
    EXPECT_EQ(player_offline_line("Bob"), R"(<color="ff5555"><b>Bob</> is no longer online.</>)");
    EXPECT_EQ(whispers_unsupported_line(beta),
              R"(<color="ff5555">[B] <b>Beta</> does not support whispers.</>)");
    EXPECT_EQ(players_unshared_line(beta),
              R"(<color="aaaaaa">[B] <b>Beta</> does not share its players: /csc who and /csc msg cannot see them.</>)");
}

TEST(PlayerLines, NamesFromPeersAreEscapedAndContentIsCut) {
    const server_style evil{"\"><b>", "<i>", "x_y"};
    EXPECT_EQ(whisper_received_line(evil, "<b>A;", "ok"),
              R"(<color="00aaff">&lt;i&gt; <b>&lt;b&gt;A&scl;</> whispers:</> ok)");
    const std::string long_content(2000, 'a');
    const std::string line = whisper_sent_line(beta, std::string(300, 'n'), long_content);
    EXPECT_LE(utf16_length(line), max_line_units);
    EXPECT_TRUE(line.ends_with(ellipsis));
}

TEST(PlayerLines, AmbiguousListsWhatFitsThenAnEllipsis) {
    EXPECT_EQ(ambiguous_player_line("al", {"Alice@A", "Alan@B<"}),
              R"(<color="ff5555"><b>al</> matches several players: Alice@A, Alan@B&lt;. Type one of these (name@server) or more of the name.</>)");
    std::vector<std::string> many(100, std::string(90, 'x'));
    const std::string line = ambiguous_player_line("x", many);
    EXPECT_LE(utf16_length(line), max_line_units);
    EXPECT_NE(line.find(std::string(", ") + std::string(ellipsis) + ". Type one of these"),
              std::string::npos);
}

TEST(PlayerLines, NoSuchServerAndUnconfirmedWhisper) {
    EXPECT_EQ(no_such_server_line("Ma<rs"),
              R"(<color="ff5555">No server matches <b>Ma&lt;rs</>: use its ID, prefix or name from /csc list.</>)");
    EXPECT_EQ(whisper_unconfirmed_line("Bob;"),
              R"(<color="ff5555">Your whisper to <b>Bob&scl;</> could not be confirmed: it may not have arrived.</>)");
    const std::string long_name(500, 'n');
    EXPECT_LE(utf16_length(no_such_server_line(long_name)), max_line_units);
    EXPECT_LE(utf16_length(whisper_unconfirmed_line(long_name)), max_line_units);
}

TEST(PlayerLines, IgnoreAndHideLines) {
    EXPECT_EQ(ignore_added_line("00aaff", "Bob"),
              R"(<color="00aaff">Ignoring <b>Bob</>: their cross-server chat and whispers are hidden from you.</>)");
    EXPECT_EQ(ignore_already_line("00aaff", "Bob"), R"(<color="00aaff">You already ignore <b>Bob</>.</>)");
    EXPECT_EQ(ignore_removed_line("00aaff", "Bob"), R"(<color="00aaff">No longer ignoring <b>Bob</>.</>)");
    EXPECT_EQ(not_ignoring_line("Bo"), R"(<color="ff5555">You are not ignoring <b>Bo</>.</>)");
    EXPECT_EQ(ignore_list_lines("00aaff", {}),
              std::vector<std::string>{R"(<color="00aaff">You are not ignoring anyone.</>)"});
    EXPECT_EQ(ignore_list_lines("00aaff", {"Bob", "Cy"}),
              std::vector<std::string>{R"(<color="00aaff">You ignore: <b>Bob</>, <b>Cy</></>)"});
    EXPECT_EQ(hide_line("00aaff", true),
              R"(<color="00aaff"><b>Hidden.</> Messages from other servers will not be shown to you.</>)");
    EXPECT_EQ(hide_line("00aaff", false),
              R"(<color="00aaff"><b>Unhidden.</> Messages from other servers will be shown to you.</>)");
}

TEST(PlayerLines, ALongIgnoreListWrapsUnderTheLimit) {
    std::vector<std::string> names(100, std::string(96, 'z'));
    const auto lines = ignore_list_lines("00aaff", names);
    ASSERT_GT(lines.size(), 1U);
    std::size_t shown = 0;
    for (const std::string& line : lines) {
        EXPECT_LE(utf16_length(line), max_line_units);
        EXPECT_TRUE(line.starts_with(R"(<color="00aaff">)"));
        EXPECT_TRUE(line.ends_with("</>"));
        for (std::size_t pos = line.find("<b>"); pos != std::string::npos;
             pos = line.find("<b>", pos + 1)) {
            ++shown;
        }
    }
    EXPECT_EQ(shown, 100U);
}

TEST(WhoLines, HeaderAndOneServer) {
    EXPECT_EQ(who_header_line("00aaff", 1, 1),
              R"(<color="00aaff"><b>1 player</> online on <b>1 server</>.</>)");
    EXPECT_EQ(who_header_line("00aaff", 5, 3),
              R"(<color="00aaff"><b>5 players</> online on <b>3 servers</>.</>)");
    EXPECT_EQ(who_server_lines({beta, std::vector<std::string>{"Ann", "b_b"}}),
              std::vector<std::string>{
                  R"(<color="ff0000">[B] <b>Beta</></> <color="aaaaaa">(2 players)</>: Ann, b&und;b)"});
    EXPECT_EQ(who_server_lines({beta, std::vector<std::string>{}}),
              std::vector<std::string>{R"(<color="ff0000">[B] <b>Beta</></> <color="aaaaaa">(0 players)</>)"});
    EXPECT_EQ(who_server_lines({beta, std::nullopt}),
              std::vector<std::string>{players_unshared_line(beta)});
}

TEST(WhoLines, ManyLongNamesWrapUnder512AndKeepEveryName) {
    std::vector<std::string> names;
    for (int i = 0; i < 250; ++i) {
        names.push_back(std::string(80, static_cast<char>('a' + i % 26)) + ";" + std::to_string(i));
    }
    const auto lines = who_server_lines({beta, names});
    ASSERT_GT(lines.size(), 40U);
    std::string all;
    for (const std::string& line : lines) {
        EXPECT_LE(utf16_length(line), max_line_units);
        all += line + ", ";
    }
    for (int i = 0; i < 250; ++i) {
        EXPECT_NE(all.find("&scl;" + std::to_string(i) + ","), std::string::npos) << i;
    }
    EXPECT_TRUE(lines[0].find("(250 players)") != std::string::npos);
}

TEST(Help, AuthorizedPlayersSeeEveryCommandOthersOnlyTheirs) {
    const auto everyone = help_lines("00aaff", false);
    const auto authorized = help_lines("00aaff", true);
    EXPECT_EQ(everyone.front(), R"(<color="00aaff"><b>Cross-server chat commands:</></>)");
    EXPECT_EQ(everyone.size(), 1U + 8U);
    EXPECT_EQ(authorized.size(), 1U + help_entries.size());
    EXPECT_EQ(everyone[3],
              R"(<color="00aaff">/csc who</> <color="aaaaaa">the players on every server</>)");
    EXPECT_EQ(everyone[4],
              R"(<color="00aaff">/csc msg PLAYER MESSAGE</> <color="aaaaaa">whisper to a player on any server (PLAYER@SERVER when the name is on several)</>)");
    for (const std::string& line : everyone) {
        EXPECT_EQ(line.find("/csc mute"), std::string::npos);
        EXPECT_LE(utf16_length(line), max_line_units);
    }
    EXPECT_NE(authorized.back().find("/csc reconnect"), std::string::npos);
}

} // namespace
