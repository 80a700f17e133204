#include "process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace csc::bench {
namespace {

// Live children, for the signal handler (async-signal-safe: plain atomics, kill, _exit).
constexpr std::size_t max_children = 16;
std::array<std::atomic<pid_t>, max_children> live_children{};

void remember(pid_t pid) {
    for (auto& slot : live_children) {
        pid_t empty = 0;
        if (slot.compare_exchange_strong(empty, pid)) return;
    }
}

void forget(pid_t pid) {
    for (auto& slot : live_children) {
        pid_t expected = pid;
        if (slot.compare_exchange_strong(expected, 0)) return;
    }
}

void on_fatal_signal(int sig) {
    for (auto& slot : live_children) {
        const pid_t pid = slot.load();
        if (pid > 0) kill(pid, SIGKILL);
    }
    _exit(128 + sig);
}

// Runs in the forked child: only async-signal-safe calls, nothing allocates.
[[noreturn]] void exec_child(const spawn_options& opts, char* const* args, int in_fd, int out_fd,
                             int err_fd, pid_t parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    if (opts.cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(static_cast<std::size_t>(opts.cpu), &set);
        sched_setaffinity(0, sizeof set, &set);
    }
    execv(args[0], args);
    _exit(127);
}

} // namespace

child_process::child_process(const spawn_options& opts) {
    if (opts.argv.empty()) throw std::runtime_error("spawn: empty command line");
    const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    int in_pipe[2] = {-1, -1};
    int out_pipe[2] = {-1, -1};
    if (opts.pipe_stdio && (pipe2(in_pipe, O_CLOEXEC) < 0 || pipe2(out_pipe, O_CLOEXEC) < 0))
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    std::vector<char*> args;
    for (const auto& a : opts.argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) {
        exec_child(opts, args.data(), opts.pipe_stdio ? in_pipe[0] : null_fd,
                   opts.pipe_stdio ? out_pipe[1] : null_fd, opts.show_stderr ? 2 : null_fd,
                   parent);
    }
    remember(pid_);
    close(null_fd);
    if (opts.pipe_stdio) {
        close(in_pipe[0]);
        close(out_pipe[1]);
        stdin_fd_ = in_pipe[1];
        stdout_fd_ = out_pipe[0];
    }
}

child_process::~child_process() {
    stop();
    if (stdin_fd_ >= 0) close(stdin_fd_);
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool child_process::running() {
    if (reaped_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        forget(pid_);
    }
    return !reaped_;
}

void child_process::stop(std::chrono::milliseconds grace) {
    if (!running()) return;
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (running()) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        reaped_ = true;
        forget(pid_);
    }
}

std::optional<std::int64_t> cpu_time_ns(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces; fields after it start past the last ')'.
    const auto paren = text.rfind(')');
    if (paren == std::string::npos) return std::nullopt;
    std::istringstream fields(text.substr(paren + 1));
    std::string skip;
    for (int field = 3; field < 14; ++field) fields >> skip; // state .. cmajflt
    std::int64_t utime = 0;
    std::int64_t stime = 0;
    if (!(fields >> utime >> stime)) return std::nullopt;
    const std::int64_t tick = sysconf(_SC_CLK_TCK);
    return (utime + stime) * (1'000'000'000 / tick);
}

std::optional<std::int64_t> status_kib(pid_t pid, std::string_view key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() > key.size() && line.compare(0, key.size(), key) == 0 &&
            line[key.size()] == ':')
            return std::stoll(line.substr(key.size() + 1));
    }
    return std::nullopt;
}

std::int64_t self_cpu_time_ns() {
    rusage use{};
    getrusage(RUSAGE_SELF, &use);
    auto ns = [](const timeval& tv) {
        return std::int64_t{tv.tv_sec} * 1'000'000'000 + std::int64_t{tv.tv_usec} * 1000;
    };
    return ns(use.ru_utime) + ns(use.ru_stime);
}

std::vector<int> allowed_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(static_cast<std::size_t>(cpu), &set)) cpus.push_back(cpu);
    return cpus;
}

bool pin_self(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(static_cast<std::size_t>(cpu), &set);
    return sched_setaffinity(0, sizeof set, &set) == 0;
}

std::uint16_t pick_free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    auto* raw = reinterpret_cast<sockaddr*>(&addr);
    if (fd < 0 || bind(fd, raw, sizeof addr) < 0 || getsockname(fd, raw, &len) < 0) {
        if (fd >= 0) close(fd);
        throw std::runtime_error(std::string("cannot pick a free port: ") + std::strerror(errno));
    }
    close(fd);
    return ntohs(addr.sin_port);
}

std::uint64_t raise_fd_limit() {
    rlimit lim{};
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    getrlimit(RLIMIT_NOFILE, &lim);
    return lim.rlim_cur;
}

std::string sibling_path(std::string_view name) {
    std::array<char, 4096> buf{};
    const ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    std::string self = n > 0 ? std::string(buf.data(), static_cast<std::size_t>(n)) : ".";
    const auto slash = self.rfind('/');
    return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/" +
           std::string(name);
}

bool is_executable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

void install_child_reaper() {
    struct sigaction sa{};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

} // namespace csc::bench
