#include "plugin_startup.hpp"

#include "process.hpp"

#include <nlohmann/json.hpp>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>

namespace csc::bench {
namespace {

using clock = std::chrono::steady_clock;
using json = nlohmann::json;

/// Omegga kills a plugin that has not answered `init` within 5 seconds.
constexpr auto init_timeout = std::chrono::seconds(5);

bool write_line(int fd, const std::string& line) {
    const std::string text = line + "\n";
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads stdout lines until the response with `id`; answers the child's own requests.
/// Returns "" or why it failed.
std::string await_response(child_process& child, int id, clock::time_point deadline) {
    std::string pending;
    std::array<char, 65536> buf{};
    while (clock::now() < deadline) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
        pollfd pfd{child.stdout_fd(), POLLIN, 0};
        if (poll(&pfd, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
        const ssize_t n = read(child.stdout_fd(), buf.data(), buf.size());
        if (n <= 0) return "its stdout closed before it answered (id " + std::to_string(id) + ")";
        pending.append(buf.data(), static_cast<std::size_t>(n));
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            const json msg = json::parse(pending.substr(0, nl), nullptr, false);
            pending.erase(0, nl + 1);
            if (!msg.is_object() || !msg.contains("id")) continue; // a notification or a log
            if (msg.contains("method")) {                          // a request to "Omegga"
                const bool list = msg.value("method", "") == "getPlayers";
                json reply = {{"jsonrpc", "2.0"}, {"id", msg["id"]}, {"result", nullptr}};
                if (list) reply["result"] = json::array();
                write_line(child.stdin_fd(), reply.dump());
            } else if (msg["id"] == id) {
                if (msg.contains("error")) return "it answered with an error: " + msg.dump();
                return "";
            }
        }
    }
    return "no answer within 5 s (id " + std::to_string(id) + ")";
}

} // namespace

std::vector<std::string> reference_plugin_argv() {
    return {"/bin/sh", "-c",
            R"(read a; read b; echo '{"jsonrpc":"2.0","id":1,"result":{}}'; read c)"};
}

startup_figures measure_startup(const std::vector<std::string>& argv, int runs, int cpu,
                                bool show_stderr) {
    startup_figures f;
    std::vector<double> times;
    try {
        for (int run = 0; run < runs; ++run) {
            const std::uint16_t port = pick_free_port();
            const auto start = clock::now();
            child_process child({argv, cpu, true, show_stderr});
            const json players = {{"jsonrpc", "2.0"},
                                  {"method", "plugin:players:raw"},
                                  {"params", json::array({json::array()})}};
            const json init = {{"jsonrpc", "2.0"},
                               {"id", 1},
                               {"method", "init"},
                               {"params", {{"hosting", true}, {"port", port}}}};
            write_line(child.stdin_fd(), players.dump());
            write_line(child.stdin_fd(), init.dump());
            if (std::string why = await_response(child, 1, start + init_timeout); !why.empty()) {
                f.error = why;
                return f;
            }
            times.push_back(std::chrono::duration<double, std::milli>(clock::now() - start).count());
            f.rss_kib = std::max(f.rss_kib, status_kib(child.pid(), "VmRSS").value_or(0));
            f.peak_rss_kib = std::max(f.peak_rss_kib, status_kib(child.pid(), "VmHWM").value_or(0));
            // Unload as Omegga does: `stop`, then (in the destructor) a signal.
            const json stop = {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "stop"}};
            write_line(child.stdin_fd(), stop.dump());
            await_response(child, 2, clock::now() + std::chrono::seconds(2));
        }
    } catch (const std::exception& e) {
        f.error = e.what();
        return f;
    }
    std::sort(times.begin(), times.end());
    f.runs = static_cast<int>(times.size());
    f.init_ms_median = times[times.size() / 2];
    f.init_ms_max = times.back();
    f.ok = true;
    return f;
}

} // namespace csc::bench
