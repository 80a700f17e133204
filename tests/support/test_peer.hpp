#pragma once
// A raw TCP peer for integration tests: it writes exactly the bytes it is told to
// (packets, garbage, halves of packets) and records every frame it receives, decoded
// when possible. It stands for an original JavaScript peer or a misbehaving one, so it
// deliberately does not use net::frame_session. test_server accepts such peers, to
// play a fake hub for link tests.
//
// Everything runs on the test's io_context: drive it with run_until().

#include "csc/protocol/codec.hpp"
#include "csc/protocol/packet.hpp"

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

namespace csc::test {

/// Cap on one frame a test peer accepts (large, so tests can see oversized frames).
inline constexpr std::size_t test_peer_max_frame = 4 * 1024 * 1024;

class test_peer {
public:
    /// An unconnected peer; call connect().
    explicit test_peer(asio::io_context& ctx);
    /// A peer over an accepted socket; starts reading at once.
    explicit test_peer(asio::ip::tcp::socket socket);
    ~test_peer();
    test_peer(const test_peer&) = delete;
    test_peer& operator=(const test_peer&) = delete;

    /// Connects (blocking; loopback connects complete through the listen backlog even
    /// before the server accepts) and starts reading. Returns the error, if any.
    std::error_code connect(const asio::ip::tcp::endpoint& endpoint);

    /// Queues exactly these bytes as one write (writes go out in order).
    void send_raw(std::string bytes);
    /// Queues the encoding of `p` (one line, newline-terminated).
    void send(const protocol::packet& p, protocol::encode_options opts = {});
    /// True when every queued write has completed.
    bool all_written() const;
    /// Bytes written so far.
    std::size_t bytes_written() const;

    /// Closes the socket (both directions). Idempotent.
    void close();
    /// True once the peer closed, or the other side did, or a read/write failed.
    bool closed() const;
    /// Why it closed (eof when the other side closed).
    std::error_code close_reason() const;

    /// Every byte received, as received.
    const std::string& raw() const;
    /// Every frame received, in order.
    const std::vector<std::string>& frames() const;
    /// The frames that decoded, in order.
    const std::vector<protocol::packet>& packets() const;
    /// The frames that did not decode, with the decode detail.
    const std::vector<std::string>& decode_errors() const;
    /// How many received packets are of type T.
    template <class T>
    std::size_t count() const;
    /// The received packets of type T, in order.
    template <class T>
    std::vector<T> all() const;
    /// The latest received packet of type T.
    template <class T>
    std::optional<T> last() const;

    /// The local endpoint ("our" address), or a default endpoint when not connected.
    asio::ip::tcp::endpoint local_endpoint() const;

private:
    struct state;
    std::shared_ptr<state> state_;
};

/// Accepts any number of test_peers on 127.0.0.1, port chosen by the system.
class test_server {
public:
    explicit test_server(asio::io_context& ctx);
    ~test_server();
    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    /// 127.0.0.1 and the bound port.
    asio::ip::tcp::endpoint endpoint() const;
    /// How many connections were accepted so far.
    std::size_t accepted() const;
    /// The i-th accepted peer (in accept order). Requires i < accepted().
    test_peer& peer(std::size_t i);
    /// Stops accepting (already accepted peers stay open). Idempotent.
    void close();

private:
    struct state;
    std::shared_ptr<state> state_;
};

/// A version-1 handshake packet, with optional `features`.
protocol::handshake make_handshake(std::string name, std::int64_t player_count = 0,
                                   std::vector<std::string> features = {});

template <class T>
std::size_t test_peer::count() const {
    std::size_t n = 0;
    for (const auto& p : packets()) {
        n += std::holds_alternative<T>(p) ? 1 : 0;
    }
    return n;
}

template <class T>
std::vector<T> test_peer::all() const {
    std::vector<T> out;
    for (const auto& p : packets()) {
        if (const T* v = std::get_if<T>(&p)) {
            out.push_back(*v);
        }
    }
    return out;
}

template <class T>
std::optional<T> test_peer::last() const {
    const auto& ps = packets();
    for (auto it = ps.rbegin(); it != ps.rend(); ++it) {
        if (const T* v = std::get_if<T>(&*it)) {
            return *v;
        }
    }
    return std::nullopt;
}

} // namespace csc::test
