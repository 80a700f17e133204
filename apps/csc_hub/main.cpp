// csc-hub: the standalone hub. Original plugins and ours connect to it as clients;
// it relays their chat and logs what happens to stderr.

#include "console_events.hpp"

#include "csc/core/logger.hpp"
#include "csc/hub/hub.hpp"
#include "csc/net/frame_session.hpp"

#include <CLI/CLI.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
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

/// Environment variable that may carry the shared secret (never a command-line value).
constexpr const char* secret_variable = "CSC_HUB_SECRET";

/// The secret from `path` (trailing newlines stripped), or an error sentence.
bool read_secret_file(const std::string& path, std::string& secret, std::string& error,
                      csc::core::logger& log) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read the secret file " + path;
        return false;
    }
    std::ostringstream content;
    content << in.rdbuf();
    secret = content.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
        secret.pop_back();
    }
    if (secret.empty()) {
        error = "the secret file " + path + " is empty";
        return false;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & S_IROTH) != 0) {
        log.warn("the secret file " + path + " is readable by every user; chmod o-r it");
    }
    return true;
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
    std::string secret_file;
    app.add_option("--secret-file", secret_file,
                   "File holding the shared secret links must prove they know (or set "
                   "CSC_HUB_SECRET); without one, any server may join (protocol v1)")
        ->check(CLI::ExistingFile);
    app.add_option("--max-links", config.max_links, "Most links at once")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    double handshake_seconds =
        std::chrono::duration<double>(config.handshake_timeout).count();
    app.add_option("--handshake-timeout", handshake_seconds,
                   "Seconds a connection may take to complete its handshake")
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str();
    auto* tls_cert = app.add_option("--tls-cert", config.tls_cert_file,
                                    "TLS certificate (PEM); links must then speak TLS")
                         ->check(CLI::ExistingFile);
    auto* tls_key = app.add_option("--tls-key", config.tls_key_file, "TLS private key (PEM)")
                        ->check(CLI::ExistingFile);
    tls_cert->needs(tls_key);
    tls_key->needs(tls_cert);
    app.add_option("--link-messages-per-second", config.link_messages_per_second,
                   "Flood budget of each link: chat packets per second")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--link-message-burst", config.link_message_burst,
                   "Flood budget of each link: chat packets in a burst")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--link-bytes-per-second", config.link_bytes_per_second,
                   "Flood budget of each link: chat bytes per second")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--link-bytes-burst", config.link_bytes_burst,
                   "Flood budget of each link: chat bytes in a burst")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    config.log_file = "csc-hub-log.sqlite3";
    app.add_option("--log-file", config.log_file,
                   "SQLite file of the delivery log, which survives restarts (relative paths "
                   "start in the working directory)")
        ->capture_default_str();
    bool log_memory = false;
    app.add_flag("--log-memory", log_memory,
                 "Keep the delivery log in memory instead (lost when the hub stops)");
    app.add_flag("--log-full-sync", config.log_full_sync,
                 "Sync the log file to disk on every batch (survives power loss; slower)");
    double retention_minutes = std::chrono::duration<double, std::ratio<60>>(config.retention.max_age).count();
    app.add_option("--retention-minutes", retention_minutes,
                   "How long the log keeps packets for links that come back")
        ->check(CLI::Range(0.01, 10080.0))
        ->capture_default_str();
    app.add_option("--retention-packets", config.retention.max_count,
                   "How many packets the log keeps at most")
        ->check(CLI::Range(1, 100000000))
        ->capture_default_str();
    double ping_seconds = std::chrono::duration<double>(config.ping_interval).count();
    app.add_option("--ping-interval", ping_seconds,
                   "Seconds of silence after which a delivery link is pinged")
        ->check(CLI::Range(0.01, 3600.0))
        ->capture_default_str();
    app.add_option("--dead-after", config.dead_after,
                   "Ping intervals of silence after which a delivery link is closed")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    bool verbose = false;
    app.add_flag("--verbose", verbose, "Log debug lines too (every chat line)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : usage_error;
    }
    config.port = static_cast<std::uint16_t>(port);
    config.handshake_timeout = std::chrono::milliseconds(
        static_cast<std::int64_t>(handshake_seconds * 1000.0));
    if (log_memory) {
        config.log_file.clear();
    }
    config.retention.max_age =
        std::chrono::milliseconds(static_cast<std::int64_t>(retention_minutes * 60000.0));
    config.ping_interval = std::chrono::milliseconds(
        std::max<std::int64_t>(1, static_cast<std::int64_t>(ping_seconds * 1000.0)));

    csc::core::stderr_logger log(verbose ? csc::core::log_level::debug
                                         : csc::core::log_level::info);
    if (!secret_file.empty()) {
        std::string error;
        if (!read_secret_file(secret_file, config.secret, error, log)) {
            log.error(error);
            return usage_error;
        }
    } else if (const char* env = std::getenv(secret_variable); env != nullptr && *env != '\0') {
        config.secret = env;
    }
    if (!config.secret.empty()) {
        log.info("links must authenticate with the shared secret; original plugins cannot join");
    }
    csc::apps::console_events events(log, verbose ? csc::core::log_level::debug
                                                   : csc::core::log_level::info);
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
