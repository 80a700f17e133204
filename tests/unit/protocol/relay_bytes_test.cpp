// Relaying a frame as it came: only a frame that is exactly the encoder's output (but for the
// identifier's digits) is taken, the result is always encode() of the relayed packet, and
// every attempt to smuggle something through (spaces, escapes, duplicated or unknown keys,
// extension fields, another key order, an identifier written otherwise) falls back to encode.
// decode()'s fast path for the same layout gives exactly what the general reader gives.
#include "csc/protocol/relay_bytes.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace csc::protocol {
namespace {

constexpr identifier sender = 42;

/// What the host would relay for `frame`: decoded, stamped with the sender's identifier.
packet relayed(std::string_view frame) {
    auto d = decode(frame);
    EXPECT_TRUE(d) << frame << ": " << d.detail;
    std::visit([](auto& v) {
        if constexpr (requires { v.username; }) {
            v.id = sender;
        }
    }, d.value);
    return d.value;
}

/// The frame as the splitter hands it out: without its newline.
std::string frame_of(const packet& p) {
    std::string f = encode(p);
    f.pop_back();
    return f;
}

TEST(RelayBytes, EncoderOutputIsTakenAndEqualsEncode) {
    const std::vector<packet> packets = {
        message{7, "bench-7", "hello world", false},
        message{0, "", "", false},
        message{2147483647, "Zoë", "ünïcødé 😀 text", false},
        join{3, "Alice"},
        leave{12345, "Bob"},
    };
    for (const auto& p : packets) {
        const std::string frame = frame_of(p);
        const packet r = relayed(frame);
        std::string out = "kept";
        ASSERT_TRUE(append_as_encoded(out, frame, r)) << frame;
        EXPECT_EQ(out, "kept" + encode(r)) << frame;
        EXPECT_EQ(out.substr(4), encode(r, {.extensions = false})) << frame;
        EXPECT_EQ(out.substr(4), encode(r, {.extensions = true, .player_ids = true})) << frame;
    }
}

TEST(RelayBytes, AnythingButTheEncoderOutputFallsBack) {
    const std::vector<std::string> frames = {
        // whitespace
        R"({ "type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b" })",
        R"({"type":"message", "identifier":1,"username":"a","content":"b"})",
        // escapes, even of plain characters
        R"({"type":"message","identifier":1,"username":"a","content":"\u0062"})",
        R"({"type":"message","identifier":1,"username":"a","content":"a\/b"})",
        R"({"type":"message","identifier":1,"username":"a\"","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","content":"line\nbreak"})",
        R"({"type":"mess\u0061ge","identifier":1,"username":"a","content":"b"})",
        // duplicated keys: the last wins in decode, the frame must not carry the first
        R"({"type":"message","identifier":1,"username":"a","content":"x","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","username":"a","content":"b"})",
        R"({"type":"message","type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"identifier":1,"username":"a","content":"b"})",
        // unknown and extension fields
        R"({"type":"message","identifier":1,"username":"a","content":"b","x":1})",
        R"({"x":{"type":"join"},"type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","sanitized":true})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","sanitized":false})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","playerId":"p"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","origin":"00112233445566778899aabbccddeeff","session":1,"seq":1})",
        R"({"type":"join","identifier":1,"username":"a","playerId":"p"})",
        // another key order
        R"({"identifier":1,"type":"message","username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"content":"b","username":"a"})",
        // the identifier written otherwise
        R"({"type":"message","identifier":01,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1.0,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1e0,"username":"a","content":"b"})",
        R"({"type":"message","identifier":-0,"username":"a","content":"b"})",
    };
    for (const auto& frame : frames) {
        const auto d = decode(frame);
        if (!d) {
            continue; // refused anyway: never relayed
        }
        packet r = relayed(frame);
        std::string out;
        EXPECT_FALSE(append_as_encoded(out, frame, r)) << frame;
        EXPECT_TRUE(out.empty()) << frame;
    }
}

TEST(RelayBytes, APacketChangedAfterDecodingFallsBack) {
    const std::string frame = R"({"type":"message","identifier":1,"username":"<b>a","content":"b"})";
    auto r = relayed(frame);
    std::get<message>(r).username = "a"; // what validation would leave of it
    std::string out;
    EXPECT_FALSE(append_as_encoded(out, frame, r));
    std::get<message>(r).username = "<b>a";
    std::get<message>(r).sanitized = true;
    EXPECT_FALSE(append_as_encoded(out, frame, r));
    EXPECT_FALSE(append_as_encoded(out, frame, packet{disconnect{1}}));
    EXPECT_TRUE(out.empty());
}

TEST(RelayBytes, AFrameWithItsNewlineIsRelayedWithOne) {
    const std::string frame = R"({"type":"join","identifier":9,"username":"a"})"
                              "\n";
    const packet r = relayed(frame);
    std::string out;
    ASSERT_TRUE(append_as_encoded(out, frame, r));
    EXPECT_EQ(out, encode(r));
}

TEST(RelayBytes, TheIdentifierIsAlwaysTheSenders) {
    const std::string frame = R"({"type":"message","identifier":999999,"username":"a","content":"b"})";
    const packet r = relayed(frame);
    std::string out;
    ASSERT_TRUE(append_as_encoded(out, frame, r));
    EXPECT_EQ(out, R"({"type":"message","identifier":42,"username":"a","content":"b"})"
                   "\n");
}

/// decode() of `frame` through its fast path (when the layout allows) and through the
/// general reader (a leading space is not the encoder's layout) agree.
void expect_same_decoding(const std::string& frame) {
    const auto fast = decode(frame);
    const auto general = decode(" " + frame);
    ASSERT_EQ(fast.error, general.error) << frame << ": " << fast.detail << " / " << general.detail;
    if (fast) {
        EXPECT_EQ(fast.value, general.value) << frame;
    }
}

TEST(RelayBytes, PlainChatFramesDecodeAsTheGeneralReaderDoes) {
    const std::vector<std::string> frames = {
        R"({"type":"message","identifier":0,"username":"","content":""})",
        R"({"type":"message","identifier":2147483647,"username":"a","content":"b"})",
        R"({"type":"message","identifier":2147483648,"username":"a","content":"b"})",
        R"({"type":"message","identifier":99999999999999999999999,"username":"a","content":"b"})",
        R"({"type":"message","identifier":3,"username":"Zoë","content":"😀 ünïcødé"})",
        "{\"type\":\"message\",\"identifier\":3,\"username\":\"a\xff\",\"content\":\"b\"}",
        "{\"type\":\"message\",\"identifier\":3,\"username\":\"a\",\"content\":\"\xed\xa0\x80\"}",
        "{\"type\":\"message\",\"identifier\":3,\"username\":\"a\",\"content\":\"tab\there\"}",
        R"({"type":"join","identifier":5,"username":"alice"})",
        R"({"type":"leave","identifier":5,"username":"alice"})",
        R"({"type":"join","identifier":5,"username":"alice","content":"x"})",
        R"({"type":"leave","identifier":5})",
    };
    for (const auto& frame : frames) {
        expect_same_decoding(frame);
        expect_same_decoding(frame + "\n");
        expect_same_decoding(frame + "\n\n");
        expect_same_decoding(frame + " ");
    }
    // Every byte of a plain frame changed, one at a time, to bytes that matter to JSON.
    const std::string base = R"({"type":"message","identifier":12,"username":"bob","content":"hi there"})";
    const std::string bytes = "\"\\{}[],:0123456789 \x01\x7f\x80\xc3\xff" "atjlmx";
    for (std::size_t i = 0; i < base.size(); ++i) {
        for (const char b : bytes) {
            std::string f = base;
            f[i] = b;
            expect_same_decoding(f);
        }
    }
    std::mt19937 rng(813265); // NOLINT(cert-msc51-cpp): a fixed seed, so failures replay
    for (int n = 0; n < 20000; ++n) {
        std::string f = n % 2 == 0 ? base : R"({"type":"join","identifier":1,"username":"b"})";
        for (int k = 0; k < 3; ++k) {
            const std::size_t at = rng() % f.size();
            switch (rng() % 3) {
            case 0: f[at] = bytes[rng() % bytes.size()]; break;
            case 1: f.erase(at, 1); break;
            default: f.insert(at, 1, bytes[rng() % bytes.size()]); break;
            }
        }
        expect_same_decoding(f);
    }
}

} // namespace
} // namespace csc::protocol
