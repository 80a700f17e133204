#include "csc/net/stdio_lines.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

/// A pipe whose ends close with the object.
struct pipe_pair {
    pipe_pair() {
        EXPECT_EQ(::pipe(fds.data()), 0);
    }
    ~pipe_pair() {
        close_read();
        close_write();
    }
    void close_read() {
        if (fds[0] >= 0) {
            ::close(fds[0]);
            fds[0] = -1;
        }
    }
    void close_write() {
        if (fds[1] >= 0) {
            ::close(fds[1]);
            fds[1] = -1;
        }
    }
    void write(const std::string& bytes) const {
        EXPECT_EQ(::write(fds[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    /// Everything readable now, without blocking.
    std::string read_available() const {
        ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        std::string out;
        std::array<char, 4096> buf{};
        for (;;) {
            const ssize_t n = ::read(fds[0], buf.data(), buf.size());
            if (n <= 0) {
                return out;
            }
            out.append(buf.data(), static_cast<std::size_t>(n));
        }
    }
    std::array<int, 2> fds{-1, -1};
};

/// Runs handlers until `done()`; the bound only turns a hang into a failure.
bool run_until(asio::io_context& ctx, const std::function<bool()>& done) {
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    ctx.restart();
    while (!done() && std::chrono::steady_clock::now() < give_up) {
        ctx.run_one_for(50ms);
    }
    return done();
}

struct fixture : ::testing::Test {
    void start(csc::net::stdio_lines& io) {
        ASSERT_FALSE(io.start([this](std::string_view l) { lines.emplace_back(l); },
                              [this] { ++eofs; },
                              [this](std::string_view p) { problems.emplace_back(p); }));
    }
    asio::io_context ctx{1};
    pipe_pair in, out;
    std::vector<std::string> lines, problems;
    int eofs = 0;
};

using StdioLines = fixture;

TEST_F(StdioLines, CutsLinesAnywhereAndReportsEofOnce) {
    csc::net::stdio_lines io(ctx.get_executor(), in.fds[0], out.fds[1]);
    start(io);
    in.write("first\nsec");
    ASSERT_TRUE(run_until(ctx, [&] { return lines.size() == 1; }));
    in.write("ond\r\n\n\nlast without newline");
    ASSERT_TRUE(run_until(ctx, [&] { return lines.size() == 2; }));
    in.close_write();
    ASSERT_TRUE(run_until(ctx, [&] { return eofs == 1; }));
    EXPECT_EQ(lines, (std::vector<std::string>{"first", "second", "last without newline"}));
    EXPECT_TRUE(problems.empty());
}

TEST_F(StdioLines, SkipsAnOverlongLineAndGoesOn) {
    csc::net::stdio_limits limits;
    limits.max_line = 8;
    csc::net::stdio_lines io(ctx.get_executor(), in.fds[0], out.fds[1], limits);
    start(io);
    in.write("12345678\n" + std::string(100, 'x') + "\nok\n");
    ASSERT_TRUE(run_until(ctx, [&] { return lines.size() == 2; }));
    EXPECT_EQ(lines, (std::vector<std::string>{"12345678", "ok"}));
    EXPECT_EQ(problems.size(), 1U);
}

TEST_F(StdioLines, WritesInOrderAndFlushesAfterEverythingBefore) {
    csc::net::stdio_lines io(ctx.get_executor(), in.fds[0], out.fds[1]);
    start(io);
    bool flushed = false;
    io.write_line("one");
    io.write_line("two");
    io.flush([&] { flushed = true; });
    EXPECT_FALSE(flushed) << "never completes inside flush()";
    io.write_line("three");
    ASSERT_TRUE(run_until(ctx, [&] { return flushed; }));
    std::string written = out.read_available();
    EXPECT_EQ(written.substr(0, 8), "one\ntwo\n") << "all before the flush is out when it completes";
    bool flushed_again = false;
    io.flush([&] { flushed_again = true; });
    ASSERT_TRUE(run_until(ctx, [&] { return flushed_again; }));
    EXPECT_EQ(io.queued_bytes(), 0U);
    written += out.read_available();
    EXPECT_EQ(written, "one\ntwo\nthree\n");
    EXPECT_TRUE(io.output_open());
}

TEST_F(StdioLines, FlushedLinesAreOnThePipe) {
    csc::net::stdio_lines io(ctx.get_executor(), in.fds[0], out.fds[1]);
    start(io);
    bool flushed = false;
    io.write_line("{\"a\":1}");
    io.write_line("{\"b\":2}");
    io.flush([&] { flushed = true; });
    ASSERT_TRUE(run_until(ctx, [&] { return flushed; }));
    EXPECT_EQ(out.read_available(), "{\"a\":1}\n{\"b\":2}\n");
}

TEST_F(StdioLines, AGoneReaderIsReportedAndFlushStillCompletes) {
    std::signal(SIGPIPE, SIG_IGN);
    csc::net::stdio_lines io(ctx.get_executor(), in.fds[0], out.fds[1]);
    start(io);
    out.close_read();
    bool flushed = false;
    io.write_line("lost");
    io.flush([&] { flushed = true; });
    ASSERT_TRUE(run_until(ctx, [&] { return flushed; }));
    EXPECT_FALSE(io.output_open());
    EXPECT_EQ(problems.size(), 1U);
    io.write_line("dropped quietly");
    bool again = false;
    io.flush([&] { again = true; });
    ASSERT_TRUE(run_until(ctx, [&] { return again; }));
}

} // namespace
