#include "csc/omegga/sanitize.hpp"

#include "csc/omegga/emotes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>

namespace {

using csc::omegga::escape_markup;
using csc::omegga::is_emote;
using csc::omegga::is_sanitized_form;
using csc::omegga::sanitize;

/// True when every byte of `text` belongs to a well-formed UTF-8 sequence.
bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = csc::omegga::decode_utf8(text, pos);
        if (!c.valid) {
            return false;
        }
        pos += c.size;
    }
    return true;
}

/// Builds random text from pieces that exercise every rule of sanitize().
std::string random_text(std::mt19937& rng) {
    static constexpr std::array<std::string_view, 30> pieces = {
        "a", "Z", "9", " ", ":", "::", ":egg:", ":pog:", ":UMG:", ":notanemote:", ":e_g:", "<",
        ">", ";", "_", "\\", "\"", "&", "&scl;", "&gt;", "&lt;", "&und;", "<emoji>egg</>",
        "<b>x</>", "\n", "\r\t", "\x7f", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xFF\xC3"};
    std::uniform_int_distribution<std::size_t> count(0, 12);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string out;
    for (std::size_t n = count(rng); n > 0; --n) {
        out += pieces[pick(rng)];
    }
    return out;
}

TEST(Sanitize, EscapesEachSpecialCharacterLikeOmegga) {
    EXPECT_EQ(sanitize("a\\b"), "a\\\\b");
    EXPECT_EQ(sanitize("a;b"), "a&scl;b");
    EXPECT_EQ(sanitize("a>b"), "a&gt;b");
    EXPECT_EQ(sanitize("a_b"), "a&und;b");
    EXPECT_EQ(sanitize("a<b"), "a&lt;b");
    EXPECT_EQ(sanitize("a\"b"), "a\\\"b");
    EXPECT_EQ(sanitize("< > ; _ \\ \""), "&lt; &gt; &scl; &und; \\\\ \\\"");
}

TEST(Sanitize, KeepsPlainTextAndAmpersands) {
    EXPECT_EQ(sanitize("hello world!"), "hello world!");
    EXPECT_EQ(sanitize("fish & chips &scl;"), "fish & chips &scl&scl;");
    EXPECT_EQ(sanitize(""), "");
}

TEST(Sanitize, TurnsKnownEmotesIntoEmojiTags) {
    EXPECT_EQ(sanitize(":egg:"), "<emoji>egg</>");
    EXPECT_EQ(sanitize("Hello :brick: world"), "Hello <emoji>brick</> world");
    EXPECT_EQ(sanitize(":UMG:"), "<emoji>UMG</>");
    EXPECT_EQ(sanitize(":egg::egg:"), "<emoji>egg</><emoji>egg</>");
    EXPECT_EQ(sanitize("::egg:"), ":<emoji>egg</>");
}

TEST(Sanitize, LeavesUnknownEmotesAlone) {
    EXPECT_EQ(sanitize(":notanemote:"), ":notanemote:");
    EXPECT_EQ(sanitize(":EGG:"), ":EGG:");
    EXPECT_EQ(sanitize(":e_g:"), ":e&und;g:");
    EXPECT_EQ(sanitize(":egg"), ":egg");
    EXPECT_EQ(sanitize("::"), "::");
}

TEST(Sanitize, ResumesAfterAnUnknownNameAsJavaScriptDoes) {
    // `/:\w+:/g` consumes ":x:", so the colon before "egg" is gone.
    EXPECT_EQ(sanitize(":x:egg:"), ":x:egg:");
    EXPECT_EQ(sanitize(":x: :egg:"), ":x: <emoji>egg</>");
}

TEST(Sanitize, FindsEmotesOnTheEscapedText) {
    // ";" is escaped first, so its "scl" can never be read as a name.
    EXPECT_EQ(sanitize(":;egg:"), ":&scl;egg:");
    EXPECT_EQ(sanitize(":egg:;"), "<emoji>egg</>&scl;");
}

TEST(Sanitize, EscapesRichTextTags) {
    EXPECT_EQ(sanitize("<b>x</>"), "&lt;b&gt;x&lt;/&gt;");
    EXPECT_EQ(sanitize("<color=\"ff0000\">red</>"), "&lt;color=\\\"ff0000\\\"&gt;red&lt;/&gt;");
    EXPECT_EQ(sanitize("<emoji>egg</>"), "&lt;emoji&gt;egg&lt;/&gt;");
}

TEST(Sanitize, TurnsNewlinesAndControlsIntoSpaces) {
    EXPECT_EQ(sanitize("a\nb\r\nc"), "a b  c");
    EXPECT_EQ(sanitize(std::string_view("a\0b\tc\x1b", 6)), "a b c ");
    EXPECT_EQ(sanitize("a\x7f" "b"), "a b");
    EXPECT_EQ(sanitize("a\xC2\x85" "b"), "a b");          // U+0085 next line
    EXPECT_EQ(sanitize("a\xE2\x80\xA8" "b"), "a b");      // U+2028 line separator
    EXPECT_EQ(sanitize("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(Sanitize, ReplacesInvalidUtf8ByteByByte) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(sanitize("a\xFF" "b"), "a" + fffd + "b");
    EXPECT_EQ(sanitize("\xC3"), fffd);                       // truncated
    EXPECT_EQ(sanitize("\xC0\xAF"), fffd + fffd);            // overlong "/"
    EXPECT_EQ(sanitize("\xED\xA0\x80"), fffd + fffd + fffd); // surrogate
    EXPECT_EQ(sanitize("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd); // above U+10FFFF
    EXPECT_EQ(sanitize("\xE2\x82<"), fffd + fffd + "&lt;");
}

TEST(EscapeMarkup, EscapesWithoutEmotes) {
    EXPECT_EQ(escape_markup(":egg: <b>_;\\\"\n"), ":egg: &lt;b&gt;&und;&scl;\\\\\\\" ");
    EXPECT_EQ(escape_markup("Server Connection"), "Server Connection");
    EXPECT_EQ(escape_markup("[!]"), "[!]");
}

TEST(Emotes, KnowsTheBrickadiaList) {
    EXPECT_TRUE(is_emote("egg"));
    EXPECT_TRUE(is_emote("1984"));
    EXPECT_TRUE(is_emote("UMG"));
    EXPECT_TRUE(is_emote("yellegg"));
    EXPECT_FALSE(is_emote("umg"));
    EXPECT_FALSE(is_emote(""));
    EXPECT_FALSE(is_emote("notanemote"));
    EXPECT_EQ(csc::omegga::emote_names().size(), 156U);
}

TEST(IsSanitizedForm, AcceptsSanitizeOutputs) {
    for (const auto text : {"", "hi", ":egg:", ":x:egg:", "<b>hi</>", "a;b_c>d<e\\f\"g", "&scl;",
                            "::egg:", "\n", "\xFF"}) {
        EXPECT_TRUE(is_sanitized_form(sanitize(text))) << text;
    }
}

TEST(IsSanitizedForm, AcceptsSanitizeOutputsOfGeneratedText) {
    std::mt19937 rng(12345);
    for (int i = 0; i < 5000; ++i) {
        const std::string text = random_text(rng);
        const std::string clean = sanitize(text);
        ASSERT_TRUE(is_valid_utf8(clean)) << text;
        ASSERT_EQ(clean.find('\n'), std::string::npos) << text;
        ASSERT_TRUE(is_sanitized_form(clean)) << text << " -> " << clean;
    }
}

TEST(IsSanitizedForm, RejectsRawMarkup) {
    for (const auto text :
         {"<b>hi</>", "<color=\"ff0000\">x</>", ">", ";", "a_b", "<", "\"", "\\", "\\x",
          "\\\\\"", "<emoji>notanemote</>", "<emoji>egg", "<emoji>eg;g</>", ":x<emoji>egg</>",
          "a\nb", "\t", "\xFF", "\xC3"}) {
        EXPECT_FALSE(is_sanitized_form(text)) << text;
    }
}

TEST(IsSanitizedForm, AcceptsHandWrittenSafeText) {
    for (const auto text : {"hello", "&scl;", "&gt;&lt;", "\\\\", "\\\"", "<emoji>egg</>",
                            ":notanemote:", "fish & chips", "&scl", "caf\xC3\xA9"}) {
        EXPECT_TRUE(is_sanitized_form(text)) << text;
    }
}

TEST(IsSanitizedForm, RejectsGeneratedTextWithRawMarkup) {
    std::mt19937 rng(777);
    for (int i = 0; i < 5000; ++i) {
        const std::string text = random_text(rng);
        // Text holding a character that sanitize() always rewrites cannot be one of its outputs.
        const bool has_raw = text.find_first_of("_\n\r\t\x7f\xff") != std::string::npos;
        if (has_raw) {
            ASSERT_FALSE(is_sanitized_form(text)) << text;
        }
    }
}

} // namespace
