#pragma once
// Driving an io_context from a test: run handlers until a condition holds, with a
// bound on wall time so that a hang fails the test instead of stalling CI. The bound
// is a safety net, never an expectation: tests wait for conditions, not for time.

// Standard headers first, on purpose: Asio 1.22 picks its aligned allocation functions
// from libstdc++'s macros, so a file that includes Asio before any standard header gets
// other definitions of those inline functions (an ODR violation that ASan reports).
#include <chrono>
#include <functional>

#include <asio/io_context.hpp>

namespace csc::test {

/// Generous bound for one wait: reached only when something is broken.
inline constexpr std::chrono::milliseconds default_wait{10000};

/// Runs `ctx` one handler at a time until `done()` is true (checked before each
/// handler) or `timeout` passes. Returns done(). Restarts a stopped context.
bool run_until(asio::io_context& ctx, const std::function<bool()>& done,
               std::chrono::milliseconds timeout = default_wait);

/// Runs `ctx` for `duration` (or until it runs out of work), restarting it if stopped.
/// Only for letting queued work happen; never as evidence that something did not happen.
void run_for(asio::io_context& ctx, std::chrono::milliseconds duration);

} // namespace csc::test
