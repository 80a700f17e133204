#include "link_fixture.hpp"

#include "csc/protocol/codec.hpp"

#include <asio/ip/tcp.hpp>

#include <algorithm>
#include <random>

namespace csc::link_test {

protocol::server_info info(const std::string& name) { return {name, "00aaff", "[" + name + "]"}; }

std::string original_bytes(const protocol::packet& p) {
    std::string out = protocol::encode(p, protocol::encode_options{false});
    if (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

protocol::acknowledge make_ack(protocol::identifier id,
                               std::vector<protocol::connection_entry> others,
                               std::int64_t player_count) {
    protocol::acknowledge a;
    a.id = id;
    a.host_id = 0;
    a.player_count = player_count;
    a.connections = std::move(others);
    a.connections.push_back({0, info("host")});
    return a;
}

link::client_config make_config(std::uint16_t port, const std::string& name) {
    link::client_config config;
    config.host = "127.0.0.1";
    config.port = port;
    config.self = info(name);
    config.reconnect_interval = std::chrono::seconds{1};
    return config;
}

std::uint16_t free_port(asio::io_context& ctx) {
    asio::ip::tcp::acceptor acceptor(
        ctx, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

link_under_test::link_under_test(asio::io_context& ctx, link::client_config config)
    : client(ctx.get_executor(), std::move(config), events, log) {}

std::size_t link_under_test::count_log(core::log_level level, const std::string& needle) const {
    return static_cast<std::size_t>(
        std::count_if(log.lines().begin(), log.lines().end(), [&](const test::logged_line& l) {
            return l.level == level && l.text.find(needle) != std::string::npos;
        }));
}

std::unique_ptr<link_under_test> fake_host_fixture::make_link(const std::string& name) {
    return std::make_unique<link_under_test>(ctx, make_config(server.endpoint().port(), name));
}

bool fake_host_fixture::wait(const std::function<bool()>& done) {
    return test::run_until(ctx, done);
}

test::test_peer* fake_host_fixture::wait_handshake(std::size_t i) {
    const bool ok = wait(
        [&] { return server.accepted() > i && server.peer(i).count<protocol::handshake>() > 0; });
    return ok ? &server.peer(i) : nullptr;
}

test::test_peer* fake_host_fixture::start(link_under_test& link) {
    link.client.start();
    return wait_handshake(0);
}

test::test_peer* fake_host_fixture::join_original(link_under_test& link,
                                                  std::vector<protocol::connection_entry> others) {
    auto* host = start(link);
    if (host == nullptr) {
        return nullptr;
    }
    host->send_raw(original_bytes(make_ack(1, std::move(others))));
    return wait([&] { return link.client.connected(); }) ? host : nullptr;
}

void fake_host_fixture::send_in_chunks(test::test_peer& peer, const std::string& bytes,
                                       unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> length(1, 7);
    for (std::size_t pos = 0; pos < bytes.size();) {
        const std::size_t n = std::min(length(rng), bytes.size() - pos);
        peer.send_raw(bytes.substr(pos, n));
        pos += n;
        wait([&] { return peer.all_written(); });
        test::run_for(ctx, std::chrono::milliseconds{1}); // a small gap, so reads split too
    }
}

} // namespace csc::link_test
