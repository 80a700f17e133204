// csc-hub: the standalone hub. Original plugins and ours connect to it as clients;
// it relays their chat and logs what happens to stderr.

#include "console_events.hpp"

#include "csc/core/logger.hpp"
#include "csc/hub/hub.hpp"
#include "csc/net/frame_session.hpp"

#include <CLI/CLI.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {

/// Exit code for bad command-line arguments.
constexpr int usage_error = 2;

std::string check_color(const std::string& value) {
    if (value.size() != 6) {
        return "expected 6 hex digits (e.g. 00aaff), got \"" + value + "\"";
    }
    for (const char c : value) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) {
            return "expected 6 hex digits (e.g. 00aaff), got \"" + value + "\"";
        }
    }
    return {};
}

} // namespace

int main(int argc, char** argv) {
    csc::hub::hub_config config;
    config.self = {"Chat Hub", "00aaff", "[hub]"};
    int port = 1337;

    CLI::App app{"csc-hub: a standalone cross-server chat hub for Omegga's cross-server chat "
                 "plugin (protocol version 1). Servers connect to it as clients."};
    app.add_option("--host", config.host, "Address to listen on (0.0.0.0: every interface)")
        ->capture_default_str();
    app.add_option("--port", port, "TCP port to listen on (1-65535)")
        ->check(CLI::Range(1, 65535))
        ->capture_default_str();
    app.add_option("--name", config.self.name, "The hub's name as servers list it")
        ->capture_default_str();
    app.add_option("--color", config.self.color, "The hub's color: 6 hex digits, no '#'")
        ->check(CLI::Validator(check_color, "RRGGBB"))
        ->capture_default_str();
    app.add_option("--prefix", config.self.prefix, "The hub's chat prefix")->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : usage_error;
    }
    config.port = static_cast<std::uint16_t>(port);

    csc::core::stderr_logger log;
    csc::apps::console_events events(log);
    asio::io_context ctx(1);
    csc::hub::hub hub(ctx.get_executor(), config, events, log);

    asio::signal_set signals(ctx, SIGINT, SIGTERM);
    signals.async_wait([&](std::error_code ec, int signal) {
        if (ec) {
            return;
        }
        log.info("signal " + std::to_string(signal) + ": stopping");
        hub.stop();
        ctx.stop();
    });

    hub.start();
    if (hub.local_endpoint().port() != 0) {
        std::printf("csc-hub \"%s\" listening on %s\n", config.self.name.c_str(),
                    csc::net::to_string(hub.local_endpoint()).c_str());
        std::fflush(stdout);
    }
    ctx.run();
    return 0;
}
