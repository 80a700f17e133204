#include "scenario.hpp"

#include "process.hpp"

#include <chrono>
#include <exception>

namespace csc::bench {
namespace {

using std::chrono::milliseconds;

scenario make(std::string name, std::string summary, int links, int senders, double rate,
              milliseconds duration) {
    scenario sc;
    sc.name = std::move(name);
    sc.summary = std::move(summary);
    sc.load.links = links;
    sc.load.senders = senders;
    sc.load.payload_bytes = 100;
    sc.load.rate = rate;
    sc.load.duration = duration;
    sc.idle = senders == 0;
    // Every handshake is announced to every earlier link: setup is quadratic in links.
    if (sc.idle) sc.load.setup_timeout = milliseconds(120000);
    return sc;
}

} // namespace

std::vector<scenario> make_scenarios(bool smoke, std::optional<double> seconds) {
    const milliseconds full = seconds ? milliseconds(static_cast<long>(*seconds * 1000))
                                      : milliseconds(smoke ? 1000 : 5000);
    std::vector<scenario> all;
    all.push_back(make("flat10", "10 links, all 10 sending 100-byte messages flat out", 10, 10,
                       0, full));
    all.push_back(make("fanout50", "50 links, 5 sending 200 msg/s each (100 B)", 50, 5, 200,
                       full));
    all.push_back(make("steady10", "10 links, all 10 sending 100 msg/s each (100 B)", 10, 10,
                       100, full));
    all.push_back(make("idle1000",
                       smoke ? "200 idle links (1,000 without --smoke): memory only"
                             : "1,000 idle links: memory only",
                       smoke ? 200 : 1000, 0, 0, milliseconds(0)));
    return all;
}

hub_figures run_scenario(const scenario& sc, const std::string& hub_path,
                         const run_options& opts) {
    hub_figures f;
    try {
        load_config cfg = sc.load;
        cfg.port = pick_free_port();
        spawn_options spawn;
        spawn.argv = {hub_path, "--host", "127.0.0.1", "--port", std::to_string(cfg.port)};
        spawn.argv.insert(spawn.argv.end(), opts.hub_args.begin(), opts.hub_args.end());
        spawn.cpu = opts.hub_cpu;
        spawn.show_stderr = opts.show_hub_stderr;
        child_process hub(spawn);
        load_generator gen(cfg);
        const auto setup_start = std::chrono::steady_clock::now();
        const auto setup_self_cpu = self_cpu_time_ns();
        if (std::string why = gen.setup(); !why.empty()) {
            f.error = hub.running() ? why : "the hub exited during setup (" + why + ")";
            return f;
        }
        f.setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start)
                        .count();
        f.setup_hub_cpu_s = static_cast<double>(cpu_time_ns(hub.pid()).value_or(0)) / 1e9;
        f.setup_bench_cpu_s = static_cast<double>(self_cpu_time_ns() - setup_self_cpu) / 1e9;
        if (!sc.idle) {
            const auto hub_cpu0 = cpu_time_ns(hub.pid());
            const auto self_cpu0 = self_cpu_time_ns();
            gen.measure();
            const auto hub_cpu1 = cpu_time_ns(hub.pid());
            const auto self_cpu1 = self_cpu_time_ns();
            const auto& t = gen.tracker();
            f.sent = t.expected() / static_cast<std::uint64_t>(cfg.links - 1);
            f.expected = t.expected();
            f.delivered = t.delivered();
            f.lost = t.expected() > t.delivered() ? t.expected() - t.delivered() : 0;
            f.duplicated = t.duplicated();
            f.out_of_order = t.out_of_order();
            f.unexpected = t.unexpected();
            f.latency = t.latency();
            f.elapsed_s = gen.elapsed_seconds();
            if (f.elapsed_s > 0) {
                f.deliveries_per_s = static_cast<double>(f.delivered) / f.elapsed_s;
                f.generator_cpu_share = static_cast<double>(self_cpu1 - self_cpu0) / 1e9 / f.elapsed_s;
            }
            if (hub_cpu0 && hub_cpu1) {
                const auto hub_ns = static_cast<double>(*hub_cpu1 - *hub_cpu0);
                if (f.delivered > 0) f.cpu_ns_per_delivery = hub_ns / static_cast<double>(f.delivered);
                if (f.elapsed_s > 0) f.hub_cpu_share = hub_ns / 1e9 / f.elapsed_s;
            }
            if (!gen.failure().empty()) f.error = gen.failure();
        }
        f.peak_rss_kib = status_kib(hub.pid(), "VmHWM").value_or(0);
        f.rss_kib = status_kib(hub.pid(), "VmRSS").value_or(0);
        if (!hub.running() && f.error.empty()) f.error = "the hub exited during the run";
        f.ok = f.error.empty();
    } catch (const std::exception& e) {
        f.error = e.what();
    }
    return f;
}

} // namespace csc::bench
