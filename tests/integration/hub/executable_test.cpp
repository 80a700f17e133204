// The real csc-hub executable: argument validation, an acknowledge from "Chat Hub",
// and a clean exit on SIGTERM.

#include "support/run_until.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace csc::test {
namespace {

/// A child process running csc-hub with stdout discarded; killed if still running at the end.
class hub_process {
public:
    explicit hub_process(std::vector<std::string> args) {
        args.insert(args.begin(), CSC_HUB_EXECUTABLE);
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        spawned_ = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~hub_process() {
        if (spawned_ && !status_) {
            ::kill(pid_, SIGKILL);
            int ignored = 0;
            ::waitpid(pid_, &ignored, 0);
        }
    }
    hub_process(const hub_process&) = delete;
    hub_process& operator=(const hub_process&) = delete;

    bool spawned() const { return spawned_; }
    void signal(int sig) const { ::kill(pid_, sig); }

    /// The exit code, waiting at most `limit` (nullopt: still running, or killed by a signal).
    std::optional<int> wait_exit(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!status_ && std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                status_ = status;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (!status_ || !WIFEXITED(*status_)) {
            return std::nullopt;
        }
        return WEXITSTATUS(*status_);
    }

private:
    pid_t pid_ = 0;
    bool spawned_ = false;
    std::optional<int> status_;
};

/// A port that was free a moment ago (the system picked it for us).
std::uint16_t free_port(asio::io_context& ctx) {
    asio::ip::tcp::acceptor probe(ctx, {asio::ip::make_address("127.0.0.1"), 0});
    return probe.local_endpoint().port();
}

TEST(HubExecutable, AcknowledgesAsChatHubAndExitsCleanlyOnSigterm) {
    asio::io_context ctx;
    const auto port = free_port(ctx);
    hub_process hub({"--host", "127.0.0.1", "--port", std::to_string(port)});
    ASSERT_TRUE(hub.spawned());

    // Connect once it listens (bounded; each attempt fails fast while it starts).
    const asio::ip::tcp::endpoint where(asio::ip::make_address("127.0.0.1"), port);
    std::unique_ptr<test_peer> peer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!peer && std::chrono::steady_clock::now() < deadline) {
        auto attempt = std::make_unique<test_peer>(ctx);
        if (!attempt->connect(where)) {
            peer = std::move(attempt);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ASSERT_TRUE(peer) << "csc-hub never listened on port " << port;

    peer->send(make_handshake("Tester", 4));
    ASSERT_TRUE(run_until(ctx, [&] { return peer->count<protocol::acknowledge>() == 1; }));
    const auto ack = peer->last<protocol::acknowledge>().value();
    EXPECT_EQ(ack.id, 1);
    ASSERT_FALSE(ack.connections.empty());
    EXPECT_EQ(ack.connections.back().id, 0);
    EXPECT_EQ(ack.connections.back().info.name, "Chat Hub");

    hub.signal(SIGTERM);
    EXPECT_EQ(hub.wait_exit(), std::optional<int>(0));
    EXPECT_TRUE(run_until(ctx, [&] { return peer->closed(); }));
}

TEST(HubExecutable, RejectsInvalidArgumentsWithExitCodeTwo) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--port", "0"}, {"--port", "70000"}, {"--color", "xyz"}, {"--color", "00aaf#"}}) {
        hub_process hub(args);
        ASSERT_TRUE(hub.spawned());
        EXPECT_EQ(hub.wait_exit(), std::optional<int>(2)) << args[0] << " " << args[1];
    }
}

TEST(HubExecutable, HelpExitsWithZero) {
    hub_process hub({"--help"});
    ASSERT_TRUE(hub.spawned());
    EXPECT_EQ(hub.wait_exit(), std::optional<int>(0));
}

} // namespace
} // namespace csc::test
