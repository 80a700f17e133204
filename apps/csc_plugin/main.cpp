// csc-plugin: the Omegga RPC plugin. JSON-RPC 2.0 lines on stdin/stdout, the
// cross-server chat node (the in-process hub or a link) on TCP, one thread.
//
// stdout carries nothing but JSON-RPC lines; logs go to Omegga as `log`/`info`/
// `warn`/`error` notifications (stderr only once stdout is gone). Exits on stdin
// EOF, SIGINT or SIGTERM, closing the node's connections first.

#include "asio_scheduler.hpp"

#include "csc/hub/hub.hpp"
#include "csc/link/client.hpp"
#include "csc/net/stdio_lines.hpp"
#include "csc/omegga/line_port.hpp"
#include "csc/omegga/plugin.hpp"

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace {

using namespace std::chrono_literals;

/// How long we keep writing queued lines after being told to exit.
constexpr auto exit_grace = 2s;

/// The adapter's line_port over our stdout.
class stdio_port final : public csc::omegga::line_port {
public:
    explicit stdio_port(csc::net::stdio_lines& io) : io_(io) {}
    void send_line(std::string line) override { io_.write_line(std::move(line)); }
    void flush(std::function<void()> done) override { io_.flush(std::move(done)); }
    bool is_open() const override { return io_.output_open(); }

private:
    csc::net::stdio_lines& io_;
};

/// Builds the hub (hosting) or the link from the plugin's config. File paths in it are used as
/// given: the omegga_plugin launcher runs us from the plugin folder, so relative paths are
/// relative to that folder.
csc::omegga::node_factory make_node_factory(asio::any_io_executor executor) {
    return [executor](const csc::omegga::plugin_config& config, csc::core::chat_events& events,
                      csc::core::logger& log) -> std::unique_ptr<csc::core::chat_node> {
        const csc::protocol::server_info self{config.name, config.color, config.prefix};
        if (config.hosting) {
            csc::hub::hub_config hub_config;
            hub_config.host = "0.0.0.0";
            hub_config.port = config.port;
            hub_config.self = self;
            hub_config.secret = config.secret;
            hub_config.tls_cert_file = config.tls_cert;
            hub_config.tls_key_file = config.tls_key;
            // Delivery: this server's id and start (from Omegga's store) are participant 0's,
            // and the log lives in log-folder as hub-log.sqlite3 (empty: in memory).
            hub_config.self_origin = config.server_id;
            hub_config.self_session = static_cast<std::int64_t>(std::max<std::uint64_t>(config.session, 1));
            hub_config.ping_interval = std::chrono::seconds(config.ping_interval);
            hub_config.dead_after = static_cast<std::uint32_t>(config.dead_after);
            hub_config.retention.max_age = std::chrono::seconds(config.retention);
            hub_config.retention.max_count = static_cast<std::size_t>(config.retention_count);
            if (!config.log_folder.empty()) {
                std::error_code ignored; // a folder that cannot be made: the hub says why it
                                         // cannot open the file, then keeps the log in memory
                std::filesystem::create_directories(config.log_folder, ignored);
                hub_config.log_file =
                    (std::filesystem::path(config.log_folder) / "hub-log.sqlite3").string();
            }
            return std::make_unique<csc::hub::hub>(executor, hub_config, events, log);
        }
        csc::link::client_config client_config;
        client_config.host = config.ip;
        client_config.port = config.port;
        client_config.self = self;
        client_config.reconnect_interval = std::chrono::seconds(config.reconnect_interval);
        client_config.secret = config.secret;
        client_config.tls = config.tls;
        client_config.tls_ca_file = config.tls_ca;
        client_config.tls_fingerprint = config.tls_fingerprint;
        if (config.delivery && !config.server_id.empty()) {
            csc::link::delivery_config& d = client_config.delivery;
            d.origin = config.server_id;
            d.session = config.session;
            d.outbox.max_count = static_cast<std::size_t>(config.outbox_max_count);
            d.outbox.max_age = std::chrono::seconds(config.outbox_max_age);
            d.liveness.interval = std::chrono::seconds(config.ping_interval);
            d.liveness.dead_after = static_cast<std::uint32_t>(config.dead_after);
            d.resume_epoch = config.resume_epoch;
            d.resume_position = config.resume_position;
        }
        return std::make_unique<csc::link::client>(executor, client_config, events, log);
    };
}

} // namespace

int main() {
    // A write to a closed stdout must fail with EPIPE, not kill us.
    std::signal(SIGPIPE, SIG_IGN);

    asio::io_context ctx(1);
    csc::net::stdio_lines io(ctx.get_executor(), STDIN_FILENO, STDOUT_FILENO);
    stdio_port port(io);
    csc::apps::asio_scheduler scheduler(ctx.get_executor());
    csc::omegga::plugin plugin(port, scheduler, make_node_factory(ctx.get_executor()));
    asio::signal_set signals(ctx, SIGINT, SIGTERM);
    asio::steady_timer grace(ctx);

    bool exiting = false;
    auto exit_cleanly = [&] {
        if (exiting) {
            return;
        }
        exiting = true;
        plugin.shutdown(); // closes the node's connections
        io.close_input();
        std::error_code ignored;
        signals.cancel(ignored);
        io.flush([&] { ctx.stop(); });
        grace.expires_after(exit_grace);
        grace.async_wait([&](std::error_code ec) {
            if (!ec) {
                ctx.stop();
            }
        });
    };

    signals.async_wait([&](std::error_code ec, int /*signal*/) {
        if (!ec) {
            exit_cleanly();
        }
    });
    const std::error_code ec = io.start(
        [&](std::string_view line) { plugin.on_line(line); }, exit_cleanly,
        [&](std::string_view what) { plugin.log().warn(what); });
    if (ec) {
        std::fprintf(stderr, "csc-plugin: cannot use stdin/stdout: %s\n", ec.message().c_str());
        return 1;
    }

    ctx.run();
    scheduler.cancel_all();
    return 0;
}
