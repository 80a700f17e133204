// What decode reports of a frame in the encoder's own layout (decode_result::plain): only
// such frames are marked, the facts it states about their text (no DEL or C1 control, no
// markup bracket in the username) are exactly those of the decoded strings, the identifier
// splice gives encode()'s output, and decode_into gives what decode gives whatever the
// result held before.
#include "csc/protocol/codec.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "csc/protocol/relay_bytes.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace csc::protocol {
namespace {

/// Whether `text` (well-formed UTF-8 without C0 controls) has DEL or a C1 control.
bool has_del_or_c1(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0x7f || (c == 0xc2 && i + 1 < text.size() &&
                          static_cast<unsigned char>(text[i + 1]) < 0xa0)) {
            return true;
        }
    }
    return false;
}

/// The facts decode(frame).plain states, checked against the decoded packet, and the
/// splice checked against encode().
void expect_plain_facts(const std::string& frame) {
    const auto d = decode(frame);
    if (!d.plain.taken) {
        return;
    }
    ASSERT_TRUE(d) << frame;
    std::string username;
    std::string content;
    packet stamped = d.value;
    std::visit([&](auto& v) {
        if constexpr (requires { v.username; }) {
            username = v.username;
            v.id = 77;
        }
        if constexpr (requires { v.content; }) {
            content = v.content;
        }
    }, stamped);
    EXPECT_EQ(d.plain.printable, !has_del_or_c1(username) && !has_del_or_c1(content)) << frame;
    EXPECT_EQ(d.plain.username_without_markup,
              username.find_first_of("<>") == std::string::npos)
        << frame;
    std::string out = "kept";
    append_with_identifier(out, frame, d.plain, 77);
    EXPECT_EQ(out, "kept" + encode(stamped)) << frame;
    EXPECT_EQ(out.substr(4), encode(stamped, {.extensions = false})) << frame;
}

TEST(PlainLayout, OnlyTheEncodersLayoutIsMarked) {
    EXPECT_TRUE(decode(R"({"type":"message","identifier":1,"username":"a","content":"b"})").plain.taken);
    EXPECT_TRUE(decode(R"({"type":"join","identifier":1,"username":"a"})" "\n").plain.taken);
    EXPECT_TRUE(decode(R"({"type":"leave","identifier":1,"username":"a"})").plain.taken);
    for (const std::string frame : {
             R"({ "type":"message","identifier":1,"username":"a","content":"b"})",
             R"({"type":"message","identifier":1,"username":"a","content":"\u0062"})",
             R"({"type":"message","identifier":1,"username":"a","content":"b","sanitized":false})",
             R"({"type":"message","identifier":1,"username":"a","content":"b","playerId":"p"})",
             R"({"type":"message","identifier":01,"username":"a","content":"b"})",
             R"({"type":"message","identifier":2147483648,"username":"a","content":"b"})",
             R"({"type":"ping"})",
             R"({"type":"message","identifier":1,"username":"a"})",
         }) {
        EXPECT_FALSE(decode(frame).plain.taken) << frame;
    }
}

TEST(PlainLayout, TextFactsAreThoseOfTheDecodedStrings) {
    const auto facts = [](const std::string& username, const std::string& content) {
        const auto d = decode(R"({"type":"message","identifier":1,"username":")" + username +
                              R"(","content":")" + content + R"("})");
        EXPECT_TRUE(d.plain.taken) << username << " / " << content;
        return std::pair{d.plain.printable, d.plain.username_without_markup};
    };
    EXPECT_EQ(facts("bob", "hello"), std::pair(true, true));
    EXPECT_EQ(facts("bob", "<b>markup</b> in content is fine"), std::pair(true, true));
    EXPECT_EQ(facts("<b>bob", "hi"), std::pair(true, false));
    EXPECT_EQ(facts("bob>", "hi"), std::pair(true, false));
    EXPECT_EQ(facts("bob\x7f", "hi"), std::pair(false, true));
    EXPECT_EQ(facts("bob", "hi\x7f"), std::pair(false, true));
    EXPECT_EQ(facts("bob\xc2\x85", "hi"), std::pair(false, true)) << "C1 (U+0085)";
    EXPECT_EQ(facts("bob", "\xc2\x9f"), std::pair(false, true)) << "C1 (U+009F)";
    EXPECT_EQ(facts("bob\xc2\xa0", "\xc2\xa0 é ☃ 😀"), std::pair(true, true)) << "U+00A0 is no control";
    // In every lane of a sixteen-byte block, and past it.
    for (std::size_t at = 0; at <= 40; ++at) {
        for (const std::string special : {"\x7f", "<", ">", "\xc2\x85", "\xc3\xa9"}) {
            std::string text(40, 'a');
            text.insert(at, special);
            expect_plain_facts(R"({"type":"message","identifier":1,"username":")" + text +
                               R"(","content":")" + text + R"("})");
            expect_plain_facts(R"({"type":"join","identifier":1,"username":")" + text + R"("})");
        }
    }
}

TEST(PlainLayout, FactsHoldOnMutatedFrames) {
    const std::string base =
        "{\"type\":\"message\",\"identifier\":12,\"username\":\"bo\xc2\xa0"
        "b\",\"content\":\"hi there, a longer content than one block \xc2\xa0<x>\"}";
    const std::string bytes = "\"\\<>\x7f\x80\x85\x9f\xa0\xc2\xc3 a0";
    std::mt19937 rng(20261126); // NOLINT(cert-msc51-cpp): a fixed seed, so failures replay
    for (int n = 0; n < 20000; ++n) {
        std::string f = base;
        for (int k = 0; k < 2; ++k) {
            const std::size_t at = rng() % f.size();
            switch (rng() % 3) {
            case 0: f[at] = bytes[rng() % bytes.size()]; break;
            case 1: f.erase(at, 1); break;
            default: f.insert(at, 1, bytes[rng() % bytes.size()]); break;
            }
        }
        expect_plain_facts(f);
    }
}

TEST(DecodeInto, GivesWhatDecodeGivesWhateverTheResultHeld) {
    const std::vector<std::string> frames = {
        R"({"type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"join","identifier":2,"username":"c"})",
        R"({"type":"leave","identifier":3,"username":"d"})",
        R"({"type":"message","identifier":4,"username":"e","content":"f","sanitized":true,"playerId":"p","origin":"00112233445566778899aabbccddeeff","session":1,"seq":5})",
        R"({"type":"join","identifier":5,"username":"g","playerId":"q"})",
        R"({"type":"ping"})",
        R"({"type":"message","identifier":1})",
        R"(not json)",
    };
    for (const auto& before : frames) {
        for (const auto& frame : frames) {
            decode_result r = decode(before);
            decode_into(frame, r);
            const decode_result fresh = decode(frame);
            EXPECT_EQ(r.error, fresh.error) << before << " then " << frame;
            EXPECT_EQ(r.detail, fresh.detail) << before << " then " << frame;
            EXPECT_EQ(r.plain.taken, fresh.plain.taken) << before << " then " << frame;
            if (fresh) {
                EXPECT_EQ(r.value, fresh.value) << before << " then " << frame;
            }
        }
    }
}

TEST(DecodeInto, WithTheSplittersMatchGivesWhatDecodeGives) {
    // Chat frames in the encoder's layout, others, and one-byte mutations of them: every
    // frame the splitter cuts decodes as decode() decodes it, whether or not the splitter
    // recognised it.
    const std::vector<std::string> seeds = {
        R"({"type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"join","identifier":22,"username":"c<d>"})",
        R"({"type":"leave","identifier":3,"username":"dA"})",
        R"({"type":"message","identifier":99999999999999999999,"username":"a","content":"b"})",
        R"({"type":"message","identifier":4,"username":"e","content":"f","sanitized":true})",
        "{\"type\":\"message\",\"identifier\":5,\"username\":\"\x7f\",\"content\":\"\xc2\x85\"}",
        R"({"type":"ping"})",
    };
    std::mt19937 rng(7);
    int recognised = 0;
    int frames = 0;
    decode_result kept;
    for (int round = 0; round < 2000; ++round) {
        // A (maybe mutated) frame and a plain one after it, back to back or on lines.
        std::string f = seeds[rng() % seeds.size()];
        if (round % 2 == 1) {
            f[rng() % f.size()] = static_cast<char>("{}\"\\:,0a< \x7f\xc2"[rng() % 12]);
        }
        frame_splitter splitter(1 << 20);
        splitter.feed(f + (round % 3 == 0 ? "" : "\n") + seeds[0]);
        std::string_view frame;
        while (splitter.next(frame) == frame_splitter::status::frame) {
            ++frames;
            recognised += splitter.last_plain(frame) != nullptr ? 1 : 0;
            decode_into(frame, kept, splitter);
            const decode_result fresh = decode(frame);
            ASSERT_EQ(kept.error, fresh.error) << frame;
            EXPECT_EQ(kept.detail, fresh.detail) << frame;
            EXPECT_EQ(kept.plain.taken, fresh.plain.taken) << frame;
            EXPECT_EQ(kept.plain.printable, fresh.plain.printable) << frame;
            EXPECT_EQ(kept.plain.username_without_markup, fresh.plain.username_without_markup)
                << frame;
            EXPECT_EQ(kept.plain.id_start, fresh.plain.id_start) << frame;
            EXPECT_EQ(kept.plain.end, fresh.plain.end) << frame;
            if (fresh) {
                EXPECT_EQ(kept.value, fresh.value) << frame;
            }
            // Any other view, even of the same bytes, is not what the splitter described.
            const std::string copy(frame);
            EXPECT_EQ(splitter.last_plain(copy), nullptr);
        }
    }
    EXPECT_GT(frames, 2000);
    EXPECT_GT(recognised, 1000) << "the splitter's match was used";
    EXPECT_LT(recognised, frames) << "and other frames took the general path";
}

TEST(DecodeInto, KeepsTheStorageOfAMessage) {
    decode_result r;
    const std::string content(200, 'x');
    decode_into(R"({"type":"message","identifier":1,"username":"a","content":")" + content + R"("})", r);
    ASSERT_TRUE(r);
    const char* storage = std::get<message>(r.value).content.data();
    decode_into(R"({"type":"message","identifier":2,"username":"b","content":"short"})", r);
    ASSERT_TRUE(r);
    EXPECT_EQ(std::get<message>(r.value).content, "short");
    EXPECT_EQ(std::get<message>(r.value).content.data(), storage) << "no new allocation";
}

} // namespace
} // namespace csc::protocol
