#include "report.hpp"

#include <cstdio>

namespace csc::bench {
namespace {

void row(const char* name, double ours, double ref, int decimals) {
    if (ref != 0) {
        std::printf("  %-26s %14.*f %14.*f %9.2fx\n", name, decimals, ours, decimals, ref,
                    ours / ref);
    } else {
        std::printf("  %-26s %14.*f %14.*f %10s\n", name, decimals, ours, decimals, ref, "-");
    }
}

void count_row(const char* name, std::uint64_t ours, std::uint64_t ref) {
    std::printf("  %-26s %14llu %14llu\n", name, static_cast<unsigned long long>(ours),
                static_cast<unsigned long long>(ref));
}

double us(std::int64_t ns) { return static_cast<double>(ns) / 1000.0; }

void status(const char* who, const hub_figures& f) {
    if (!f.ok) std::printf("  %s: FAILED: %s\n", who, f.error.c_str());
}

} // namespace

void print_scenario(const scenario& sc, const hub_figures& ours, const hub_figures& ref) {
    std::printf("\n== %s: %s\n", sc.name.c_str(), sc.summary.c_str());
    status("csc-hub", ours);
    status("csc-ref-relay", ref);
    std::printf("  %-26s %14s %14s %10s\n", "", "csc-hub", "reference", "ratio");
    if (!sc.idle) {
        count_row("messages sent", ours.sent, ref.sent);
        count_row("deliveries", ours.delivered, ref.delivered);
        count_row("lost", ours.lost, ref.lost);
        count_row("duplicated", ours.duplicated, ref.duplicated);
        count_row("out of order", ours.out_of_order, ref.out_of_order);
        count_row("unexpected", ours.unexpected, ref.unexpected);
        row("deliveries/s", ours.deliveries_per_s, ref.deliveries_per_s, 0);
        const double qs[] = {0.5, 0.9, 0.99, 0.999};
        const char* names[] = {"latency p50 (us)", "latency p90 (us)", "latency p99 (us)",
                               "latency p99.9 (us)"};
        for (int i = 0; i < 4; ++i)
            row(names[i], us(ours.latency.quantile(qs[i])), us(ref.latency.quantile(qs[i])), 1);
        row("latency max (us)", us(ours.latency.max()), us(ref.latency.max()), 1);
        row("hub CPU ns/delivery", ours.cpu_ns_per_delivery, ref.cpu_ns_per_delivery, 0);
        row("hub CPU (% of a core)", 100 * ours.hub_cpu_share, 100 * ref.hub_cpu_share, 0);
        row("bench CPU (% of a core)", 100 * ours.generator_cpu_share,
            100 * ref.generator_cpu_share, 0);
    }
    if (sc.idle) {
        row("setup of all links (s)", ours.setup_s, ref.setup_s, 2);
        row("  hub CPU in setup (s)", ours.setup_hub_cpu_s, ref.setup_hub_cpu_s, 2);
        row("  bench CPU in setup (s)", ours.setup_bench_cpu_s, ref.setup_bench_cpu_s, 2);
    }
    row("hub peak RSS (KiB)", static_cast<double>(ours.peak_rss_kib),
        static_cast<double>(ref.peak_rss_kib), 0);
    row("hub RSS at end (KiB)", static_cast<double>(ours.rss_kib),
        static_cast<double>(ref.rss_kib), 0);
    std::fflush(stdout);
}

void print_startup(const startup_figures& ours, const startup_figures& ref,
                   const std::string& reference_label) {
    std::printf("\n== plugin: spawn csc-plugin, players:raw + init (hosting), time to the answer\n");
    std::printf("  reference: %s\n", reference_label.c_str());
    if (!ours.ok) std::printf("  csc-plugin: FAILED: %s\n", ours.error.c_str());
    if (!ref.ok) std::printf("  reference: FAILED: %s\n", ref.error.c_str());
    std::printf("  %-26s %14s %14s %10s\n", "", "csc-plugin", "reference", "ratio");
    row("init median (ms)", ours.init_ms_median, ref.init_ms_median, 2);
    row("init max (ms)", ours.init_ms_max, ref.init_ms_max, 2);
    row("RSS after init (KiB)", static_cast<double>(ours.rss_kib),
        static_cast<double>(ref.rss_kib), 0);
    row("peak RSS (KiB)", static_cast<double>(ours.peak_rss_kib),
        static_cast<double>(ref.peak_rss_kib), 0);
    std::fflush(stdout);
}

std::string smoke_problems(const scenario& sc, const hub_figures& f) {
    if (!f.ok) return f.error;
    if (sc.idle) return f.peak_rss_kib > 0 ? "" : "no memory figure";
    std::string why;
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on " " + std::to_string(n).
    auto add = [&why](std::uint64_t n, const char* what) {
        if (n == 0) return;
        why.append(" ").append(std::to_string(n)).append(what);
    };
    if (f.delivered == 0) why.append(" nothing delivered;");
    add(f.lost, " lost;");
    add(f.duplicated, " duplicated;");
    add(f.out_of_order, " out of order;");
    add(f.unexpected, " unexpected;");
    if (f.deliveries_per_s <= 0 || f.latency.count() == 0) why.append(" no rate or latency;");
    return why;
}

} // namespace csc::bench
