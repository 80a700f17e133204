// The frame splitter's limits: the frame cap, garbage, nesting, and an error that stays.
#include "csc/protocol/frame_splitter.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "unit/protocol/splitter_run.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using status = frame_splitter::status;
using test::outcome;
using test::run;

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

        const outcome split = run(test::bytewise(c.bytes));
        EXPECT_EQ(split.error, make_error_code(c.expected)) << "byte by byte";
        EXPECT_EQ(split.frames.size(), c.frames_before);
    }
}

TEST(FrameSplitter, WhitespaceBetweenFramesIsNotCountedAgainstTheCap) {
    const std::string frame = frame_of_size(64);
    const std::string spaces(10000, ' ');
    const outcome got = run({spaces, "\r\n", frame, spaces, frame, "\n"}, 64);
    ASSERT_FALSE(got.error) << got.error.message();
    EXPECT_EQ(got.frames, (std::vector<std::string>{frame, frame}));
    EXPECT_EQ(got.buffered, 0U);
}

TEST(FrameSplitter, ObjectClosedByABracketNeverBecomesAPacket) {
    // `{...]` balances the count but is not an object: whichever of the splitter and
    // the decoder notices, it must not pass as a packet.
    for (const std::string bytes : {"{\"type\":\"disconnect\",\"identifier\":1]",
                                    "{\"a\":[}]", "{]"}) {
        SCOPED_TRACE(bytes);
        const outcome got = run({bytes});
        for (const auto& frame : got.frames) {
            EXPECT_FALSE(decode(frame)) << frame;
        }
        EXPECT_TRUE(got.error || !got.frames.empty());
    }
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
