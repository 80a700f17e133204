// The auth extension packets: round trips, frames that are none, malformed ones.

#include "csc/auth/auth_packets.hpp"

#include "csc/protocol/codec.hpp"

#include <gtest/gtest.h>

namespace csc::auth {
namespace {

TEST(AuthPackets, RoundTrip) {
    const auth_packet packets[] = {challenge{"n", "p"}, proof{"q"}, refused{"because"}};
    for (const auto& p : packets) {
        const std::string line = encode(p);
        ASSERT_TRUE(line.ends_with("}\n")) << line;
        EXPECT_EQ(line.find('\n'), line.size() - 1);
        const decoded d = decode(line);
        ASSERT_TRUE(d.value) << line;
        EXPECT_EQ(*d.value, p);
        EXPECT_TRUE(d.error.empty());
    }
    EXPECT_EQ(encode(proof{"q"}), "{\"type\":\"auth\",\"proof\":\"q\"}\n");
}

TEST(AuthPackets, OtherFramesAreNone) {
    for (const std::string_view frame :
         {"{\"type\":\"handshake\",\"version\":1}", "{}", "[]", "not json", "{\"type\":3}",
          "{\"type\":\"acknowledge\"}", ""}) {
        const decoded d = decode(frame);
        EXPECT_FALSE(d.value) << frame;
        EXPECT_TRUE(d.error.empty()) << frame;
    }
}

TEST(AuthPackets, MalformedAuthPacketsNameTheProblem) {
    for (const std::string_view frame :
         {"{\"type\":\"challenge\",\"nonce\":\"n\"}", "{\"type\":\"challenge\",\"proof\":1}",
          "{\"type\":\"auth\"}", "{\"type\":\"auth\",\"proof\":null}"}) {
        const decoded d = decode(frame);
        EXPECT_FALSE(d.value) << frame;
        EXPECT_FALSE(d.error.empty()) << frame;
    }
    const decoded r = decode("{\"type\":\"refused\"}");
    ASSERT_TRUE(r.value);
    EXPECT_EQ(std::get<refused>(*r.value).reason, "no reason given");
}

TEST(AuthPackets, NonceRidesInTheHandshake) {
    protocol::handshake h;
    h.info = {"A", "00aaff", "[a]"};
    h.features = {"sanitized", "auth"};
    const std::string line = add_nonce(protocol::encode(h), "abc");
    EXPECT_TRUE(line.ends_with(",\"nonce\":\"abc\"}\n")) << line;
    EXPECT_EQ(nonce_of(line), "abc");
    const auto decoded_handshake = protocol::decode(line);
    ASSERT_TRUE(decoded_handshake) << decoded_handshake.detail;
    EXPECT_EQ(std::get<protocol::handshake>(decoded_handshake.value), h);
    EXPECT_FALSE(nonce_of(protocol::encode(h)));
    EXPECT_FALSE(nonce_of("{\"nonce\":5}"));
    EXPECT_FALSE(nonce_of("garbage"));
}

} // namespace
} // namespace csc::auth
