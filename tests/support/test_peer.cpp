#include "support/test_peer.hpp"

#include "csc/protocol/frame_splitter.hpp"

#include <asio/read.hpp>
#include <asio/write.hpp>

#include <array>
#include <deque>
#include <utility>

namespace csc::test {

//---------------------------------------------------------------------------- peer

struct test_peer::state : std::enable_shared_from_this<state> {
    explicit state(asio::ip::tcp::socket s) : socket(std::move(s)) {}

    asio::ip::tcp::socket socket;
    protocol::frame_splitter splitter{test_peer_max_frame};
    std::array<char, 64 * 1024> buffer{};
    std::string raw;
    std::vector<std::string> frames;
    std::vector<protocol::packet> packets;
    std::vector<std::string> decode_errors;
    std::deque<std::string> outgoing;
    bool writing = false;
    std::size_t written = 0;
    bool closed = false;
    std::error_code reason;

    void start_reading() {
        socket.async_read_some(asio::buffer(buffer),
                               [self = shared_from_this()](std::error_code ec, std::size_t n) {
                                   self->on_read(ec, n);
                               });
    }

    void on_read(std::error_code ec, std::size_t n) {
        if (ec) {
            finish(ec);
            return;
        }
        const std::string_view bytes(buffer.data(), n);
        raw.append(bytes);
        splitter.feed(bytes);
        std::string_view frame;
        for (;;) {
            const auto st = splitter.next(frame);
            if (st == protocol::frame_splitter::status::need_more) {
                break;
            }
            if (st == protocol::frame_splitter::status::error) {
                finish(splitter.error());
                return;
            }
            frames.emplace_back(frame);
            auto decoded = protocol::decode(frame);
            if (decoded) {
                packets.push_back(std::move(decoded.value));
            } else {
                decode_errors.push_back(decoded.detail);
            }
        }
        if (!closed) {
            start_reading();
        }
    }

    void write_next() {
        if (writing || outgoing.empty() || closed) {
            return;
        }
        writing = true;
        asio::async_write(socket, asio::buffer(outgoing.front()),
                          [self = shared_from_this()](std::error_code ec, std::size_t n) {
                              self->writing = false;
                              self->written += n;
                              if (!self->outgoing.empty()) {
                                  self->outgoing.pop_front();
                              }
                              if (ec) {
                                  self->finish(ec);
                                  return;
                              }
                              self->write_next();
                          });
    }

    void finish(std::error_code ec) {
        if (closed) {
            return;
        }
        closed = true;
        reason = ec;
        outgoing.clear();
        std::error_code ignored;
        socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }
};

test_peer::test_peer(asio::io_context& ctx)
    : state_(std::make_shared<state>(asio::ip::tcp::socket(ctx))) {}

test_peer::test_peer(asio::ip::tcp::socket socket)
    : state_(std::make_shared<state>(std::move(socket))) {
    std::error_code ignored;
    state_->socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    state_->start_reading();
}

test_peer::~test_peer() { close(); }

std::error_code test_peer::connect(const asio::ip::tcp::endpoint& endpoint) {
    std::error_code ec;
    state_->socket.connect(endpoint, ec);
    if (ec) {
        return ec;
    }
    state_->socket.set_option(asio::ip::tcp::no_delay(true), ec);
    state_->start_reading();
    return {};
}

void test_peer::send_raw(std::string bytes) {
    if (state_->closed) {
        return;
    }
    state_->outgoing.push_back(std::move(bytes));
    state_->write_next();
}

void test_peer::send(const protocol::packet& p, protocol::encode_options opts) {
    send_raw(protocol::encode(p, opts));
}

bool test_peer::all_written() const { return state_->outgoing.empty() && !state_->writing; }
std::size_t test_peer::bytes_written() const { return state_->written; }

void test_peer::close() { state_->finish(asio::error::operation_aborted); }
bool test_peer::closed() const { return state_->closed; }
std::error_code test_peer::close_reason() const { return state_->reason; }

const std::string& test_peer::raw() const { return state_->raw; }
const std::vector<std::string>& test_peer::frames() const { return state_->frames; }
const std::vector<protocol::packet>& test_peer::packets() const { return state_->packets; }
const std::vector<std::string>& test_peer::decode_errors() const { return state_->decode_errors; }

asio::ip::tcp::endpoint test_peer::local_endpoint() const {
    std::error_code ec;
    auto ep = state_->socket.local_endpoint(ec);
    return ec ? asio::ip::tcp::endpoint{} : ep;
}

//---------------------------------------------------------------------------- server

struct test_server::state : std::enable_shared_from_this<state> {
    explicit state(asio::io_context& ctx) : acceptor(ctx) {}

    asio::ip::tcp::acceptor acceptor;
    std::vector<std::unique_ptr<test_peer>> peers;
    bool open = true;

    void accept() {
        acceptor.async_accept([self = shared_from_this()](std::error_code ec,
                                                          asio::ip::tcp::socket socket) {
            if (ec || !self->open) {
                return;
            }
            self->peers.push_back(std::make_unique<test_peer>(std::move(socket)));
            self->accept();
        });
    }
};

test_server::test_server(asio::io_context& ctx) : state_(std::make_shared<state>(ctx)) {
    const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    state_->acceptor.open(ep.protocol());
    state_->acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    state_->acceptor.bind(ep);
    state_->acceptor.listen();
    state_->accept();
}

test_server::~test_server() {
    close();
    state_->peers.clear();
}

asio::ip::tcp::endpoint test_server::endpoint() const {
    std::error_code ec;
    auto ep = state_->acceptor.local_endpoint(ec);
    return {asio::ip::make_address("127.0.0.1"), ep.port()};
}

std::size_t test_server::accepted() const { return state_->peers.size(); }
test_peer& test_server::peer(std::size_t i) { return *state_->peers.at(i); }

void test_server::close() {
    state_->open = false;
    std::error_code ignored;
    state_->acceptor.close(ignored);
}

//---------------------------------------------------------------------------- helpers

protocol::handshake make_handshake(std::string name, std::int64_t player_count,
                                   std::vector<std::string> features) {
    protocol::handshake h;
    h.version = protocol::protocol_version;
    h.info.name = std::move(name);
    h.info.color = "00aaff";
    h.info.prefix = "[" + h.info.name + "]";
    h.player_count = player_count;
    h.features = std::move(features);
    return h;
}

} // namespace csc::test
