#pragma once
// Child processes of the benchmark (the hubs, the plugin) and the figures read about them
// from /proc. Every child dies with the benchmark: destructors stop them, a signal handler
// kills them on Ctrl-C, and PR_SET_PDEATHSIG covers a crash of the benchmark itself.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::bench {

/// How to start a child.
struct spawn_options {
    /// argv[0] is the executable's path.
    std::vector<std::string> argv;
    /// Pin the child to this CPU, or -1 to leave it free.
    int cpu = -1;
    /// Connect the child's stdin and stdout to pipes (otherwise /dev/null).
    bool pipe_stdio = false;
    /// Keep the child's stderr (otherwise /dev/null).
    bool show_stderr = false;
};

/// A running child; stopping it (SIGTERM, then SIGKILL) and reaping it is the destructor's job.
class child_process {
public:
    /// Starts the child; throws std::runtime_error when fork or exec fails.
    explicit child_process(const spawn_options& opts);
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    /// The child's process id.
    pid_t pid() const noexcept { return pid_; }
    /// Write end of the child's stdin pipe, or -1.
    int stdin_fd() const noexcept { return stdin_fd_; }
    /// Read end of the child's stdout pipe, or -1.
    int stdout_fd() const noexcept { return stdout_fd_; }
    /// True while the child has not exited (reaps it when it has).
    bool running();
    /// SIGTERM, up to `grace` for it to exit, then SIGKILL; idempotent.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

private:
    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    int stdout_fd_ = -1;
    bool reaped_ = false;
};

/// User plus system CPU time of a process, from /proc/PID/stat (clock-tick resolution).
std::optional<std::int64_t> cpu_time_ns(pid_t pid);
/// A "Vm..." figure of /proc/PID/status in KiB, e.g. status_kib(pid, "VmHWM").
std::optional<std::int64_t> status_kib(pid_t pid, std::string_view key);
/// This process's own user plus system CPU time.
std::int64_t self_cpu_time_ns();

/// The CPUs this process may run on.
std::vector<int> allowed_cpus();
/// Pins the calling process to one CPU; false when the kernel refuses.
bool pin_self(int cpu);
/// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t pick_free_port();
/// Raises the soft open-file limit to the hard one; returns the new soft limit.
std::uint64_t raise_fd_limit();
/// The path of `name` in the directory of this executable.
std::string sibling_path(std::string_view name);
/// True when `path` names an executable file.
bool is_executable(const std::string& path);
/// Kills every live child on SIGINT/SIGTERM, then exits with 128 + signal.
void install_child_reaper();

} // namespace csc::bench
