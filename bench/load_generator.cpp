#include "load_generator.hpp"

#include "csc/protocol/codec.hpp"

#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <cmath>

namespace csc::bench {
namespace {

using clock = std::chrono::steady_clock;

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch())
        .count();
}

/// Writes `v` as exactly `width` decimal digits (zero-padded) at `out`.
void put_digits(char* out, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
}

/// Reads exactly `width` decimal digits; false when one is not a digit.
bool get_digits(std::string_view text, std::size_t at, int width, std::uint64_t& v) {
    if (at + static_cast<std::size_t>(width) > text.size()) return false;
    v = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[at + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

/// Delivery mode: the seq of a link's first message (ten digits, so seqs patch in place).
constexpr std::int64_t first_seq = 1000000000;

/// Delivery mode: link `index`'s origin, 32 lowercase hex digits as the hub requires.
std::string origin_of(int index) {
    std::string digits = std::to_string(index);
    return std::string(32 - digits.size(), 'b') + digits;
}

/// Longest line a link accepts (an acknowledge listing 1,000 servers is ~80 KiB).
constexpr std::size_t max_line = 4 * 1024 * 1024;

} // namespace

struct load_generator::link {
    explicit link(asio::io_context& ctx) : socket(ctx), timer(ctx) {}
    int index = 0;
    asio::ip::tcp::socket socket;
    asio::steady_timer timer; ///< connect retries, then the send schedule (rate mode)
    bool acknowledged = false;
    bool closed = false;
    bool write_busy = false;
    std::string partial;  ///< an incomplete line
    std::string out;      ///< queued, not yet writing
    std::string writing;  ///< being written
    std::string message;  ///< this link's encoded message; the marker is patched per send
    std::size_t marker_at = 0;
    std::size_t seq_at = 0; ///< delivery: where the seq's digits are in `message`
    double offset_s = 0;  ///< rate mode: this sender's phase within one period
};

load_generator::load_generator(load_config cfg)
    : cfg_(cfg), tracker_(cfg.links, cfg.senders, cfg.window), read_buffer_(256 * 1024),
      pump_flag_(static_cast<std::size_t>(cfg.senders), 0) {
    for (int i = 0; i < cfg_.links; ++i) {
        links_.push_back(std::make_unique<link>(ctx_));
        links_.back()->index = i;
        if (cfg_.rate > 0 && cfg_.senders > 0)
            links_.back()->offset_s = static_cast<double>(i) / (cfg_.rate * cfg_.senders);
    }
}

load_generator::~load_generator() {
    phase_ = phase::done;
    for (auto& l : links_) {
        std::error_code ignored;
        l->socket.close(ignored);
    }
}

std::string load_generator::setup() {
    setup_deadline_ = clock::now() + cfg_.setup_timeout;
    for (int i = 0; i < std::min(cfg_.max_connecting, cfg_.links); ++i) start_next_connect();
    while (acknowledged_ < cfg_.links && failure_.empty() && clock::now() < setup_deadline_)
        ctx_.run_one_for(std::chrono::milliseconds(50));
    if (!failure_.empty()) return failure_;
    if (acknowledged_ < cfg_.links)
        return "only " + std::to_string(acknowledged_) + " of " + std::to_string(cfg_.links) +
               " links were acknowledged within the setup timeout";
    // Let the connection notices of the last handshakes arrive before measuring.
    ctx_.run_for(std::chrono::milliseconds(200));
    return failure_;
}

void load_generator::start_next_connect() {
    if (next_connect_ < cfg_.links) connect(*links_[static_cast<std::size_t>(next_connect_++)]);
}

void load_generator::connect(link& l) {
    const asio::ip::tcp::endpoint hub(asio::ip::address_v4::loopback(), cfg_.port);
    l.socket.async_connect(hub, [this, &l](std::error_code ec) {
        if (!ec) return on_connected(l);
        std::error_code ignored;
        l.socket.close(ignored);
        if (clock::now() >= setup_deadline_) return fail(l, "connect: " + ec.message());
        // The hub may not listen yet: try again shortly.
        l.timer.expires_after(std::chrono::milliseconds(20));
        l.timer.async_wait([this, &l](std::error_code wait_ec) {
            if (!wait_ec) connect(l);
        });
    });
}

void load_generator::on_connected(link& l) {
    std::error_code ec;
    l.socket.set_option(asio::ip::tcp::no_delay(true), ec);
    l.socket.non_blocking(true, ec);
    protocol::handshake hello;
    hello.info = {"bench-" + std::to_string(l.index), "00aaff", "[b]"};
    if (!cfg_.original_peers) {
        hello.features.emplace_back(protocol::feature::sanitized);
        if (cfg_.delivery) {
            hello.features.emplace_back(protocol::feature::delivery);
            hello.origin = origin_of(l.index);
            hello.session = 1;
        }
    }
    l.out = protocol::encode(hello, {.extensions = !cfg_.original_peers});
    flush(l);
    wait_readable(l);
}

void load_generator::wait_readable(link& l) {
    l.socket.async_wait(asio::ip::tcp::socket::wait_read, [this, &l](std::error_code ec) {
        if (ec) return fail(l, "wait: " + ec.message());
        on_readable(l);
    });
}

void load_generator::on_readable(link& l) {
    // Asio's reactor is edge-triggered and async_wait never reads speculatively, so read
    // until the socket is drained (a short read) before waiting again.
    for (;;) {
        std::error_code ec;
        const std::size_t n = l.socket.read_some(asio::buffer(read_buffer_), ec);
        if (ec == asio::error::would_block) break;
        if (ec) return fail(l, ec == asio::error::eof ? "the hub closed the link" : ec.message());
        if (!on_bytes(l, std::string_view(read_buffer_.data(), n))) return;
        if (n < read_buffer_.size()) break;
    }
    for (const int sender : to_pump_) {
        pump_flag_[static_cast<std::size_t>(sender)] = 0;
        pump(sender);
    }
    to_pump_.clear();
    if (!l.closed) wait_readable(l);
}

bool load_generator::on_bytes(link& l, std::string_view data) {
    const std::int64_t now = now_ns();
    if (!l.partial.empty()) {
        const auto nl = data.find('\n');
        l.partial.append(data.substr(0, nl == std::string_view::npos ? data.size() : nl + 1));
        if (nl == std::string_view::npos) {
            if (l.partial.size() <= max_line) return true;
            fail(l, "a line longer than 4 MiB");
            return false;
        }
        on_line(l, std::string_view(l.partial).substr(0, l.partial.size() - 1), now);
        l.partial.clear();
        data.remove_prefix(nl + 1);
    }
    for (auto nl = data.find('\n'); nl != std::string_view::npos; nl = data.find('\n')) {
        on_line(l, data.substr(0, nl), now);
        data.remove_prefix(nl + 1);
    }
    l.partial.assign(data);
    return !l.closed;
}

void load_generator::on_line(link& l, std::string_view line, std::int64_t now) {
    if (!l.acknowledged) return on_acknowledge(l, line);
    const auto at = line.find("@@");
    if (at == std::string_view::npos) {
        ++other_frames_;
        return;
    }
    std::uint64_t sender = 0;
    std::uint64_t seq = 0;
    std::uint64_t sent_at = 0;
    if (!get_digits(line, at + 2, 5, sender) || !get_digits(line, at + 8, 10, seq) ||
        !get_digits(line, at + 19, 20, sent_at))
        return tracker_.note_unexpected();
    const int s = static_cast<int>(sender);
    const bool advanced =
        tracker_.record(s, l.index, seq, now - static_cast<std::int64_t>(sent_at));
    last_delivery_ns_ = now;
    if (advanced && pump_flag_[sender] == 0) {
        pump_flag_[sender] = 1;
        to_pump_.push_back(s);
    }
    if (phase_ == phase::draining && tracker_.delivered() >= tracker_.expected()) ctx_.stop();
}

void load_generator::on_acknowledge(link& l, std::string_view line) {
    auto decoded = protocol::decode(line);
    const auto* ack = decoded ? std::get_if<protocol::acknowledge>(&decoded.value) : nullptr;
    if (ack == nullptr) {
        ++other_frames_;
        if (!decoded) return fail(l, "expected an acknowledge, got: " + decoded.detail);
        return; // some other packet before the acknowledge
    }
    l.acknowledged = true;
    ++acknowledged_;
    protocol::message m;
    m.id = ack->id;
    m.username = "user-" + std::to_string(l.index);
    m.content = "@@" + std::string(marker_size - 2, '0');
    m.content.resize(std::max(cfg_.payload_bytes, marker_size), 'x');
    const bool delivery = cfg_.delivery && !cfg_.original_peers;
    if (delivery) {
        // Ten digits patched per send (first_seq + the message's index), like the marker.
        m.delivery = {origin_of(l.index), 1, first_seq};
        l.out.append(protocol::encode(protocol::resume{}, {.extensions = true}));
        flush(l);
    }
    l.message = protocol::encode(m, {.extensions = delivery});
    l.marker_at = l.message.find("@@");
    if (delivery) l.seq_at = l.message.find("\"seq\":" + std::to_string(first_seq)) + 6;
    start_next_connect();
}

void load_generator::measure() {
    start_ = clock::now();
    phase_ = phase::sending;
    last_delivery_ns_ = now_ns();
    for (int s = 0; s < cfg_.senders; ++s) {
        if (cfg_.rate > 0) tick(s);
        else pump(s);
    }
    ctx_.run_for(cfg_.duration);
    phase_ = phase::draining;
    for (int s = 0; s < cfg_.senders; ++s) links_[static_cast<std::size_t>(s)]->timer.cancel();
    if (tracker_.delivered() < tracker_.expected()) ctx_.run_for(cfg_.drain_timeout);
    ctx_.restart();
    phase_ = phase::done;
    const std::int64_t start_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(start_.time_since_epoch()).count();
    elapsed_s_ = static_cast<double>(last_delivery_ns_ - start_ns) / 1e9;
}

void load_generator::pump(int sender) {
    link& l = *links_[static_cast<std::size_t>(sender)];
    if (cfg_.rate > 0 || phase_ != phase::sending || l.closed || l.write_busy) return;
    const std::uint64_t in_flight = tracker_.in_flight(sender);
    if (in_flight < cfg_.window) queue_messages(l, cfg_.window - in_flight);
    flush(l);
}

void load_generator::tick(int sender) {
    link& l = *links_[static_cast<std::size_t>(sender)];
    if (phase_ != phase::sending || l.closed) return;
    const double since = std::chrono::duration<double>(clock::now() - start_).count();
    const auto due = static_cast<std::uint64_t>(std::floor((since - l.offset_s) * cfg_.rate)) + 1;
    const std::uint64_t sent = tracker_.sent_by(sender);
    if (since >= l.offset_s && due > sent) {
        queue_messages(l, std::min<std::uint64_t>(due - sent, 1000));
        flush(l);
    }
    const double next_s = l.offset_s + static_cast<double>(tracker_.sent_by(sender)) / cfg_.rate;
    l.timer.expires_at(start_ + std::chrono::duration_cast<clock::duration>(
                                    std::chrono::duration<double>(next_s)));
    l.timer.async_wait([this, sender](std::error_code ec) {
        if (!ec) tick(sender);
    });
}

void load_generator::queue_messages(link& l, std::uint64_t count) {
    const std::int64_t now = now_ns();
    std::uint64_t seq = tracker_.sent_by(l.index);
    for (std::uint64_t i = 0; i < count; ++i, ++seq) {
        const std::size_t base = l.out.size() + l.marker_at + 2;
        l.out.append(l.message);
        put_digits(&l.out[base], static_cast<std::uint64_t>(l.index), 5);
        put_digits(&l.out[base + 6], seq, 10);
        put_digits(&l.out[base + 17], static_cast<std::uint64_t>(now), 20);
        if (l.seq_at != 0) {
            const std::size_t at = base - l.marker_at - 2 + l.seq_at;
            put_digits(&l.out[at], static_cast<std::uint64_t>(first_seq) + seq, 10);
        }
    }
    tracker_.sent(l.index, count);
}

void load_generator::flush(link& l) {
    if (l.write_busy || l.out.empty() || l.closed) return;
    l.writing.swap(l.out);
    l.out.clear();
    l.write_busy = true;
    asio::async_write(l.socket, asio::buffer(l.writing), [this, &l](std::error_code ec, std::size_t) {
        l.write_busy = false;
        if (ec) return fail(l, "write: " + ec.message());
        if (l.index < cfg_.senders && cfg_.rate <= 0) pump(l.index);
        flush(l);
    });
}

void load_generator::fail(link& l, const std::string& why) {
    if (l.closed) return;
    l.closed = true;
    std::error_code ignored;
    l.socket.close(ignored);
    if (phase_ != phase::done && failure_.empty())
        failure_ = "link " + std::to_string(l.index) + ": " + why;
}

} // namespace csc::bench
