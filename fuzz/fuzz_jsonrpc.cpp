// Fuzz target: the lines Omegga writes to the plugin's stdin.
//
// The input is cut into lines as net::stdio_lines cuts stdin ('\n', a trailing '\r' dropped,
// empty lines skipped). Each line goes to:
//  1. omegga::jsonrpc::parse, which must classify it without throwing; every line built from
//     what it returned (the answer to a request, the echo of a notification, the error for an
//     answerable invalid line) must be one line of JSON that parses back to the same kind and id;
//     responses complete requests of a jsonrpc::peer, each handler called exactly once;
//  2. omegga::plugin::on_line, with a fake node that echoes our own chat back as another server's
//     (so chat lines and sanitizing see the fuzzed text); every line the plugin sends must be one
//     line of JSON that is a valid request, notification or response.

#include "csc/core/chat_events.hpp"
#include "csc/core/chat_node.hpp"
#include "csc/omegga/jsonrpc.hpp"
#include "csc/omegga/line_port.hpp"
#include "csc/omegga/plugin.hpp"
#include "csc/omegga/scheduler.hpp"
#include "fuzz_check.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using csc::fuzz::check;
using nlohmann::json;
namespace jsonrpc = csc::omegga::jsonrpc;

/// Checks that `line` is one line of JSON that classifies as `expected`; returns the message.
jsonrpc::message check_line(const std::string& line, jsonrpc::kind expected) {
    check(line.find_first_of("\r\n") == std::string::npos, "output spans more than one line", line);
    check(json::accept(line), "output is not valid JSON", line);
    jsonrpc::message m = jsonrpc::parse(line);
    check(m.type == expected, "output classifies as another kind", line);
    return m;
}

/// Everything the sans-I/O peer can make of one incoming line.
void exercise_parser(std::string_view line, jsonrpc::peer& peer) {
    const jsonrpc::message m = jsonrpc::parse(line);
    switch (m.type) {
    case jsonrpc::kind::request: {
        check(m.id.is_null() || m.id.is_string() || m.id.is_number_integer(), "bad request id",
              line);
        const auto answer =
            check_line(jsonrpc::result_line(m.id, m.params), jsonrpc::kind::response);
        check(answer.id == m.id, "answer lost the request id", line);
        check(!answer.failure.has_value(), "result answer read as an error", line);
        const auto refusal = check_line(jsonrpc::error_line(m.id, jsonrpc::code::method_not_found,
                                                            "method not found: " + m.method),
                                        jsonrpc::kind::response);
        check(refusal.failure.has_value(), "error answer read as a result", line);
        break;
    }
    case jsonrpc::kind::notification: {
        check(m.id.is_null(), "notification with an id", line);
        const auto echo =
            check_line(jsonrpc::notification_line(m.method, m.params), jsonrpc::kind::notification);
        check(echo.method == m.method, "notification lost its method", line);
        break;
    }
    case jsonrpc::kind::response: {
        const std::size_t before = peer.pending();
        const bool matched = peer.complete(m);
        check(peer.pending() == before - (matched ? 1 : 0), "complete() miscounted", line);
        break;
    }
    case jsonrpc::kind::invalid:
        check(!m.problem.empty(), "invalid line without a problem", line);
        check(m.problem_code == jsonrpc::code::parse_error ||
                  m.problem_code == jsonrpc::code::invalid_request,
              "invalid line with an unexpected error code", line);
        if (m.answerable()) {
            const auto answer = check_line(jsonrpc::error_line(m.id, m.problem_code, m.problem),
                                           jsonrpc::kind::response);
            check(answer.failure.has_value() && answer.failure->code == m.problem_code,
                  "error answer lost its code", line);
        }
        break;
    }
}

/// Records what the plugin sends, checking each line as it comes.
class checking_port final : public csc::omegga::line_port {
  public:
    void send_line(std::string line) override {
        const jsonrpc::message m = jsonrpc::parse(line);
        check(line.find_first_of("\r\n") == std::string::npos, "plugin output spans lines", line);
        check(m.type != jsonrpc::kind::invalid, "plugin output is not a valid JSON-RPC line", line);
        ++sent_;
    }
    void flush(std::function<void()> done) override { done(); }
    bool is_open() const override { return true; }

  private:
    std::size_t sent_ = 0;
};

/// A hand-driven clock; callbacks run when the target says so.
class manual_scheduler final : public csc::omegga::scheduler {
  public:
    clock::time_point now() const override { return now_; }
    void call_after(std::chrono::milliseconds delay, std::function<void()> fn) override {
        static_cast<void>(delay);
        due_.push_back(std::move(fn));
    }
    /// Jumps far ahead and runs what is due (and what that schedules), boundedly.
    void run_all() {
        now_ += std::chrono::hours(1);
        for (int round = 0; round < 4 && !due_.empty(); ++round) {
            auto batch = std::exchange(due_, {});
            for (auto& fn : batch) {
                fn();
            }
        }
    }

  private:
    clock::time_point now_{};
    std::vector<std::function<void()>> due_;
};

/// A node that reflects what our players do as if another server had done it.
class echo_node final : public csc::core::chat_node {
  public:
    explicit echo_node(csc::core::chat_events& events) : events_(events) {
        other_ = csc::core::server{7, {"Other <b>", "ff00ff", "[o]"}};
        directory_.upsert(other_);
    }
    void start() override { events_.on_network_joined(other_, 3); }
    void stop() override { events_.on_network_left(); }
    void reconnect(std::chrono::milliseconds) override { events_.on_server_disconnected(other_); }
    void set_player_count(std::int64_t) override {}
    void send_join(const std::string& name) override { events_.on_player_joined(other_, name); }
    void send_leave(const std::string& name) override { events_.on_player_left(other_, name); }
    void send_message(const std::string& name, const std::string& content,
                      bool sanitized) override {
        events_.on_message(other_, name, content, sanitized);
        events_.on_message(other_, content, name, !sanitized);
    }
    const csc::core::server_directory& servers() const override { return directory_; }
    csc::protocol::identifier host_id() const override { return 0; }
    bool is_host() const override { return false; }

  private:
    csc::core::chat_events& events_;
    csc::core::server other_;
    csc::core::server_directory directory_;
};

/// The input's lines, cut as stdio_lines cuts stdin.
std::vector<std::string_view> lines_of(std::string_view input) {
    std::vector<std::string_view> out;
    while (!input.empty()) {
        const std::size_t end = input.find('\n');
        std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::string_view> lines = lines_of(csc::fuzz::as_text(data, size));

    jsonrpc::peer peer;
    std::size_t handled = 0;
    const auto deadline = jsonrpc::peer::clock::now() + std::chrono::hours(1);
    for (int i = 0; i < 3; ++i) {
        peer.request("player.get", json::array({"someone"}), deadline,
                     [&handled](const jsonrpc::reply&) { ++handled; });
    }
    for (const std::string_view line : lines) {
        exercise_parser(line, peer);
    }
    const std::size_t left = peer.pending();
    check(peer.cancel_all("fuzz input ended") == left, "cancel_all missed requests");
    check(handled == 3, "a request handler ran more or less than once");

    checking_port port;
    manual_scheduler sched;
    csc::omegga::plugin plugin(port, sched,
                               [](const csc::omegga::plugin_config&, csc::core::chat_events& events,
                                  csc::core::logger&) -> std::unique_ptr<csc::core::chat_node> {
                                   return std::make_unique<echo_node>(events);
                               });
    for (const std::string_view line : lines) {
        plugin.on_line(line);
    }
    sched.run_all();
    plugin.shutdown();
    return 0;
}
