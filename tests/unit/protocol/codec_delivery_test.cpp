// The `delivery` extension on the wire (docs/delivery.md, "Wire"): packet ids on
// join/leave/message, origin and session on the handshake, the epoch on the acknowledge,
// and the ack, resume, ping and pong packets; written only with extensions, decoded strictly.
#include "csc/protocol/codec.hpp"

#include "csc/protocol/errc.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using json = nlohmann::json;

const std::string origin_a = "0123456789abcdef0123456789abcdef";

delivery_stamp stamp(std::int64_t session, std::int64_t seq, std::int64_t pos = 0) {
    return {origin_a, session, seq, pos};
}

/// One packet of every kind the extension touches, with its fields set.
std::vector<packet> delivery_packets() {
    handshake h{1, {"n", "00aaff", "[x]"}, 2, {"sanitized", "delivery"}};
    h.origin = origin_a;
    h.session = 7;
    acknowledge a{3, 0, 1, {{0, {"Hub", "ffffff", "[h]"}}}, {"delivery"}};
    a.epoch = "fedcba9876543210fedcba9876543210";
    a.position = 12;
    join j{2, "Alice"};
    j.delivery = stamp(7, 1);
    leave l{2, "Bob"};
    l.delivery = stamp(7, 2, 41);
    message m{2, "Carol", "hi", true};
    m.delivery = stamp(7, max_wire_integer, max_wire_integer);
    m.delivery.server = server_info{"Gone \"B\"", "aa00ff", "[B]"};
    return {h, a, j, l, m,
            ack{7, 0},
            ack{7, max_wire_integer},
            resume{"", 0, "", 0},
            resume{a.epoch, 40, "trimmed", 12},
            ping{},
            pong{}};
}

TEST(CodecDelivery, RoundTripsWithExtensions) {
    for (const auto& p : delivery_packets()) {
        const std::string line = encode(p);
        SCOPED_TRACE(line);
        const decode_result r = decode(line);
        ASSERT_TRUE(r) << r.detail;
        EXPECT_EQ(r.value, p);
    }
}

TEST(CodecDelivery, ExactFieldNames) {
    const auto packets = delivery_packets();
    const json h = json::parse(encode(packets[0]));
    EXPECT_EQ(h.at("origin"), origin_a);
    EXPECT_EQ(h.at("session"), 7);
    EXPECT_EQ(json::parse(encode(packets[1])).at("epoch"), "fedcba9876543210fedcba9876543210");
    EXPECT_EQ(json::parse(encode(packets[1])).at("position"), 12);
    const json l = json::parse(encode(packets[3]));
    EXPECT_EQ(l.at("origin"), origin_a);
    EXPECT_EQ(l.at("session"), 7);
    EXPECT_EQ(l.at("seq"), 2);
    EXPECT_EQ(l.at("pos"), 41);
    EXPECT_FALSE(json::parse(encode(packets[2])).contains("pos")) << "pos 0 is not written";
    EXPECT_FALSE(json::parse(encode(packets[2])).contains("server")) << "none: not written";
    EXPECT_EQ(json::parse(encode(packets[4])).at("server"),
              (json{{"name", "Gone \"B\""}, {"color", "aa00ff"}, {"prefix", "[B]"}}));
    EXPECT_EQ(encode(ack{7, 3}), "{\"type\":\"ack\",\"session\":7,\"seq\":3}\n");
    EXPECT_EQ(encode(resume{"", 0, "", 0}), "{\"type\":\"resume\",\"epoch\":\"\",\"position\":0}\n");
    EXPECT_EQ(encode(resume{"e", 5, "resumed", 0}),
              "{\"type\":\"resume\",\"epoch\":\"e\",\"position\":5,\"outcome\":\"resumed\",\"lost\":0}\n");
    EXPECT_EQ(encode(ping{}), "{\"type\":\"ping\"}\n");
    EXPECT_EQ(encode(pong{}), "{\"type\":\"pong\"}\n");
}

TEST(CodecDelivery, ExtensionsOffWritesPlainV1) {
    const auto packets = delivery_packets();
    for (std::size_t i = 0; i < 5; ++i) {
        const std::string line = encode(packets[i], {.extensions = false});
        SCOPED_TRACE(line);
        for (const char* key : {"origin", "session", "\"seq\"", "\"pos\"", "epoch", "position", "server"}) {
            EXPECT_EQ(line.find(key), std::string::npos) << key;
        }
        const decode_result r = decode(line);
        ASSERT_TRUE(r) << r.detail;
    }
    EXPECT_EQ(encode(join{2, "Alice"}), encode(packets[2], {.extensions = false}));
}

struct bad_case {
    const char* name;
    std::string frame;
    errc expected;
    const char* mentions;
};

TEST(CodecDelivery, DecodeIsStrict) {
    const std::string m = R"({"type":"message","identifier":1,"username":"u","content":"c",)";
    const std::string o = R"("origin":")" + origin_a + R"(",)";
    const bad_case cases[] = {
        {"seq without origin", m + R"("session":1,"seq":1})", errc::missing_field, "origin"},
        {"pos alone", m + R"("pos":3})", errc::missing_field, "origin"},
        {"origin without seq", m + o + R"("session":1})", errc::missing_field, "seq"},
        {"empty origin", m + R"("origin":"","session":1,"seq":1})", errc::out_of_range, "origin"},
        {"origin not a string", m + R"("origin":5,"session":1,"seq":1})", errc::wrong_type, "origin"},
        {"session 0", m + o + R"("session":0,"seq":1})", errc::out_of_range, "session"},
        {"seq 0", m + o + R"("session":1,"seq":0})", errc::out_of_range, "seq"},
        {"seq 2^53", m + o + R"("session":1,"seq":9007199254740992})", errc::out_of_range, "seq"},
        {"seq fraction", m + o + R"("session":1,"seq":1.5})", errc::wrong_type, "seq"},
        {"seq string", m + o + R"("session":1,"seq":"1"})", errc::wrong_type, "seq"},
        {"pos 0", m + o + R"("session":1,"seq":1,"pos":0})", errc::out_of_range, "pos"},
        {"negative pos", m + o + R"("session":1,"seq":1,"pos":-1})", errc::out_of_range, "pos"},
        {"join seq 1e300", R"({"type":"join","identifier":1,"username":"u",)" + o +
                               R"("session":1,"seq":1e300})",
         errc::out_of_range, "seq"},
        {"server not an object", m + o + R"("session":1,"seq":1,"server":"B"})",
         errc::wrong_type, "server"},
        {"server without color", m + o + R"("session":1,"seq":1,"server":{"name":"B","prefix":"p"}})",
         errc::missing_field, "color"},
        {"server name a number",
         m + o + R"("session":1,"seq":1,"server":{"name":1,"color":"c","prefix":"p"}})",
         errc::wrong_type, "server"},
        {"handshake session without origin",
         R"({"type":"handshake","version":1,"name":"n","color":"c","prefix":"p","playerCount":0,"session":2})",
         errc::missing_field, "origin"},
        {"handshake origin without session",
         R"({"type":"handshake","version":1,"name":"n","color":"c","prefix":"p","playerCount":0,)" +
             o.substr(0, o.size() - 1) + "}",
         errc::missing_field, "session"},
        {"acknowledge epoch null",
         R"({"type":"acknowledge","identifier":1,"hostIdentifier":0,"playerCount":0,"connections":[],"epoch":null})",
         errc::wrong_type, "epoch"},
        {"acknowledge position negative",
         R"({"type":"acknowledge","identifier":1,"hostIdentifier":0,"playerCount":0,"connections":[],"epoch":"e","position":-1})",
         errc::out_of_range, "position"},
        {"acknowledge position text",
         R"({"type":"acknowledge","identifier":1,"hostIdentifier":0,"playerCount":0,"connections":[],"epoch":"e","position":"3"})",
         errc::wrong_type, "position"},
        {"ack without seq", R"({"type":"ack","session":1})", errc::missing_field, "seq"},
        {"ack session 0", R"({"type":"ack","session":0,"seq":0})", errc::out_of_range, "session"},
        {"ack seq negative", R"({"type":"ack","session":1,"seq":-1})", errc::out_of_range, "seq"},
        {"resume without epoch", R"({"type":"resume","position":0})", errc::missing_field, "epoch"},
        {"resume without position", R"({"type":"resume","epoch":""})", errc::missing_field,
         "position"},
        {"resume position 2^53", R"({"type":"resume","epoch":"","position":9007199254740992})",
         errc::out_of_range, "position"},
        {"resume outcome number", R"({"type":"resume","epoch":"","position":0,"outcome":1})",
         errc::wrong_type, "outcome"},
        {"resume lost negative",
         R"({"type":"resume","epoch":"","position":0,"outcome":"trimmed","lost":-2})",
         errc::out_of_range, "lost"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const decode_result r = decode(c.frame);
        ASSERT_FALSE(r) << c.frame;
        EXPECT_EQ(r.error, make_error_code(c.expected)) << r.detail;
        EXPECT_NE(r.detail.find(c.mentions), std::string::npos) << r.detail;
    }
}

TEST(CodecDelivery, AcceptsWhatOriginalPeersSend) {
    // No delivery fields at all: a plain v1 packet, with an empty stamp.
    const decode_result r = decode(R"({"type":"join","identifier":1,"username":"u"})");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(std::get<join>(r.value).delivery, delivery_stamp{});
    // Integral doubles, as JavaScript writes them; the largest safe integer.
    const decode_result big = decode(R"({"type":"ack","session":1.0,"seq":9007199254740991})");
    ASSERT_TRUE(big) << big.detail;
    EXPECT_EQ(std::get<ack>(big.value), (ack{1, max_wire_integer}));
    // Fields a ping or pong does not know are ignored.
    const decode_result p = decode(R"({"type":"ping","seq":"x"})");
    ASSERT_TRUE(p) << p.detail;
    EXPECT_EQ(p.value, packet{ping{}});
}

} // namespace
} // namespace csc::protocol
