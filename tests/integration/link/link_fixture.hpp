#pragma once
// Shared pieces of the link integration tests: a client wired to recording fakes,
// a raw test_server playing the host (ours or an original JavaScript one), and
// helpers that write packets the way an original host does (no separator, any split).

#include "csc/link/client.hpp"
#include "csc/protocol/packet.hpp"
#include "support/recording_events.hpp"
#include "support/recording_logger.hpp"
#include "support/run_until.hpp"
#include "support/test_peer.hpp"

#include <asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace csc::link_test {

/// How a test server presents itself.
protocol::server_info info(const std::string& name);

/// JSON.stringify(packet) of an original peer: no extension fields, no newline.
std::string original_bytes(const protocol::packet& p);

/// An acknowledge as a host sends it: `others` first, the host's own entry (0) last.
protocol::acknowledge make_ack(protocol::identifier id,
                               std::vector<protocol::connection_entry> others,
                               std::int64_t player_count = 0);

/// A config pointing at 127.0.0.1:`port`, reconnecting every second.
link::client_config make_config(std::uint16_t port, const std::string& name);

/// A port on 127.0.0.1 with nothing listening (bound, then released).
std::uint16_t free_port(asio::io_context& ctx);

/// One link under test with its recorders.
struct link_under_test {
    link_under_test(asio::io_context& ctx, link::client_config config);

    test::recording_events events;
    test::recording_logger log{false};
    link::client client;

    /// Log lines of one level that contain `needle`.
    std::size_t count_log(core::log_level level, const std::string& needle) const;
};

/// A raw host: a test_server on port 0 plus the io_context everything runs on.
struct fake_host_fixture {
    asio::io_context ctx{1};
    test::test_server server{ctx};

    /// A link pointing at the fake host (not started).
    std::unique_ptr<link_under_test> make_link(const std::string& name = "alpha");
    /// Runs until `done()` (bounded; false on timeout).
    bool wait(const std::function<bool()>& done);
    /// Waits for the `i`-th connection and its handshake; returns that peer (or nullptr).
    test::test_peer* wait_handshake(std::size_t i);
    /// Starts `link` and waits for its first handshake; returns that peer (or nullptr).
    test::test_peer* start(link_under_test& link);
    /// start(), then the host acknowledges as an original one would (identifier 1, `others`
    /// and itself known); returns the host once the link is connected (or nullptr).
    test::test_peer* join_original(link_under_test& link,
                                   std::vector<protocol::connection_entry> others = {});
    /// Writes `bytes` in pieces of 1..7 bytes (seeded), letting the link read between them.
    void send_in_chunks(test::test_peer& peer, const std::string& bytes, unsigned seed);
};

} // namespace csc::link_test
