// The frame splitter: a stream of packets cut anywhere, merged, newline-delimited
// or back to back, always yields the same frames.
#include "csc/protocol/frame_splitter.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "unit/protocol/sample_packets.hpp"
#include "unit/protocol/splitter_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using status = frame_splitter::status;
using test::outcome;
using test::run;

struct stream_case {
    const char* name;
    std::string bytes;
    std::vector<std::string> frames;
    std::vector<packet> packets;
};

std::vector<stream_case> stream_cases() {
    std::vector<packet> packets = test::tricky_packets();
    const auto more = test::every_packet_with_extensions();
    packets.insert(packets.end(), more.begin(), more.end());

    std::vector<std::string> frames;
    for (const auto& p : packets) {
        std::string line = encode(p);
        line.pop_back();
        frames.push_back(std::move(line));
    }
    const auto joined = [&](std::string_view sep, std::string_view lead) {
        std::string out(lead);
        for (const auto& f : frames) {
            out += f;
            out += sep;
        }
        return out;
    };
    return {
        {"newline-delimited", joined("\n", ""), frames, packets},
        {"back to back", joined("", ""), frames, packets},
        {"crlf", joined("\r\n", ""), frames, packets},
        {"whitespace between", joined(" \t\r\n \n", "\n  \r\n"), frames, packets},
    };
}

void expect_frames(const stream_case& c, const outcome& got) {
    ASSERT_FALSE(got.error) << got.error.message();
    ASSERT_EQ(got.frames, c.frames);
    EXPECT_EQ(got.buffered, 0U);
    for (std::size_t i = 0; i < got.frames.size(); ++i) {
        const decode_result r = decode(got.frames[i]);
        ASSERT_TRUE(r) << r.detail;
        EXPECT_EQ(r.value, c.packets[i]);
    }
}

TEST(FrameSplitter, SplitsWholeStream) {
    for (const auto& c : stream_cases()) {
        SCOPED_TRACE(c.name);
        expect_frames(c, run({c.bytes}));
    }
}

TEST(FrameSplitter, SplitsAtEveryBytePosition) {
    for (const auto& c : stream_cases()) {
        SCOPED_TRACE(c.name);
        const std::string_view all = c.bytes;
        for (std::size_t cut = 0; cut <= all.size(); ++cut) {
            SCOPED_TRACE("cut at " + std::to_string(cut));
            expect_frames(c, run({all.substr(0, cut), all.substr(cut)}));
            if (HasFatalFailure()) {
                return;
            }
        }
    }
}

TEST(FrameSplitter, SplitsByteByByte) {
    for (const auto& c : stream_cases()) {
        SCOPED_TRACE(c.name);
        expect_frames(c, run(test::bytewise(c.bytes)));
    }
}

TEST(FrameSplitter, SplitsRandomChunks) {
    std::mt19937 rng(20240601); // fixed seed: failures reproduce
    for (const auto& c : stream_cases()) {
        SCOPED_TRACE(c.name);
        const std::string_view all = c.bytes;
        for (int round = 0; round < 200; ++round) {
            std::uniform_int_distribution<std::size_t> size(1, round % 2 == 0 ? 8 : 300);
            std::vector<std::string_view> chunks;
            for (std::size_t pos = 0; pos < all.size();) {
                const std::size_t n = std::min(size(rng), all.size() - pos);
                chunks.push_back(all.substr(pos, n));
                pos += n;
            }
            SCOPED_TRACE("round " + std::to_string(round));
            expect_frames(c, run(chunks));
            if (HasFatalFailure()) {
                return;
            }
        }
    }
}

TEST(FrameSplitter, ChatFramesInTheEncodersLayoutSplitAsTheWalkSplitsThem) {
    // Fed whole, a chat frame in the encoder's layout is cut where the plain-layout
    // recogniser ends it; fed byte by byte, no frame is whole when it starts and the walk
    // cuts it. Both must agree, whatever follows the frame and whatever the cap.
    const std::string plain = R"({"type":"message","identifier":1,"username":"a","content":"b {x} [y]"})";
    const std::vector<std::string> streams = {
        plain + plain + "\n" + plain,
        plain + R"({"type":"join","identifier":2,"username":"c"})" + "}",
        plain + "]" + plain,
        plain + "garbage",
        plain + R"({ "type":"leave","identifier":3,"username":"d"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b"} )" + plain,
    };
    for (const auto& stream : streams) {
        for (const std::size_t cap : {default_max_frame, plain.size(), plain.size() - 1, std::size_t{16}}) {
            const outcome whole = run({stream}, cap);
            const outcome bytes = run(test::bytewise(stream), cap);
            EXPECT_EQ(whole.frames, bytes.frames) << stream << " cap " << cap;
            EXPECT_EQ(whole.error, bytes.error) << stream << " cap " << cap;
        }
    }
    const outcome two = run({plain + plain});
    ASSERT_EQ(two.frames.size(), 2U);
    EXPECT_EQ(two.frames[0], plain);
    EXPECT_EQ(run({plain}, plain.size() - 1).error, std::error_code(errc::frame_too_long));
    std::mt19937 rng(1126); // NOLINT(cert-msc51-cpp): a fixed seed, so failures replay
    const std::string bytes = "\"\\{}[] a1\n";
    for (int n = 0; n < 3000; ++n) {
        std::string stream = plain + plain;
        for (int k = 0; k < 2; ++k) {
            const std::size_t at = rng() % stream.size();
            switch (rng() % 3) {
            case 0: stream[at] = bytes[rng() % bytes.size()]; break;
            case 1: stream.erase(at, 1); break;
            default: stream.insert(at, 1, bytes[rng() % bytes.size()]); break;
            }
        }
        const outcome whole = run({stream});
        const outcome bytewise = run(test::bytewise(stream));
        EXPECT_EQ(whole.frames, bytewise.frames) << stream;
        EXPECT_EQ(whole.error, bytewise.error) << stream;
    }
}

TEST(FrameSplitter, EmptyAndWhitespaceNeedMore) {
    frame_splitter s;
    std::string_view frame;
    EXPECT_EQ(s.next(frame), status::need_more);
    s.feed("");
    EXPECT_EQ(s.next(frame), status::need_more);
    s.feed(" \r\n\t\n");
    EXPECT_EQ(s.next(frame), status::need_more);
    EXPECT_EQ(s.buffered(), 0U);
    s.feed("{\"a\":");
    EXPECT_EQ(s.next(frame), status::need_more);
    EXPECT_EQ(s.buffered(), 5U);
    s.feed("1}");
    ASSERT_EQ(s.next(frame), status::frame);
    EXPECT_EQ(frame, "{\"a\":1}");
    EXPECT_EQ(s.next(frame), status::need_more);
}

TEST(FrameSplitter, NestingThatDecodeJudgesStillSplits) {
    // Up to the codec's limit (and a bit past it), splitting is not the splitter's concern.
    const std::string frame = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
    const outcome got = run({frame});
    ASSERT_FALSE(got.error) << got.error.message();
    EXPECT_EQ(got.frames, std::vector<std::string>{frame});
}

TEST(FrameSplitter, BracesInsideStringsDoNotCount) {
    const std::vector<std::string> frames = {
        R"({"a":"}"})", R"({"a":"{{{"})", R"({"a":"\"}"})", R"({"a":"\\"})", R"({"a":"\\\"}{"})",
        R"({"a":["}",{"b":"]"}]})",
    };
    std::string all;
    for (const auto& f : frames) {
        all += f;
    }
    EXPECT_EQ(run({all}).frames, frames);
}

} // namespace
} // namespace csc::protocol
