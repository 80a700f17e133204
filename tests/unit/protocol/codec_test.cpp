// Encoding: round trips, the exact protocol v1 field names, one line per packet,
// extensions only when asked for, and invalid UTF-8 replaced rather than thrown.
#include "csc/protocol/codec.hpp"

#include "csc/protocol/errc.hpp"
#include "unit/protocol/sample_packets.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace csc::protocol {
namespace {

using json = nlohmann::json;
using key_set = std::set<std::string>;

key_set keys_of(const json& obj) {
    key_set out;
    for (const auto& item : obj.items()) {
        out.insert(item.key());
    }
    return out;
}

/// The fields protocol v1 gives each packet type, plus the extension fields we may add.
key_set expected_keys(const packet& p, bool extensions) {
    const std::string type{type_name(p)};
    key_set keys;
    if (type == "handshake") {
        keys = {"type", "version", "name", "color", "prefix", "playerCount"};
        if (extensions) {
            keys.insert("features");
        }
    } else if (type == "acknowledge") {
        keys = {"type", "identifier", "hostIdentifier", "connections", "playerCount"};
        if (extensions) {
            keys.insert("features");
        }
    } else if (type == "connection") {
        keys = {"type", "identifier", "name", "color", "prefix", "playerCount"};
    } else if (type == "disconnect") {
        keys = {"type", "identifier"};
    } else if (type == "join" || type == "leave") {
        keys = {"type", "identifier", "username"};
    } else if (type == "message") {
        keys = {"type", "identifier", "username", "content"};
        if (extensions) {
            keys.insert("sanitized");
        }
    }
    return keys;
}

void expect_round_trip(const packet& p, encode_options opts, const packet& expected) {
    const std::string line = encode(p, opts);
    const decode_result r = decode(line);
    ASSERT_TRUE(r) << r.detail << "\n" << line;
    EXPECT_EQ(r.value, expected) << line;
}

TEST(Codec, RoundTripsEveryTypeWithExtensions) {
    for (const auto& p : test::every_packet_with_extensions()) {
        SCOPED_TRACE(type_name(p));
        expect_round_trip(p, {}, p);
    }
}

TEST(Codec, RoundTripsEveryTypeWithoutExtensions) {
    for (const auto& p : test::every_packet_plain()) {
        SCOPED_TRACE(type_name(p));
        expect_round_trip(p, {}, p);
        expect_round_trip(p, {.extensions = false}, p);
    }
}

TEST(Codec, ExtensionsOffDropsEveryExtensionField) {
    const auto with = test::every_packet_with_extensions();
    const auto plain = test::every_packet_plain();
    for (std::size_t i = 0; i < with.size(); ++i) {
        SCOPED_TRACE(type_name(with[i]));
        const std::string line = encode(with[i], {.extensions = false});
        EXPECT_EQ(line.find("features"), std::string::npos) << line;
        EXPECT_EQ(line.find("sanitized"), std::string::npos) << line;
        EXPECT_EQ(line, encode(plain[i])) << "an original peer must see plain v1";
        expect_round_trip(with[i], {.extensions = false}, plain[i]);
    }
}

TEST(Codec, RoundTripsTrickyStrings) {
    for (const auto& p : test::tricky_packets()) {
        SCOPED_TRACE(type_name(p));
        expect_round_trip(p, {}, p);
    }
}

TEST(Codec, FieldNamesAreExactlyProtocolV1) {
    for (bool extensions : {true, false}) {
        for (const auto& p : test::every_packet_with_extensions()) {
            SCOPED_TRACE(std::string(type_name(p)) + (extensions ? " with" : " without"));
            const json obj = json::parse(encode(p, {.extensions = extensions}));
            ASSERT_TRUE(obj.is_object());
            EXPECT_EQ(keys_of(obj), expected_keys(p, extensions));
            EXPECT_EQ(obj.at("type"), std::string(type_name(p)));
        }
    }
}

TEST(Codec, FieldValuesHaveV1Types) {
    const auto packets = test::every_packet_with_extensions();
    const json hs = json::parse(encode(packets[0]));
    EXPECT_EQ(hs.at("version"), 1);
    EXPECT_EQ(hs.at("name"), "Server \xE2\x98\x85");
    EXPECT_EQ(hs.at("color"), "00aaff");
    EXPECT_EQ(hs.at("prefix"), "[x]");
    EXPECT_EQ(hs.at("playerCount"), 12);
    EXPECT_EQ(hs.at("features"), json({"sanitized", "future-thing"}));

    const json ack = json::parse(encode(packets[1]));
    EXPECT_EQ(ack.at("identifier"), 3);
    EXPECT_EQ(ack.at("hostIdentifier"), 0);
    EXPECT_EQ(ack.at("playerCount"), 7);
    ASSERT_TRUE(ack.at("connections").is_array());
    ASSERT_EQ(ack.at("connections").size(), 3U);
    for (const auto& entry : ack.at("connections")) {
        EXPECT_EQ(keys_of(entry), (key_set{"identifier", "name", "color", "prefix"}));
        EXPECT_TRUE(entry.at("identifier").is_number_integer());
    }
    EXPECT_EQ(ack.at("connections").back().at("name"), "Host") << "order is kept";

    const json msg = json::parse(encode(packets[6]));
    EXPECT_EQ(msg.at("identifier"), 2);
    EXPECT_EQ(msg.at("username"), "Carol");
    EXPECT_EQ(msg.at("content"), "hello &lt;b&gt;");
    EXPECT_EQ(msg.at("sanitized"), true);
}

TEST(Codec, EmptyExtensionsAreNotWritten) {
    const std::string hs = encode(handshake{1, {"n", "c", "p"}, 0, {}});
    EXPECT_EQ(hs.find("features"), std::string::npos) << hs;
    const std::string msg = encode(message{1, "u", "c", false});
    EXPECT_EQ(msg.find("sanitized"), std::string::npos) << msg;
}

TEST(Codec, EveryPacketIsOneLineEndingInOneNewline) {
    auto packets = test::every_packet_with_extensions();
    const auto tricky = test::tricky_packets();
    packets.insert(packets.end(), tricky.begin(), tricky.end());
    for (const auto& p : packets) {
        for (bool extensions : {true, false}) {
            const std::string line = encode(p, {.extensions = extensions});
            ASSERT_FALSE(line.empty());
            EXPECT_EQ(line.back(), '\n');
            EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
            EXPECT_EQ(line.find('\r'), std::string::npos) << line;
            EXPECT_EQ(line.front(), '{');
            EXPECT_EQ(line[line.size() - 2], '}');
        }
    }
}

TEST(Codec, EncodeToAppends) {
    std::string out = "prefix";
    encode_to(out, disconnect{9});
    encode_to(out, join{9, "a"});
    EXPECT_EQ(out, "prefix" + encode(disconnect{9}) + encode(join{9, "a"}));
}

TEST(Codec, ControlCharactersRoundTripEscaped) {
    std::string all;
    for (int c = 0; c < 0x20; ++c) {
        all.push_back(static_cast<char>(c));
    }
    all.push_back('\x7F');
    const packet p = message{1, all, all, false};
    const std::string line = encode(p);
    for (int c = 0; c < 0x20; ++c) {
        EXPECT_EQ(line.find(static_cast<char>(c)), c == '\n' ? line.size() - 1 : std::string::npos)
            << "raw control character " << c;
    }
    EXPECT_TRUE(json::accept(line)) << line;
    expect_round_trip(p, {}, p);
}

struct utf8_case {
    const char* name;
    std::string input;
    std::string expected; ///< after encode + decode
};

TEST(Codec, InvalidUtf8IsEncodedAsReplacementCharacter) {
    const std::string fffd = "\xEF\xBF\xBD";
    const utf8_case cases[] = {
        {"lone continuation byte", "a\x80z", "a" + fffd + "z"},
        {"invalid lead byte", "a\xFFz", "a" + fffd + "z"},
        {"truncated at end", "a\xE2\x82", "a" + fffd + fffd},
        {"truncated before ascii", "\xE2\x82z", fffd + fffd + "z"},
        {"overlong slash", "\xC0\xAF", fffd + fffd},
        {"overlong three bytes", "\xE0\x80\xAF", fffd + fffd + fffd},
        {"utf-16 surrogate", "\xED\xA0\x80", fffd + fffd + fffd},
        {"above U+10FFFF", "\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},
        {"valid stays", "\xC3\xA9\xF0\x9F\x98\x80", "\xC3\xA9\xF0\x9F\x98\x80"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const std::string line = encode(message{1, c.input, c.input, false});
        json parsed;
        ASSERT_NO_THROW(parsed = json::parse(line)) << "encode must emit valid JSON";
        EXPECT_EQ(parsed.at("username"), c.expected);
        const decode_result r = decode(line);
        ASSERT_TRUE(r) << r.detail;
        EXPECT_EQ(std::get<message>(r.value).content, c.expected);
    }
}

TEST(Codec, DecodeAcceptsWhatAnOriginalPeerSends) {
    // JSON.stringify output: no newline, other field order, integers JavaScript may write as floats.
    const decode_result r = decode(
        R"({"content":"hi","username":"u","identifier":3.0,"type":"message","extra":[1,{"a":null}]})");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(r.value, packet(message{3, "u", "hi", false}));

    const decode_result padded = decode(" \t\r\n{\"type\":\"disconnect\",\"identifier\":1}\r\n ");
    ASSERT_TRUE(padded) << padded.detail;
    EXPECT_EQ(padded.value, packet(disconnect{1}));
}

TEST(Codec, AcknowledgeSkipsEntriesThatNeverHandshook) {
    // An original host lists a connection that has not handshaken yet with null fields.
    const decode_result r = decode(R"({"type":"acknowledge","identifier":3,"hostIdentifier":0,
        "playerCount":2,"connections":[
          {"identifier":1,"name":"One","color":"ff0000","prefix":"[1]"},
          {"identifier":2,"name":null,"color":null,"prefix":null},
          {"identifier":0,"name":"Host","color":"0000ff","prefix":"[h]"}]})");
    ASSERT_TRUE(r) << r.detail;
    const auto& ack = std::get<acknowledge>(r.value);
    EXPECT_EQ(ack.id, 3);
    EXPECT_EQ(ack.player_count, 2);
    ASSERT_EQ(ack.connections.size(), 2U);
    EXPECT_EQ(ack.connections[0], (connection_entry{1, {"One", "ff0000", "[1]"}}));
    EXPECT_EQ(ack.connections[1], (connection_entry{0, {"Host", "0000ff", "[h]"}}));
}

TEST(Codec, AcknowledgeSkipsMalformedEntries) {
    const decode_result r = decode(R"({"type":"acknowledge","identifier":3,"hostIdentifier":0,
        "playerCount":0,"connections":[null,1,"x",[],{},
          {"identifier":-1,"name":"a","color":"b","prefix":"c"},
          {"identifier":"1","name":"a","color":"b","prefix":"c"},
          {"identifier":1,"name":"a","color":"b"},
          {"identifier":5,"name":"ok","color":"b","prefix":"c"}]})");
    ASSERT_TRUE(r) << r.detail;
    const auto& ack = std::get<acknowledge>(r.value);
    ASSERT_EQ(ack.connections.size(), 1U);
    EXPECT_EQ(ack.connections[0].id, 5);
}

TEST(Codec, FeaturesIgnoreNonStringItems) {
    const decode_result r = decode(R"({"type":"handshake","version":1,"name":"n","color":"c",
        "prefix":"p","playerCount":0,"features":["sanitized",1,null,{"a":1},"x"]})");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(std::get<handshake>(r.value).features, (std::vector<std::string>{"sanitized", "x"}));
}

TEST(Codec, SanitizedCountsOnlyWhenTrue) {
    const std::string base = R"({"type":"message","identifier":1,"username":"u","content":"c")";
    const std::pair<const char*, bool> cases[] = {
        {"", false},        {R"(,"sanitized":true)", true}, {R"(,"sanitized":false)", false},
        {R"(,"sanitized":1)", false}, {R"(,"sanitized":"true")", false}, {R"(,"sanitized":null)", false},
    };
    for (const auto& [extra, expected] : cases) {
        const decode_result r = decode(base + extra + "}");
        ASSERT_TRUE(r) << extra << ": " << r.detail;
        EXPECT_EQ(std::get<message>(r.value).sanitized, expected) << extra;
    }
}

TEST(Codec, TypeNameAndOrigin) {
    EXPECT_EQ(type_name(acknowledge{}), "acknowledge");
    EXPECT_EQ(origin_of(handshake{}), -1);
    EXPECT_EQ(origin_of(acknowledge{5, 0, 0, {}, {}}), -1);
    EXPECT_EQ(origin_of(message{7, "u", "c", false}), 7);
    EXPECT_EQ(origin_of(disconnect{4}), 4);
}

TEST(Codec, ErrorCodesHaveACategoryAndMessages) {
    const std::error_code ec = errc::frame_too_long;
    EXPECT_EQ(ec.category().name(), std::string("csc.protocol"));
    EXPECT_EQ(ec, make_error_code(errc::frame_too_long));
    for (int v = static_cast<int>(errc::invalid_json); v <= static_cast<int>(errc::garbage); ++v) {
        EXPECT_NE(protocol_category().message(v), "unknown protocol error") << v;
    }
    EXPECT_EQ(protocol_category().message(999), "unknown protocol error");
}

} // namespace
} // namespace csc::protocol
