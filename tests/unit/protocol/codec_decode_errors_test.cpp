// Decoding untrusted input: every malformed frame gives an error code and a detail
// naming the field or the problem, never an exception or a crash. Table-driven.
#include "csc/protocol/codec.hpp"

#include "csc/protocol/errc.hpp"
#include "unit/protocol/sample_packets.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using json = nlohmann::json;

struct bad_case {
    std::string name;
    std::string input;
    errc expected;
    std::string detail_mentions; ///< a substring the detail must contain ("" = any)
};

void expect_error(const bad_case& c) {
    SCOPED_TRACE(c.name);
    decode_result r;
    ASSERT_NO_THROW(r = decode(c.input));
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error, make_error_code(c.expected)) << r.error.message() << ": " << r.detail;
    EXPECT_FALSE(r.detail.empty());
    EXPECT_NE(r.detail.find(c.detail_mentions), std::string::npos) << r.detail;
}

/// A valid encoding of each packet type, as a JSON object to mutate.
std::vector<json> valid_objects() {
    std::vector<json> out;
    for (const auto& p : test::every_packet_plain()) {
        out.push_back(json::parse(encode(p)));
    }
    return out;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
        out.append(s);
    }
    return out;
}

const std::string join_head = R"({"type":"join","username":"u","identifier":)";

TEST(CodecDecodeErrors, RejectsMalformedFrames) {
    const std::string big_content(1024 * 1024, 'a');
    const bad_case cases[] = {
        {"empty", "", errc::invalid_json, ""},
        {"whitespace only", " \r\n\t", errc::invalid_json, ""},
        {"unterminated object", R"({"type":"join")", errc::invalid_json, ""},
        {"unterminated string", R"({"type":"jo)", errc::invalid_json, ""},
        {"single quotes", "{'type':'join'}", errc::invalid_json, ""},
        {"trailing comma", R"({"type":"disconnect","identifier":1,})", errc::invalid_json, ""},
        {"comment", R"({"type":"disconnect",/*x*/"identifier":1})", errc::invalid_json, ""},
        {"two objects", R"({"type":"disconnect","identifier":1}{"type":"disconnect","identifier":1})",
         errc::invalid_json, ""},
        {"trailing garbage", R"({"type":"disconnect","identifier":1}x)", errc::invalid_json, ""},
        {"stray brace", "}", errc::invalid_json, ""},
        {"NaN", join_head + "NaN}", errc::invalid_json, ""},
        {"Infinity", join_head + "Infinity}", errc::invalid_json, ""},
        {"-Infinity", join_head + "-Infinity}", errc::invalid_json, ""},
        {"nan lowercase", join_head + "nan}", errc::invalid_json, ""},
        {"hex number", join_head + "0x10}", errc::invalid_json, ""},
        {"number overflowing a double", join_head + "1e400}", errc::invalid_json, ""},
        {"array", "[]", errc::not_an_object, "object"},
        {"number", "1", errc::not_an_object, "object"},
        {"string", R"("join")", errc::not_an_object, "object"},
        {"null", "null", errc::not_an_object, "object"},
        {"true", "true", errc::not_an_object, "object"},
        {"empty object", "{}", errc::missing_field, "'type'"},
        {"type null", R"({"type":null})", errc::wrong_type, "'type'"},
        {"type number", R"({"type":1})", errc::wrong_type, "'type'"},
        {"type array", R"({"type":["join"]})", errc::wrong_type, "'type'"},
        {"unknown type", R"({"type":"teleport","identifier":1})", errc::unknown_type, "teleport"},
        {"empty type", R"({"type":""})", errc::unknown_type, "\"\""},
        {"type wrong case", R"({"type":"Join","identifier":1,"username":"u"})", errc::unknown_type,
         "Join"},
        {"long unknown type", R"({"type":")" + std::string(5000, 'z') + "\"}", errc::unknown_type,
         "zzzz"},
        {"negative identifier", join_head + "-1}", errc::out_of_range, "'identifier'"},
        {"identifier 2^31", join_head + "2147483648}", errc::out_of_range, "'identifier'"},
        {"identifier 2^53", join_head + "9007199254740992}", errc::out_of_range, "'identifier'"},
        {"identifier 2^64", join_head + "18446744073709551616}", errc::out_of_range, "'identifier'"},
        {"identifier -2^63-1", join_head + "-9223372036854775809}", errc::out_of_range,
         "'identifier'"},
        {"identifier 1e308", join_head + "1e308}", errc::out_of_range, "'identifier'"},
        {"identifier -1e308", join_head + "-1e308}", errc::out_of_range, "'identifier'"},
        {"identifier 1.5", join_head + "1.5}", errc::wrong_type, "'identifier'"},
        {"identifier 1e-300", join_head + "1e-300}", errc::wrong_type, "'identifier'"},
        {"playerCount negative",
         R"({"type":"connection","identifier":1,"name":"n","color":"c","prefix":"p","playerCount":-5})",
         errc::out_of_range, "'playerCount'"},
        {"playerCount huge",
         R"({"type":"connection","identifier":1,"name":"n","color":"c","prefix":"p","playerCount":1000001})",
         errc::out_of_range, "'playerCount'"},
        {"version beyond int32",
         R"({"type":"handshake","version":4294967297,"name":"n","color":"c","prefix":"p","playerCount":0})",
         errc::out_of_range, "'version'"},
        {"hostIdentifier negative",
         R"({"type":"acknowledge","identifier":1,"hostIdentifier":-1,"playerCount":0,"connections":[]})",
         errc::out_of_range, "'hostIdentifier'"},
        {"invalid utf-8 in string", "{\"type\":\"join\",\"identifier\":1,\"username\":\"a\xFF\"}",
         errc::invalid_json, ""},
        {"truncated utf-8 in string", "{\"type\":\"join\",\"identifier\":1,\"username\":\"\xE2\x82\"}",
         errc::invalid_json, ""},
        {"overlong utf-8 in string", "{\"type\":\"join\",\"identifier\":1,\"username\":\"\xC0\xAF\"}",
         errc::invalid_json, ""},
        {"utf-8 surrogate in string",
         "{\"type\":\"join\",\"identifier\":1,\"username\":\"\xED\xA0\x80\"}", errc::invalid_json, ""},
        {"lone escaped surrogate", R"({"type":"join","identifier":1,"username":"\ud800"})",
         errc::invalid_json, ""},
        {"invalid utf-8 outside strings", "{\"type\":\"join\"\xFF}", errc::invalid_json, ""},
        {"raw control character in string",
         std::string("{\"type\":\"join\",\"identifier\":1,\"username\":\"a\x01\"}"), errc::invalid_json,
         ""},
        {"raw newline in string", "{\"type\":\"join\",\"identifier\":1,\"username\":\"a\nb\"}",
         errc::invalid_json, ""},
        {"raw NUL in string", join_head + "1,\"x\":\"a" + std::string(1, '\0') + "b\"}",
         errc::invalid_json, ""},
        {"bad escape", R"({"type":"join","identifier":1,"username":"\q"})", errc::invalid_json, ""},
        {"1 MB of whitespace", std::string(1024 * 1024, ' '), errc::invalid_json, ""},
        {"1 MB unterminated string", "{\"type\":\"" + big_content, errc::invalid_json, ""},
        {"1 MB of letters", big_content, errc::invalid_json, ""},
        {"1 MB of open brackets", std::string(1024 * 1024, '['), errc::nesting_too_deep, "nested"},
        {"1 MB message of unknown type",
         R"({"type":"x","content":")" + big_content + "\"}", errc::unknown_type, "\"x\""},
    };
    for (const auto& c : cases) {
        expect_error(c);
    }
}

TEST(CodecDecodeErrors, NestingIsBounded) {
    const std::string head = R"({"type":"join","identifier":1,"username":"u","x":)";
    // The outer object is level 1, so max_nesting - 1 arrays inside it is the deepest accepted.
    const auto nested = [&](std::size_t arrays) {
        return head + repeat("[", arrays) + repeat("]", arrays) + "}";
    };
    const decode_result ok = decode(nested(max_nesting - 1));
    EXPECT_TRUE(ok) << ok.detail;
    expect_error({"one past max_nesting", nested(max_nesting), errc::nesting_too_deep, "nested"});
    expect_error({"1000 levels", repeat("[", 1000) + repeat("]", 1000), errc::nesting_too_deep, ""});
    expect_error({"1000 levels of objects", repeat("{\"a\":", 1000) + "1" + repeat("}", 1000),
                  errc::nesting_too_deep, ""});
    expect_error({"1000 levels inside a packet", nested(1000), errc::nesting_too_deep, ""});
    // Brackets inside strings are not nesting.
    const std::string in_string =
        R"({"type":"join","identifier":1,"username":")" + repeat("[{", 1000) + "\\\"\"}";
    const decode_result quoted = decode(in_string);
    ASSERT_TRUE(quoted) << quoted.detail;
    EXPECT_EQ(std::get<join>(quoted.value).username, repeat("[{", 1000) + "\"");
}

TEST(CodecDecodeErrors, MissingFieldIsNamed) {
    for (const json& valid : valid_objects()) {
        for (const auto& item : valid.items()) {
            const std::string key = item.key();
            json broken = valid;
            broken.erase(key);
            const std::string type = valid.at("type");
            expect_error({type + " without " + key, broken.dump(),
                          errc::missing_field, "'" + key + "'"});
        }
    }
}

TEST(CodecDecodeErrors, WrongTypeIsNamedForEveryField) {
    const std::vector<json> not_a_number = {"1", nullptr, true, json::array(), json::object(), 1.5};
    const std::vector<json> not_a_string = {1, nullptr, false, json::array({"a"}), json::object(),
                                            2.5};
    const std::vector<json> not_an_array = {"[]", 1, nullptr, true, json::object()};
    for (const json& valid : valid_objects()) {
        const std::string type = valid.at("type");
        for (const auto& item : valid.items()) {
            const std::string key = item.key();
            if (key == "type") {
                continue; // covered by RejectsMalformedFrames
            }
            const auto& wrong = item.value().is_number()  ? not_a_number
                                : item.value().is_string() ? not_a_string
                                                           : not_an_array;
            for (const json& value : wrong) {
                json broken = valid;
                broken[key] = value;
                expect_error({type + "." + key + " = " + value.dump(), broken.dump(),
                              errc::wrong_type, "'" + key + "'"});
            }
        }
    }
}

TEST(CodecDecodeErrors, WrongTypeOfFeatures) {
    for (const char* type : {"handshake", "acknowledge"}) {
        for (const json& valid : valid_objects()) {
            if (valid.at("type") != type) {
                continue;
            }
            for (const json& value : {json("sanitized"), json(1), json(nullptr), json::object()}) {
                json broken = valid;
                broken["features"] = value;
                expect_error({std::string(type) + ".features = " + value.dump(), broken.dump(),
                              errc::wrong_type, "'features'"});
            }
        }
    }
}

TEST(CodecDecodeErrors, DetailNamesThePacketType) {
    const decode_result r = decode(R"({"type":"message","identifier":1,"username":"u"})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error, make_error_code(errc::missing_field));
    EXPECT_EQ(r.detail, "message field 'content': missing");
}

TEST(CodecDecodeErrors, OneMegabyteValidLineDecodes) {
    const packet p = message{1, "u", std::string(1024 * 1024, 'x'), false};
    const decode_result r = decode(encode(p));
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(r.value, p);
}

} // namespace
} // namespace csc::protocol
