// What the hub relays of what a link says about itself and its players: capped,
// without control characters or markup brackets in names, colours checked.

#include "secure_hub_fixture.hpp"

namespace csc::test {
namespace {

using protocol::acknowledge;
using protocol::connection;
using protocol::message;

class HubValidation : public SecureHubFixture {
protected:
    void SetUp() override { start(base_config()); }
};

TEST_F(HubValidation, NamesPrefixesAndColoursAreNormalised) {
    auto a = join_plain("A");
    auto evil = connect_raw();
    protocol::handshake h = make_handshake("x");
    h.info.name = "Evil\n<color=\"ff0000\">Name</>\x07" + std::string(100, 'n');
    h.info.color = "zzzzzz\"><b>";
    h.info.prefix = "[\x1b[31mx]<br>" + std::string(50, 'p');
    evil->send(h);
    ASSERT_TRUE(wait([&] { return a->count<connection>() == 1; })) << log_.dump();
    const protocol::server_info seen = a->last<connection>()->info;
    EXPECT_EQ(seen.name.substr(0, 28), "Evilcolor=\"ff0000\"Name/nnnnn");
    EXPECT_EQ(seen.name.size(), 64U);
    EXPECT_EQ(seen.color, "00aaff");
    EXPECT_EQ(seen.prefix.substr(0, 9), "[[31mx]br");
    EXPECT_EQ(seen.prefix.size(), 32U);
    EXPECT_EQ(events_.last(event_kind::server_connected)->server.info, seen);
    auto late = join_plain("Late");
    EXPECT_EQ(late->last<acknowledge>()->connections.at(1).info, seen) << "the directory too";
}

TEST_F(HubValidation, UsernamesAndContentAreCappedAndCleaned) {
    auto a = join_plain("A");
    auto b = join_plain("B");
    a->send(message{0, "bad\x1b[2Jname<b>" + std::string(80, 'u'),
                    "two\nlines <b>kept</b> " + std::string(5000, 'c'), false});
    a->send(protocol::join{0, "\x01joiner\x7f"});
    ASSERT_TRUE(wait([&] { return b->count<protocol::join>() == 1; })) << log_.dump();
    const message m = b->last<message>().value();
    EXPECT_EQ(m.username.substr(0, 11), "bad[2Jnameb");
    EXPECT_EQ(m.username.size(), 64U);
    EXPECT_EQ(m.content.substr(0, 22), "two lines <b>kept</b> ");
    EXPECT_EQ(m.content.size(), 4096U);
    EXPECT_EQ(b->last<protocol::join>()->username, "joiner");
    EXPECT_EQ(events_.last(event_kind::message)->username, m.username);
    barrier(*b, *a);
}

} // namespace
} // namespace csc::test
