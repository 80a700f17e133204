#pragma once
// The named scenarios, and one run of a scenario against one hub binary: start the hub
// pinned to its CPU, drive it with the load generator, read its CPU time and memory.

#include "latency_histogram.hpp"
#include "load_generator.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace csc::bench {

/// A named load shape.
struct scenario {
    std::string name;
    /// One line saying what it does.
    std::string summary;
    /// The load; its port is filled in per run.
    load_config load;
    /// Idle links only: report memory, not deliveries.
    bool idle = false;
};

/// flat10, fanout50, steady10, idle1000; shorter ones for --smoke; `seconds` overrides durations.
std::vector<scenario> make_scenarios(bool smoke, std::optional<double> seconds);

/// How the hubs and the generator are placed.
struct run_options {
    /// CPU for the hub (and the plugin), or -1.
    int hub_cpu = -1;
    /// Let the hub's stderr through.
    bool show_hub_stderr = false;
    /// Extra arguments for our hub only (never the reference): lifting its bounds and flood
    /// budgets, which a benchmark exceeds on purpose.
    std::vector<std::string> hub_args;
};

/// The figures of one scenario against one hub.
struct hub_figures {
    bool ok = false;
    std::string error;
    std::uint64_t sent = 0;
    std::uint64_t expected = 0;
    std::uint64_t delivered = 0;
    std::uint64_t lost = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t out_of_order = 0;
    std::uint64_t unexpected = 0;
    double setup_s = 0;           ///< connecting and handshaking every link
    double setup_hub_cpu_s = 0;   ///< the hub's CPU time until then (since it started)
    double setup_bench_cpu_s = 0; ///< this process's CPU time during the setup
    double elapsed_s = 0;
    double deliveries_per_s = 0;
    latency_histogram latency;
    double cpu_ns_per_delivery = 0;
    double hub_cpu_share = 0;       ///< hub CPU time / elapsed wall time
    double generator_cpu_share = 0; ///< the same for this process
    std::int64_t peak_rss_kib = 0;
    std::int64_t rss_kib = 0;
};

/// Runs `sc` against the hub at `hub_path` (started as `hub_path --host 127.0.0.1 --port P`).
hub_figures run_scenario(const scenario& sc, const std::string& hub_path, const run_options& opts);

} // namespace csc::bench
