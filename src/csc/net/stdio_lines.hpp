#pragma once
// Lines over a process's standard input and output (the Omegga RPC transport),
// on posix::stream_descriptor over duplicates of the descriptors, as Asio's
// posix_chat_client does. It knows lines, never what they mean.
//
//   reader():  async_read_some -> cut at '\n' -> on_line(line)... -> repeat; on_eof once
//   writes:    write_line queues; one async_write at a time drains the queue in order;
//              flush(done) is a marker in that queue: `done` runs once all before it is out
//
// Everything runs on one io_context thread: no strands, no locks.

#include <asio/any_io_executor.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace csc::net {

struct stdio_limits {
    /// Cap on one incoming line; a longer line is reported and skipped, not fatal.
    std::size_t max_line = 1024 * 1024;
    /// Cap on bytes waiting to be written; further lines are dropped (and reported)
    /// while the reader on the other side does not keep up.
    std::size_t max_queued_bytes = 16 * 1024 * 1024;
};

class stdio_lines {
public:
    /// One line without its '\n' (and without a trailing '\r'); empty lines are skipped.
    using line_handler = std::function<void(std::string_view line)>;
    /// The input reached its end (or failed); called once.
    using eof_handler = std::function<void()>;
    /// Something worth a log line (over-long line, write failure, ...).
    using problem_handler = std::function<void(std::string_view what)>;

    /// Uses duplicates of `in_fd` and `out_fd`; the originals stay open and untouched.
    stdio_lines(asio::any_io_executor executor, int in_fd, int out_fd, stdio_limits limits = {});
    ~stdio_lines();
    stdio_lines(const stdio_lines&) = delete;
    stdio_lines& operator=(const stdio_lines&) = delete;

    /// Starts reading. Returns why the descriptors cannot be used, if they cannot.
    std::error_code start(line_handler on_line, eof_handler on_eof, problem_handler on_problem);

    /// Queues `line` plus '\n' for the output. Dropped once the output is gone.
    void write_line(std::string line);
    /// Calls `done` (never from inside this call) once every line queued before it is
    /// written, or dropped because the output is gone.
    void flush(std::function<void()> done);

    /// Stops reading; on_eof is not called for this. Idempotent.
    void close_input();
    /// Closes the output now; queued lines are dropped, pending flushes complete. Idempotent.
    void close_output();

    /// False once a write failed (the reader went away) or close_output() was called.
    bool output_open() const noexcept;
    /// Bytes queued and not yet written.
    std::size_t queued_bytes() const noexcept;

private:
    struct impl;
    std::shared_ptr<impl> impl_; // shared with the reader coroutine and write handlers
};

} // namespace csc::net
