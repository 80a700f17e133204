#include "csc/net/stdio_lines.hpp"

#include <asio/buffer.hpp>
#include <asio/co_spawn.hpp>
#include <asio/error.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <unistd.h>

#include <array>
#include <cerrno>
#include <deque>
#include <exception>
#include <string>
#include <utility>

namespace csc::net {

namespace {

/// Bytes read from the input per read.
constexpr std::size_t read_chunk = 64 * 1024;

/// One queued write: a line (with its '\n'), or a flush marker when `done` is set.
struct write_entry {
    std::string bytes;
    std::function<void()> done;
};

} // namespace

struct stdio_lines::impl {
    impl(asio::any_io_executor ex, stdio_limits l) : executor(ex), in(ex), out(ex), limits(l) {}

    asio::any_io_executor executor;
    asio::posix::stream_descriptor in;
    asio::posix::stream_descriptor out;
    stdio_limits limits;
    line_handler on_line;
    eof_handler on_eof;
    problem_handler on_problem;

    std::string partial;   ///< the current line so far
    bool skipping = false; ///< dropping the rest of an over-long line
    bool input_closed = false;

    std::deque<write_entry> queue;
    std::size_t queued = 0;
    bool writing = false;
    bool output_open = true;
    bool overflowing = false; ///< lines are being dropped because the queue is full
    std::string batch;        ///< what the current async_write sends

    void problem(std::string_view what) const {
        if (on_problem) {
            on_problem(what);
        }
    }

    void deliver(std::string_view line) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty() && on_line) {
            on_line(line);
        }
    }

    void consume(std::string_view bytes) {
        while (!bytes.empty() && !input_closed) {
            const auto newline = bytes.find('\n');
            const std::string_view part = bytes.substr(0, newline);
            if (!skipping) {
                if (partial.size() + part.size() > limits.max_line) {
                    problem("skipped an input line longer than " + std::to_string(limits.max_line) +
                            " bytes");
                    partial.clear();
                    skipping = true;
                } else {
                    partial.append(part);
                }
            }
            if (newline == std::string_view::npos) {
                return;
            }
            bytes.remove_prefix(newline + 1);
            if (!skipping) {
                std::string line = std::move(partial);
                partial.clear();
                deliver(line);
            }
            skipping = false;
        }
    }

    void finish_input(std::error_code ec) {
        if (input_closed) {
            return;
        }
        input_closed = true;
        if (ec && ec != asio::error::eof) {
            problem("reading the input failed: " + ec.message());
        }
        if (!skipping && !partial.empty()) {
            std::string line = std::move(partial);
            partial.clear();
            deliver(line);
        }
        std::error_code ignored;
        in.close(ignored);
        if (on_eof) {
            on_eof();
        }
    }

    /// Completes every queued flush marker and drops the lines (the output is gone).
    void drop_queue() {
        for (write_entry& e : queue) {
            if (e.done) {
                asio::post(executor, std::move(e.done));
            }
        }
        queue.clear();
        queued = 0;
    }

    static void pump(const std::shared_ptr<impl>& self) {
        if (self->writing) {
            return;
        }
        while (!self->queue.empty() && self->queue.front().done) {
            asio::post(self->executor, std::move(self->queue.front().done));
            self->queue.pop_front();
        }
        if (self->queue.empty()) {
            return;
        }
        self->batch.clear();
        while (!self->queue.empty() && !self->queue.front().done) {
            self->batch += self->queue.front().bytes;
            self->queued -= self->queue.front().bytes.size();
            self->queue.pop_front();
        }
        self->writing = true;
        asio::async_write(self->out, asio::buffer(self->batch),
                          [self](std::error_code ec, std::size_t /*written*/) {
                              self->writing = false;
                              if (ec) {
                                  const bool was_open = self->output_open;
                                  self->output_open = false;
                                  self->drop_queue();
                                  if (was_open && ec != asio::error::operation_aborted) {
                                      self->problem("writing the output failed: " + ec.message());
                                  }
                                  return;
                              }
                              pump(self);
                          });
    }

    static asio::awaitable<void> reader(std::shared_ptr<impl> self) {
        std::array<char, read_chunk> chunk{};
        for (;;) {
            auto [ec, n] = co_await self->in.async_read_some(
                asio::buffer(chunk), asio::experimental::as_tuple(asio::use_awaitable));
            if (self->input_closed) {
                co_return;
            }
            if (n > 0) {
                self->consume(std::string_view(chunk.data(), n));
            }
            if (ec) {
                self->finish_input(ec);
                co_return;
            }
        }
    }
};

namespace {

/// Assigns a duplicate of `fd` to `d`.
std::error_code assign_duplicate(asio::posix::stream_descriptor& d, int fd) {
    const int copy = ::dup(fd);
    if (copy < 0) {
        return {errno, std::generic_category()};
    }
    std::error_code ec;
    d.assign(copy, ec);
    if (ec) {
        ::close(copy);
    }
    return ec;
}

} // namespace

stdio_lines::stdio_lines(asio::any_io_executor executor, int in_fd, int out_fd,
                         stdio_limits limits)
    : impl_(std::make_shared<impl>(executor, limits)) {
    if (assign_duplicate(impl_->in, in_fd)) {
        impl_->input_closed = true;
    }
    if (assign_duplicate(impl_->out, out_fd)) {
        impl_->output_open = false;
    }
}

stdio_lines::~stdio_lines() {
    close_input();
    close_output();
    impl_->on_line = nullptr;
    impl_->on_eof = nullptr;
    impl_->on_problem = nullptr;
}

std::error_code stdio_lines::start(line_handler on_line, eof_handler on_eof,
                                   problem_handler on_problem) {
    impl_->on_line = std::move(on_line);
    impl_->on_eof = std::move(on_eof);
    impl_->on_problem = std::move(on_problem);
    if (!impl_->in.is_open()) {
        return std::make_error_code(std::errc::bad_file_descriptor);
    }
    std::weak_ptr<impl> weak = impl_;
    asio::co_spawn(impl_->executor, impl::reader(impl_), [weak](std::exception_ptr e) {
        if (!e) {
            return;
        }
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            if (auto self = weak.lock()) {
                self->problem(std::string("the input reader failed: ") + ex.what());
                self->finish_input({});
            }
        }
    });
    return {};
}

void stdio_lines::write_line(std::string line) {
    impl& s = *impl_;
    if (!s.output_open) {
        return;
    }
    if (s.queued + line.size() + 1 > s.limits.max_queued_bytes) {
        if (!s.overflowing) {
            s.overflowing = true;
            s.problem("the output is not being read; dropping lines");
        }
        return;
    }
    s.overflowing = false;
    line += '\n';
    s.queued += line.size();
    s.queue.push_back(write_entry{std::move(line), {}});
    impl::pump(impl_);
}

void stdio_lines::flush(std::function<void()> done) {
    if (!done) {
        return;
    }
    if (!impl_->output_open) {
        asio::post(impl_->executor, std::move(done));
        return;
    }
    impl_->queue.push_back(write_entry{{}, std::move(done)});
    impl::pump(impl_);
}

void stdio_lines::close_input() {
    impl_->input_closed = true;
    std::error_code ignored;
    impl_->in.close(ignored);
}

void stdio_lines::close_output() {
    impl_->output_open = false;
    impl_->drop_queue();
    std::error_code ignored;
    impl_->out.close(ignored);
}

bool stdio_lines::output_open() const noexcept { return impl_->output_open; }

std::size_t stdio_lines::queued_bytes() const noexcept { return impl_->queued; }

} // namespace csc::net
