// csc-bench: runs the same scenarios against csc-hub and against csc-ref-relay (the least
// work a relay can do), then prints both sets of figures and the ratios. See
// docs/performance.md for the scenarios, the targets and the latest figures.

#include "plugin_startup.hpp"
#include "process.hpp"
#include "report.hpp"
#include "scenario.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct options {
    std::vector<std::string> scenarios;
    bool all = false;
    bool smoke = false;
    std::string hub = csc::bench::sibling_path("csc-hub");
    std::string ref = csc::bench::sibling_path("csc-ref-relay");
    std::string plugin = csc::bench::sibling_path("csc-plugin");
    std::optional<double> seconds;
    std::uint64_t window = 64;
    int plugin_runs = 5;
    bool no_pin = false;
    bool verbose = false;
    bool original_peers = false;
    std::string delivery_log;
    /// csc-hub's limits lifted: the scenarios send far more than a game server's chat.
    std::string hub_args = "--max-links 5000 --link-messages-per-second 1e9 "
                           "--link-message-burst 1e9 --link-bytes-per-second 1e12 "
                           "--link-bytes-burst 1e12 --log-memory";
};

/// `text` split on spaces.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    using namespace csc::bench;
    options o;
    CLI::App app{"csc-bench: csc-hub against a minimal reference relay, same scenarios"};
    app.add_option("-s,--scenario", o.scenarios,
                   "flat10, fanout50, steady10, idle1000 or plugin (repeatable)");
    app.add_flag("--all", o.all, "Run every scenario, the plugin startup included");
    app.add_flag("--smoke", o.smoke,
                 "Short runs of every scenario; exit 1 unless nothing is lost or duplicated");
    app.add_option("--hub", o.hub, "Our hub (default: csc-hub beside this executable)");
    app.add_option("--ref", o.ref, "The reference relay (default: beside this executable)");
    app.add_option("--plugin", o.plugin, "The plugin (default: csc-plugin beside this executable)");
    app.add_option("--seconds", o.seconds, "Length of each sending phase")->check(CLI::PositiveNumber);
    app.add_option("--window", o.window, "Flat out: messages in flight per sender")
        ->check(CLI::Range(1, 65536));
    app.add_option("--plugin-runs", o.plugin_runs, "Startups to time")->check(CLI::Range(1, 100));
    app.add_option("--hub-args", o.hub_args,
                   "Extra arguments for our hub, not the reference (\"\" for a hub without them)")
        ->capture_default_str();
    app.add_flag("--original-peers", o.original_peers,
                 "Links handshake without features, as original plugins (one packet per write)");
    app.add_option("--delivery-log", o.delivery_log,
                   "Links announce delivery; csc-hub logs every message to this SQLite file "
                   "(deleted first) before relaying it");
    app.add_flag("--no-pin", o.no_pin, "Do not pin the hub and the generator to CPUs");
    app.add_flag("--verbose", o.verbose, "Show the hubs' and the plugin's stderr");
    CLI11_PARSE(app, argc, argv);

    const std::vector<std::string> known = {"flat10", "fanout50", "steady10", "idle1000", "plugin"};
    if (o.all || o.smoke || o.scenarios.empty()) o.scenarios = known;
    for (const auto& name : o.scenarios) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::fprintf(stderr, "csc-bench: unknown scenario '%s'\n", name.c_str());
            return 2;
        }
    }
    for (const auto* path : {&o.hub, &o.ref}) {
        if (!is_executable(*path)) {
            std::fprintf(stderr, "csc-bench: %s is not an executable; build it or pass its path\n",
                         path->c_str());
            return 2;
        }
    }
    install_child_reaper();
    const auto fd_limit = raise_fd_limit();

    run_options run;
    const auto cpus = allowed_cpus();
    if (!o.no_pin && cpus.size() >= 2) {
        run.hub_cpu = cpus[0];
        pin_self(cpus[1]);
        std::printf("pinning: hub on CPU %d, generator on CPU %d\n", cpus[0], cpus[1]);
    } else {
        std::printf("pinning: off (%zu CPU(s) available)\n", cpus.size());
    }
    std::printf("hub: %s\nreference: %s\nopen-file limit: %llu\n", o.hub.c_str(), o.ref.c_str(),
                static_cast<unsigned long long>(fd_limit));
    run.show_hub_stderr = o.verbose;
    run.hub_args = words(o.hub_args);
    if (!o.delivery_log.empty()) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((o.delivery_log + suffix).c_str());
        run.hub_args.erase(std::remove(run.hub_args.begin(), run.hub_args.end(), "--log-memory"),
                           run.hub_args.end());
        run.hub_args.insert(run.hub_args.end(), {"--log-file", o.delivery_log});
        std::printf("delivery: links announce it, csc-hub logs to %s\n", o.delivery_log.c_str());
    }
    if (!run.hub_args.empty()) {
        std::printf("hub arguments: %s\n", o.hub_args.c_str());
    }
    // Other work on the machine skews every figure: say how busy it was.
    std::string load;
    std::getline(std::ifstream("/proc/loadavg"), load);
    std::printf("load average at start: %s\n", load.c_str());

    bool sane = true;
    for (auto sc : make_scenarios(o.smoke, o.seconds)) {
        if (std::find(o.scenarios.begin(), o.scenarios.end(), sc.name) == o.scenarios.end())
            continue;
        sc.load.window = o.window;
        sc.load.original_peers = o.original_peers;
        sc.load.delivery = !o.delivery_log.empty();
        if (sc.idle && static_cast<std::uint64_t>(sc.load.links) + 64 > fd_limit) {
            sc.load.links = static_cast<int>(fd_limit) - 64;
            sc.summary += " (capped by the open-file limit: " + std::to_string(sc.load.links) + ")";
        }
        const hub_figures ours = run_scenario(sc, o.hub, run);
        run_options ref_run = run;
        ref_run.hub_args.clear();
        const hub_figures ref = run_scenario(sc, o.ref, ref_run);
        print_scenario(sc, ours, ref);
        if (o.smoke) {
            for (const auto& [who, f] : {std::pair{"csc-hub", &ours}, std::pair{"reference", &ref}}) {
                const std::string why = smoke_problems(sc, *f);
                if (why.empty()) continue;
                std::printf("  SMOKE FAILURE (%s):%s\n", who, why.c_str());
                sane = false;
            }
        }
    }

    if (std::find(o.scenarios.begin(), o.scenarios.end(), "plugin") != o.scenarios.end()) {
        if (!is_executable(o.plugin)) {
            std::printf("\n== plugin: skipped, %s is not built\n", o.plugin.c_str());
        } else {
            const int runs = o.smoke ? 1 : o.plugin_runs;
            const auto ours = measure_startup({o.plugin}, runs, run.hub_cpu, o.verbose);
            const auto ref = measure_startup(reference_plugin_argv(), runs, run.hub_cpu, o.verbose);
            print_startup(ours, ref,
                          "/bin/sh reading the two lines and echoing a minimal init answer");
            if (o.smoke && (!ours.ok || !ref.ok)) {
                std::printf("  SMOKE FAILURE: the plugin startup failed\n");
                sane = false;
            }
        }
    }
    if (o.smoke) std::printf("\nsmoke: %s\n", sane ? "OK" : "FAILED");
    return sane ? 0 : 1;
}
