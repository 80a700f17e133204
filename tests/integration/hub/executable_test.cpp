// The real csc-hub executable: argument validation, an acknowledge from "Chat Hub",
// and a clean exit on SIGTERM.

#include "csc/auth/link_auth.hpp"
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
#include <filesystem>
#include <cstdio>
#include <fstream>
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
    const auto log_file = std::filesystem::temp_directory_path() /
                          ("csc-hub-exe-" + std::to_string(port) + ".sqlite3");
    std::filesystem::remove(log_file);
    hub_process hub({"--host", "127.0.0.1", "--port", std::to_string(port), "--log-file",
                     log_file.string()});
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
    EXPECT_TRUE(std::filesystem::exists(log_file)) << "--log-file names the delivery log";
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(log_file.string() + suffix, ignored);
    }
}

TEST(HubExecutable, RejectsInvalidArgumentsWithExitCodeTwo) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--port", "0"}, {"--port", "70000"}, {"--color", "xyz"}, {"--color", "00aaf#"},
             {"--retention-packets", "0"}, {"--retention-minutes", "-1"}, {"--ping-interval", "0"},
             {"--dead-after", "0"}}) {
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

/// Connects to 127.0.0.1:`port` once csc-hub listens (bounded); nullptr if it never does.
std::unique_ptr<test_peer> connect_when_listening(asio::io_context& ctx, std::uint16_t port) {
    const asio::ip::tcp::endpoint where(asio::ip::make_address("127.0.0.1"), port);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        auto attempt = std::make_unique<test_peer>(ctx);
        if (!attempt->connect(where)) {
            return attempt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
}

/// A file holding `content`, removed at the end of the test.
class temp_file {
public:
    explicit temp_file(const std::string& content)
        : path_(::testing::TempDir() + "csc_hub_secret_" + std::to_string(::getpid())) {
        std::ofstream(path_) << content;
    }
    ~temp_file() { std::remove(path_.c_str()); }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

TEST(HubExecutable, SecretFileMakesLinksAuthenticate) {
    const temp_file secret("hunter2 but longer\n");
    asio::io_context ctx;
    const auto port = free_port(ctx);
    hub_process hub({"--host", "127.0.0.1", "--port", std::to_string(port), "--secret-file",
                     secret.path(), "--max-links", "8", "--handshake-timeout", "5"});
    ASSERT_TRUE(hub.spawned());

    auto plain = connect_when_listening(ctx, port);
    ASSERT_TRUE(plain) << "csc-hub never listened on port " << port;
    plain->send(make_handshake("Plain", 0, {"sanitized"}));
    ASSERT_TRUE(run_until(ctx, [&] { return plain->closed(); }));
    EXPECT_EQ(plain->count<protocol::acknowledge>(), 0U);
    EXPECT_NE(plain->raw().find("authentication required"), std::string::npos) << plain->raw();

    // The trailing newline of the file is not part of the secret.
    auto member = connect_when_listening(ctx, port);
    ASSERT_TRUE(member);
    auth::link_auth link("hunter2 but longer");
    member->send_raw(link.handshake(make_handshake("Member", 0, {"sanitized"})));
    ASSERT_TRUE(run_until(ctx, [&] { return !member->frames().empty() || member->closed(); }));
    bool handled = false;
    const auto step = link.on_frame(member->frames().front(), handled);
    ASSERT_EQ(step.what, auth::link_step::action::proceed) << step.reason;
    member->send_raw(step.bytes);
    ASSERT_TRUE(run_until(ctx, [&] { return member->count<protocol::acknowledge>() == 1; }));

    hub.signal(SIGTERM);
    EXPECT_EQ(hub.wait_exit(), std::optional<int>(0));
}

TEST(HubExecutable, RejectsBadSecurityArgumentsWithExitCodeTwo) {
    const temp_file empty("\n");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--secret-file", empty.path()},
             {"--secret-file", empty.path() + ".missing"},
             {"--max-links", "0"},
             {"--handshake-timeout", "0"},
             {"--tls-cert", empty.path()}}) {
        hub_process hub(args);
        ASSERT_TRUE(hub.spawned());
        EXPECT_EQ(hub.wait_exit(), std::optional<int>(2)) << args[0] << " " << args[1];
    }
}

} // namespace
} // namespace csc::test
