#include "support/run_until.hpp"

#include <algorithm>
#include <thread>

namespace csc::test {

bool run_until(asio::io_context& ctx, const std::function<bool()>& done,
               std::chrono::milliseconds timeout) {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + timeout;
    while (!done()) {
        const auto now = clock::now();
        if (now >= deadline) {
            return done();
        }
        if (ctx.stopped()) {
            ctx.restart();
        }
        // One handler at a time, so the condition is checked as soon as it may hold;
        // the short slice keeps the loop alive while the context has no work.
        const auto slice = std::min<clock::duration>(deadline - now, std::chrono::milliseconds(20));
        if (ctx.run_one_for(slice) == 0 && ctx.stopped()) {
            // No work at all: nothing can change until the deadline; do not spin.
            ctx.restart();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    return true;
}

void run_for(asio::io_context& ctx, std::chrono::milliseconds duration) {
    if (ctx.stopped()) {
        ctx.restart();
    }
    ctx.run_for(duration);
}

} // namespace csc::test
