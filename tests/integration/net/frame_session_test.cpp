#include "csc/net/frame_session.hpp"

#include "csc/protocol/errc.hpp"

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/read.hpp>
#include <asio/write.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using asio::ip::tcp;
using namespace std::chrono_literals;

/// A connected pair on 127.0.0.1: `server` side wrapped in a frame_session, `client` raw.
struct loopback_pair {
    asio::io_context ctx{1};
    tcp::socket client{ctx};
    std::shared_ptr<csc::net::frame_session> session;
    std::vector<std::string> frames;
    std::error_code closed_reason;
    bool closed = false;
    int close_calls = 0;
    /// "frame", "read done" and "closed", in the order the session called them.
    std::vector<std::string> calls;

    explicit loopback_pair(csc::net::session_limits limits = {}) {
        tcp::acceptor acceptor(ctx, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        client.connect(acceptor.local_endpoint());
        session = std::make_shared<csc::net::frame_session>(acceptor.accept(), limits);
        session->start(
            [this](std::string_view f) {
                frames.emplace_back(f);
                calls.emplace_back("frame");
            },
            [this](std::error_code ec) {
                closed = true;
                ++close_calls;
                closed_reason = ec;
                calls.emplace_back("closed");
            },
            [this] { calls.emplace_back("read done"); });
    }

    template <class Pred>
    bool run_until(Pred pred, std::chrono::milliseconds limit = 3000ms) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!pred() && std::chrono::steady_clock::now() < deadline) {
            ctx.run_for(5ms);
        }
        return pred();
    }

    /// Reads `n` bytes from the raw client, running the context meanwhile; nothing when they
    /// did not all come within `limit`.
    std::optional<std::string> read_client(std::size_t n,
                                           std::chrono::milliseconds limit = 3000ms) {
        std::string got(n, '\0');
        std::size_t read = 0;
        client.non_blocking(true);
        const bool all = run_until(
            [&] {
                std::error_code ec;
                read += client.read_some(asio::buffer(got.data() + read, got.size() - read), ec);
                return read == got.size();
            },
            limit);
        return all ? std::optional<std::string>(std::move(got)) : std::nullopt;
    }
};

/// Sends `count` numbered frames through the session; the raw client must read them
/// back byte for byte, in order.
void expect_numbered_frames_in_order(loopback_pair& p, int count) {
    std::string expected;
    for (int i = 0; i < count; ++i) {
        std::string line = "{\"n\":" + std::to_string(i) + "}\n";
        expected += line;
        p.session->send(line);
    }
    const auto got = p.read_client(expected.size());
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, expected);
}

TEST(FrameSession, SplitsFramesWrittenBackToBack) {
    loopback_pair p;
    asio::write(p.client, asio::buffer(std::string(R"({"a":1}{"b":"}"})" "\n" R"({"c":[1]})")));
    ASSERT_TRUE(p.run_until([&] { return p.frames.size() == 3; }));
    EXPECT_EQ(p.frames[1], R"({"b":"}"})");
    EXPECT_FALSE(p.closed);
}

TEST(FrameSession, ReadDoneFollowsTheFramesOfARead) {
    loopback_pair p;
    asio::write(p.client, asio::buffer(std::string("{\"a\":1}\n{\"b\":2}\n{\"c\":")));
    ASSERT_TRUE(p.run_until([&] { return p.calls.size() == 3; }));
    p.ctx.run_for(20ms);
    // One read (loopback hands a small write over whole): both frames, then its end; the
    // incomplete third frame waits for more bytes.
    EXPECT_EQ(p.calls, (std::vector<std::string>{"frame", "frame", "read done"}));
    asio::write(p.client, asio::buffer(std::string("3}\n")));
    ASSERT_TRUE(p.run_until([&] { return p.calls.size() == 5; }));
    EXPECT_EQ(p.calls.at(3), "frame");
    EXPECT_EQ(p.calls.at(4), "read done");
    EXPECT_EQ(p.frames.at(2), "{\"c\":3}");
}

TEST(FrameSession, ReadDoneComesBeforeTheCloseOfAReadThatEndsInGarbage) {
    loopback_pair p;
    asio::write(p.client, asio::buffer(std::string("{\"a\":1}\nhello\n")));
    ASSERT_TRUE(p.run_until([&] { return p.closed; }));
    EXPECT_EQ(p.calls, (std::vector<std::string>{"frame", "read done", "closed"}));
    EXPECT_EQ(p.closed_reason, csc::protocol::errc::garbage);
}

TEST(FrameSession, DeliversQueuedBytesInOrder) {
    loopback_pair p;
    expect_numbered_frames_in_order(p, 200);
}

TEST(FrameSession, GarbageClosesWithProtocolError) {
    loopback_pair p;
    asio::write(p.client, asio::buffer(std::string("hello\n")));
    ASSERT_TRUE(p.run_until([&] { return p.closed; }));
    EXPECT_EQ(p.closed_reason, csc::protocol::errc::garbage);
}

TEST(FrameSession, OversizedFrameClosesWithFrameTooLong) {
    loopback_pair p(csc::net::session_limits{.max_frame = 1024, .max_queued_bytes = 1 << 20});
    std::string big = "{\"x\":\"" + std::string(1 << 20, 'a') + "\"}";
    p.client.non_blocking(true);
    std::size_t written = 0;
    ASSERT_TRUE(p.run_until([&] {
        std::error_code ec;
        if (written < big.size()) {
            written += p.client.write_some(asio::buffer(big.data() + written, big.size() - written), ec);
        }
        return p.closed;
    }));
    EXPECT_EQ(p.closed_reason, csc::protocol::errc::frame_too_long);
    EXPECT_TRUE(p.frames.empty());
}

TEST(FrameSession, SlowReaderIsDisconnected) {
    loopback_pair p(csc::net::session_limits{.max_frame = 1024, .max_queued_bytes = 64 * 1024});
    // The client never reads: the kernel buffers fill, then our queue passes its cap.
    const std::string chunk(4096, 'x');
    ASSERT_TRUE(p.run_until([&] {
        for (int i = 0; i < 64 && !p.closed; ++i) {
            p.session->send(chunk);
        }
        return p.closed;
    }, 10000ms));
    EXPECT_EQ(p.closed_reason, std::errc::no_buffer_space);
}

TEST(FrameSession, CloseAfterFlushWritesThenCloses) {
    loopback_pair p;
    p.session->send(std::string("{\"bye\":true}\n"));
    p.session->close_after_flush();
    ASSERT_TRUE(p.run_until([&] { return p.closed; }));
    std::string got;
    std::error_code ec;
    p.client.non_blocking(false);
    asio::read(p.client, asio::dynamic_buffer(got), ec);
    EXPECT_EQ(got, "{\"bye\":true}\n");
    EXPECT_EQ(ec, asio::error::eof);
}

TEST(FrameSession, PeerCloseReportsEofOnce) {
    loopback_pair p;
    p.client.close();
    ASSERT_TRUE(p.run_until([&] { return p.closed; }));
    EXPECT_EQ(p.closed_reason, asio::error::eof);
    p.session->close();
    p.ctx.run_for(20ms);
    EXPECT_EQ(p.close_calls, 1);
}

} // namespace

namespace {

TEST(FrameSession, OneFramePerWriteKeepsFramesInOrder) {
    loopback_pair p;
    p.session->set_one_frame_per_write(true);
    expect_numbered_frames_in_order(p, 50);
}

} // namespace

namespace {

/// How a test hands its frames to the session.
enum class send_as {
    copies,  ///< send(string_view): copied into the session
    shared,  ///< send(shared_bytes) of a few frames each: kept and written in place
    mixed,   ///< one frame copied, then a shared buffer of the next two, and so on
};

/// Queues `count` numbered frames of ~1 KiB while the client does not read, so the socket's
/// buffers fill and the rest waits in the writer loop; then the client reads everything.
/// The context runs once every `burst` frames (the flushes of a busy hub's turns).
void expect_backlog_whole_and_in_order(loopback_pair& p, int count, send_as how = send_as::copies,
                                       int burst = 64) {
    std::string expected;
    const std::string padding(1000, 'p');
    std::string group; // frames waiting to go as one shared buffer
    for (int i = 0; i < count; ++i) {
        std::string line = "{\"n\":" + std::to_string(i) + ",\"p\":\"" + padding + "\"}\n";
        expected += line;
        const bool copy = how == send_as::copies || (how == send_as::mixed && i % 3 == 0);
        if (copy) {
            p.session->send(line);
        } else {
            group += line;
            if (i % 3 == 2 || i + 1 == count) {
                p.session->send(std::make_shared<const std::string>(std::move(group)));
                group.clear();
            }
        }
        if (i % burst == 0) {
            p.ctx.run_for(1ms); // let the flushes run between bursts, as a busy hub would
        }
    }
    EXPECT_GT(p.session->queued_bytes(), 0U);
    const auto got = p.read_client(expected.size(), 10000ms);
    ASSERT_TRUE(got);
    EXPECT_TRUE(*got == expected) << "the backlog arrived altered or out of order";
    EXPECT_EQ(p.session->queued_bytes(), 0U);
    EXPECT_FALSE(p.closed);
}

TEST(FrameSession, BacklogBeyondTheSocketBufferArrivesWholeAndInOrder) {
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 << 20});
    expect_backlog_whole_and_in_order(p, 16000);
}

TEST(FrameSession, BacklogOfSingleFrameWritesArrivesWholeAndInOrder) {
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 << 20});
    p.session->set_one_frame_per_write(true);
    expect_backlog_whole_and_in_order(p, 16000);
}

TEST(FrameSession, SharedBuffersBeyondTheSocketBufferArriveWholeAndInOrder) {
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 << 20});
    expect_backlog_whole_and_in_order(p, 16000, send_as::shared);
}

TEST(FrameSession, CopiesAndSharedBuffersInterleavedArriveInOrder) {
    // 300 frames between flushes: about 200 pieces, more than one gathered write takes.
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 << 20});
    expect_backlog_whole_and_in_order(p, 16000, send_as::mixed, 300);
}

TEST(FrameSession, OriginalPeersGetSharedBuffersAsCopies) {
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 << 20});
    p.session->set_one_frame_per_write(true);
    expect_backlog_whole_and_in_order(p, 4000, send_as::mixed);
}

TEST(FrameSession, ASharedBufferIsReleasedOnceWritten) {
    loopback_pair p;
    auto buffer = std::make_shared<std::string>("{\"a\":1}\n{\"b\":2}\n");
    p.session->send(std::string("{\"z\":0}\n"));
    p.session->send(csc::net::shared_bytes(buffer));
    EXPECT_EQ(buffer.use_count(), 2) << "kept, not copied, until the write";
    EXPECT_EQ(p.session->queued_bytes(), 24U);
    const auto got = p.read_client(24);
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, "{\"z\":0}\n{\"a\":1}\n{\"b\":2}\n");
    EXPECT_EQ(buffer.use_count(), 1);
    EXPECT_EQ(p.session->queued_bytes(), 0U);
}

TEST(FrameSession, SharedBuffersCountTowardsTheSlowReaderCap) {
    loopback_pair p(csc::net::session_limits{.max_frame = 4096, .max_queued_bytes = 64 * 1024});
    const auto chunk = std::make_shared<const std::string>(std::string(8 * 1024, 'x'));
    for (int i = 0; i < 1000 && !p.closed; ++i) {
        p.session->send(chunk);
        if (i % 8 == 0) {
            p.ctx.run_for(1ms);
        }
    }
    ASSERT_TRUE(p.run_until([&] { return p.closed; }));
    EXPECT_EQ(p.closed_reason, std::errc::no_buffer_space);
}

TEST(FrameSession, SendsOfOneTurnWaitForTheFlushThenLeave) {
    loopback_pair p;
    p.session->send(std::string("{\"a\":1}\n"));
    p.session->send(std::string("{\"b\":2}\n"));
    EXPECT_EQ(p.session->queued_bytes(), 16U) << "written after this turn, not during send()";
    const auto got = p.read_client(16);
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, "{\"a\":1}\n{\"b\":2}\n");
    EXPECT_EQ(p.session->queued_bytes(), 0U);
}

} // namespace
