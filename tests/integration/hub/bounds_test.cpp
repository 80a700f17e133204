// Bounds at the hub: max links, max connections in handshake, the handshake timeout
// against 1,000 half-open connections, and a link that never reads. Each time the
// hub stays up and the good links keep chatting.

#include "secure_hub_fixture.hpp"

#include <asio/connect.hpp>
#include <asio/write.hpp>

namespace csc::test {
namespace {

using protocol::acknowledge;
using protocol::disconnect;
using protocol::message;

class HubBounds : public SecureHubFixture {};

TEST_F(HubBounds, ConnectionsBeyondMaxLinksAreClosedAtAccept) {
    auto c = base_config();
    c.max_links = 3;
    start(c);
    auto a = join_plain("A");
    auto b = join_plain("B");
    auto third = join_plain("C");
    auto extra = connect_raw();
    extra->send(make_handshake("D"));
    ASSERT_TRUE(wait([&] { return extra->closed(); })) << log_.dump();
    EXPECT_EQ(extra->count<acknowledge>(), 0U);
    EXPECT_TRUE(log_.contains(core::log_level::warn, "hub: refused a connection from 127.0.0.1:"))
        << log_.dump();
    EXPECT_TRUE(log_.contains("3 links already (max links 3)")) << log_.dump();
    barrier(*a, *b);
    barrier(*b, *a);
    // A slot freed is a slot for the next one.
    third->close();
    ASSERT_TRUE(wait([&] { return a->count<disconnect>() == 1; }));
    auto e = join_plain("E");
    EXPECT_TRUE(log_.contains("accepting connections again; 1 refused while full")) << log_.dump();
    barrier(*e, *a);
}

TEST_F(HubBounds, ThousandHalfOpenConnectionsAreCappedAndTimedOut) {
    auto c = base_config();
    c.max_pending_handshakes = 16;
    c.max_links = 64;
    c.handshake_timeout = std::chrono::milliseconds(300);
    start(c);
    auto a = join_plain("A");
    auto b = join_plain("B");

    constexpr std::size_t attackers = 1000;
    std::vector<std::unique_ptr<test_peer>> half_open;
    half_open.reserve(attackers);
    for (std::size_t i = 0; i < attackers; ++i) {
        half_open.push_back(connect_raw()); // connects, then sends nothing
    }
    // During the attack, the good pair chats without waiting for any timeout.
    barrier(*a, *b);
    barrier(*b, *a);
    ASSERT_TRUE(wait([&] {
        return std::all_of(half_open.begin(), half_open.end(),
                           [](const auto& p) { return p->closed(); });
    })) << "every half-open connection is closed, refused at accept or timed out";
    EXPECT_TRUE(log_.contains("connections still in handshake (max 16)")) << log_.dump();
    const auto timed_out = log_.count("closed: no completed handshake within 300 ms");
    const auto accepted = log_.count(" accepted from ");
    EXPECT_GE(timed_out, 16U);
    EXPECT_EQ(timed_out + 2, accepted) << "every admitted attacker timed out";
    EXPECT_LT(accepted, attackers) << "most were refused at accept";
    EXPECT_LT(log_.count("hub: refused a connection"), 100U) << "refusals are not logged one by one";
    EXPECT_EQ(hub_->link_count(), 2U);
    auto late = join_plain("Late");
    barrier(*late, *a);
    barrier(*a, *late);
}

TEST_F(HubBounds, LinkThatNeverReadsIsDisconnectedAtItsQueueCap) {
    auto c = base_config();
    c.max_queued_bytes = 64 * 1024;
    c.link_messages_per_second = 1e9;
    c.link_message_burst = 1e9;
    c.link_bytes_per_second = 1e12;
    c.link_bytes_burst = 1e12;
    start(c);
    auto a = join_plain("A");
    auto b = join_plain("B");

    // A socket that handshakes and then never reads, with a small receive window.
    asio::ip::tcp::socket deaf(ctx_);
    deaf.open(asio::ip::tcp::v4());
    deaf.set_option(asio::socket_base::receive_buffer_size(4096));
    deaf.connect(hub_->local_endpoint());
    asio::write(deaf, asio::buffer(protocol::encode(make_handshake("Deaf"))));
    ASSERT_TRUE(wait([&] { return a->count<protocol::connection>() == 2; })) << log_.dump();

    // A chats in rounds that B, a good reader, keeps up with; Deaf's queue only grows.
    constexpr std::size_t round = 10;
    constexpr std::size_t max_lines = 3000; // about 12 MB: far beyond any socket buffers
    const std::string content(4000, 'x');
    std::size_t sent = 0;
    while (sent < max_lines && b->count<disconnect>() == 0) {
        std::string lines;
        for (std::size_t i = 0; i < round; ++i) {
            lines += protocol::encode(message{1, "a", content, false});
        }
        a->send_raw(std::move(lines));
        sent += round;
        ASSERT_TRUE(wait([&] { return b->count<message>() == sent; })) << log_.dump();
    }
    ASSERT_TRUE(wait([&] { return b->count<disconnect>() == 1; })) << log_.dump();
    EXPECT_EQ(b->last<disconnect>()->id, 3);
    EXPECT_TRUE(log_.contains("link 3 (Deaf) closed: too slow a reader: more than 65536 bytes"))
        << log_.dump();
    barrier(*b, *a);
    EXPECT_EQ(hub_->link_count(), 2U);
}

} // namespace
} // namespace csc::test
