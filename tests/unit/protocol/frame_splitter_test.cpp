// The frame splitter: a stream of packets cut anywhere, merged, newline-delimited
// or back to back, always yields the same frames; caps and garbage end the stream.
#include "csc/protocol/frame_splitter.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "unit/protocol/sample_packets.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using status = frame_splitter::status;

/// What feeding some chunks produced: the frames (copied), and the error if any.
struct outcome {
    std::vector<std::string> frames;
    std::error_code error;
    std::size_t buffered = 0;
};

outcome run(frame_splitter& s, const std::vector<std::string_view>& chunks) {
    outcome out;
    for (auto chunk : chunks) {
        s.feed(chunk);
        std::string_view frame;
        for (;;) {
            const status st = s.next(frame);
            if (st == status::frame) {
                out.frames.emplace_back(frame);
            } else {
                if (st == status::error) {
                    out.error = s.error();
                    out.buffered = s.buffered();
                    return out;
                }
                break;
            }
        }
    }
    out.buffered = s.buffered();
    return out;
}

outcome run(const std::vector<std::string_view>& chunks, std::size_t cap = default_max_frame) {
    frame_splitter s(cap);
    return run(s, chunks);
}

/// A stream and the frames it must split into, for each way peers separate frames.
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
        std::vector<std::string_view> chunks;
        const std::string_view all = c.bytes;
        for (std::size_t i = 0; i < all.size(); ++i) {
            chunks.push_back(all.substr(i, 1));
        }
        expect_frames(c, run(chunks));
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

TEST(FrameSplitter, DefaultCapIs16KiB) {
    EXPECT_EQ(default_max_frame, 16U * 1024U);
    EXPECT_EQ(frame_splitter().max_frame(), default_max_frame);
    EXPECT_EQ(frame_splitter(100).max_frame(), 100U);
}

/// `{"a":"xxx...x"}` of exactly `size` bytes.
std::string frame_of_size(std::size_t size) {
    return "{\"a\":\"" + std::string(size - 8, 'x') + "\"}";
}

TEST(FrameSplitter, FrameAtTheCapPasses) {
    const std::string frame = frame_of_size(64);
    const outcome got = run({frame}, 64);
    ASSERT_FALSE(got.error) << got.error.message();
    EXPECT_EQ(got.frames, std::vector<std::string>{frame});

    const std::string big = frame_of_size(default_max_frame);
    EXPECT_EQ(run({big}).frames.size(), 1U);
}

TEST(FrameSplitter, FrameOverTheCapIsAnError) {
    const std::string frame = frame_of_size(65);
    EXPECT_EQ(run({frame}, 64).error, make_error_code(errc::frame_too_long));
    EXPECT_EQ(run({frame_of_size(default_max_frame + 1)}).error,
              make_error_code(errc::frame_too_long));
    // A good frame first, then one over the cap.
    const outcome got = run({frame_of_size(20) + "\n" + frame}, 64);
    EXPECT_EQ(got.frames.size(), 1U);
    EXPECT_EQ(got.error, make_error_code(errc::frame_too_long));
}

TEST(FrameSplitter, CapCrossedInsideAnUnfinishedFrame) {
    // The frame never ends: the splitter must not wait for its end to refuse it.
    const std::string open = "{\"a\":\"" + std::string(100, 'x');
    EXPECT_EQ(run({open}, 64).error, make_error_code(errc::frame_too_long));

    std::vector<std::string_view> bytes;
    const std::string endless = "{\"a\":\"" + std::string(default_max_frame + 10, 'x');
    for (std::size_t i = 0; i < endless.size(); i += 1000) {
        bytes.push_back(std::string_view(endless).substr(i, 1000));
    }
    const outcome got = run(bytes);
    EXPECT_EQ(got.error, make_error_code(errc::frame_too_long));
    EXPECT_LE(got.buffered, default_max_frame + 1000) << "stopped soon after the cap";
}

struct bad_stream {
    const char* name;
    std::string bytes;
    errc expected;
    std::size_t frames_before = 0;
};

TEST(FrameSplitter, RejectsBadStreams) {
    std::string deep_objects;
    for (int i = 0; i < 1000; ++i) {
        deep_objects += "{\"a\":";
    }
    const bad_stream cases[] = {
        {"text", "hello", errc::garbage},
        {"top-level array", "[1,2]", errc::garbage},
        {"top-level string", "\"{\"", errc::garbage},
        {"NUL byte", std::string(1, '\0'), errc::garbage},
        {"high byte", "\xFF", errc::garbage},
        {"stray close brace", "}", errc::garbage},
        {"stray close brace after a frame", "{\"a\":1}}", errc::garbage, 1},
        {"garbage after a frame", "{\"a\":1}\nx{\"a\":1}", errc::garbage, 1},
        {"garbage between back-to-back frames", "{\"a\":1},{\"a\":2}", errc::garbage, 1},
        {"1000 nested arrays", "{\"a\":" + std::string(1000, '['), errc::nesting_too_deep},
        {"1000 nested objects", deep_objects, errc::nesting_too_deep},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const outcome whole = run({c.bytes});
        EXPECT_EQ(whole.error, make_error_code(c.expected)) << whole.error.message();
        EXPECT_EQ(whole.frames.size(), c.frames_before);

        std::vector<std::string_view> bytes;
        for (std::size_t i = 0; i < c.bytes.size(); ++i) {
            bytes.push_back(std::string_view(c.bytes).substr(i, 1));
        }
        const outcome split = run(bytes);
        EXPECT_EQ(split.error, make_error_code(c.expected)) << "byte by byte";
        EXPECT_EQ(split.frames.size(), c.frames_before);
    }
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

TEST(FrameSplitter, ErrorIsSticky) {
    frame_splitter s;
    s.feed("}");
    std::string_view frame;
    ASSERT_EQ(s.next(frame), status::error);
    EXPECT_EQ(s.error(), make_error_code(errc::garbage));
    s.feed("{\"a\":1}\n");
    EXPECT_EQ(s.next(frame), status::error);
    EXPECT_EQ(s.next(frame), status::error);
    EXPECT_EQ(s.error(), make_error_code(errc::garbage));

    frame_splitter capped(16);
    capped.feed(frame_of_size(40));
    ASSERT_EQ(capped.next(frame), status::error);
    capped.feed("{}");
    EXPECT_EQ(capped.next(frame), status::error);
    EXPECT_EQ(capped.error(), make_error_code(errc::frame_too_long));
}

} // namespace
} // namespace csc::protocol
