#pragma once
// Startup of the Omegga plugin: spawn it, send what Omegga sends first
// (`plugin:players:raw`, then the `init` request with hosting on a free port), time the
// answer to `init`, and read the process's memory once it has answered.

#include <cstdint>
#include <string>
#include <vector>

namespace csc::bench {

/// The figures of a few startups of one executable.
struct startup_figures {
    bool ok = false;
    std::string error;
    int runs = 0;
    double init_ms_median = 0; ///< spawn to the answer of `init`
    double init_ms_max = 0;
    std::int64_t rss_kib = 0;      ///< VmRSS just after the answer (largest over the runs)
    std::int64_t peak_rss_kib = 0; ///< VmHWM just after the answer (largest over the runs)
};

/// Starts `argv` `runs` times (pinned to `cpu` unless -1) and measures each startup.
startup_figures measure_startup(const std::vector<std::string>& argv, int runs, int cpu,
                                bool show_stderr);

/// The reference: a POSIX shell that reads the two lines and prints a minimal `init` answer.
std::vector<std::string> reference_plugin_argv();

} // namespace csc::bench
