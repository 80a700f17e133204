// The hand-written JSON reader behind decode: what it must accept and refuse exactly as
// nlohmann::json::parse did (the corner cases; fuzz/fuzz_decode_differential.cpp compares
// the two on random input), and its own API.
#include "csc/protocol/json_reader.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace csc::protocol {
namespace {

using detail::json_key;
using detail::json_type;

std::int64_t identifier_of(const std::string& number) {
    const decode_result r = decode(R"({"type":"disconnect","identifier":)" + number + "}");
    EXPECT_TRUE(r) << number << ": " << r.detail;
    return r ? std::get<disconnect>(r.value).id : -1;
}

errc error_of(const std::string& frame) {
    const decode_result r = decode(frame);
    EXPECT_FALSE(r) << frame;
    EXPECT_FALSE(r.detail.empty());
    return static_cast<errc>(r.error.value());
}

TEST(JsonReader, NumbersReadAsBefore) {
    EXPECT_EQ(identifier_of("0"), 0);
    EXPECT_EQ(identifier_of("-0"), 0);
    EXPECT_EQ(identifier_of("1.0"), 1);
    EXPECT_EQ(identifier_of("1e2"), 100);
    EXPECT_EQ(identifier_of("0.5E+1"), 5);
    EXPECT_EQ(identifier_of("2147483647"), 2147483647);
    EXPECT_EQ(identifier_of("-0.0"), 0);
    EXPECT_EQ(identifier_of("1e-400"), 0); // below a double's range: 0, as strtod gives
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":100000000000000000000000})"),
              errc::out_of_range);
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":-2147483648})"), errc::out_of_range);
}

TEST(JsonReader, NumbersBeyondADoubleAreInvalidAnywhere) {
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":1,"x":1e400})"), errc::invalid_json);
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":1,"x":[-1e309]})"),
              errc::invalid_json);
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":1,"x":)" + std::string(400, '9') + "}"),
              errc::invalid_json);
}

TEST(JsonReader, NumberGrammarIsStrict) {
    for (const char* bad : {"01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "1.e3", "0x1"}) {
        EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":)" + std::string(bad) + "}"),
                  errc::invalid_json)
            << bad;
    }
}

TEST(JsonReader, DuplicateKeyKeepsTheLastValue) {
    const decode_result r =
        decode(R"({"type":"join","identifier":1,"username":"first","username":"last"})");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(std::get<join>(r.value).username, "last");
    EXPECT_EQ(error_of(R"({"type":"join","identifier":1,"username":"u","identifier":"x"})"),
              errc::wrong_type);
}

TEST(JsonReader, EscapedKeysAndStringsAreResolved) {
    const decode_result r = decode(
        R"({"t\u0079pe":"leave","identifier":1,"user\u006eame":"\u00e9\ud83d\ude00\n\/\\\""})");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(std::get<leave>(r.value).username, "\xC3\xA9\xF0\x9F\x98\x80\n/\\\"");
    const decode_result nul = decode(R"({"type":"leave","identifier":1,"username":"a\u0000b"})");
    ASSERT_TRUE(nul) << nul.detail;
    EXPECT_EQ(std::get<leave>(nul.value).username, std::string("a\0b", 3));
}

TEST(JsonReader, SurrogateEscapesMustPair) {
    for (const char* bad : {R"(\udc00)", R"(\ud800\u0041)", R"(\ud800x)", R"(\ud800\ud800)",
                            R"(\u12)", R"(\u12g4)"}) {
        EXPECT_EQ(error_of(R"({"type":"leave","identifier":1,"username":")" + std::string(bad) +
                           "\"}"),
                  errc::invalid_json)
            << bad;
    }
}

TEST(JsonReader, ByteOrderMarkOnlyAtTheStart) {
    const decode_result r = decode("\xEF\xBB\xBF{\"type\":\"disconnect\",\"identifier\":2}");
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(error_of(" \xEF\xBB\xBF{\"type\":\"disconnect\",\"identifier\":2}"),
              errc::invalid_json);
    EXPECT_EQ(error_of("\xEF\xBB{\"type\":\"disconnect\",\"identifier\":2}"), errc::invalid_json);
}

TEST(JsonReader, NothingMayFollowTheObject) {
    // nlohmann's lexer took a NUL byte for the end of the input; we refuse what follows it.
    EXPECT_EQ(error_of(std::string(R"({"type":"disconnect","identifier":2})") + '\0' + "junk"),
              errc::invalid_json);
    EXPECT_EQ(error_of(R"({"type":"disconnect","identifier":2} ,)"), errc::invalid_json);
}

TEST(JsonReader, InvalidJsonDetailSaysWhere) {
    const decode_result r = decode(R"({"type":"disconnect","identifier":2,})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error, make_error_code(errc::invalid_json));
    EXPECT_NE(r.detail.find("byte 36"), std::string::npos) << r.detail;
}

TEST(JsonReader, FieldsElementsAndTypes) {
    const std::string text =
        R"({"type":"x","connections":[{"identifier":7,"name":"n"},1,"s",null,true,[],-3,2.5],)"
        R"("other":{"type":"ignored"}})";
    detail::json_value root;
    detail::json_fields fields;
    detail::json_error error;
    ASSERT_TRUE(detail::parse_json(text, max_nesting, root, fields, error)) << error.reason;
    EXPECT_EQ(root.type, json_type::object);
    EXPECT_EQ(detail::unescape(fields[json_key::type]), "x"); // the nested "type" is not a field
    EXPECT_EQ(fields[json_key::name].type, json_type::absent);

    std::vector<json_type> types;
    detail::json_value item;
    for (std::size_t at = 0; detail::next_element(fields[json_key::connections], at, item);) {
        types.push_back(item.type);
        if (item.type == json_type::object) {
            detail::json_fields entry;
            detail::read_fields(item, entry);
            EXPECT_EQ(entry[json_key::identifier].unsigned_value, 7U);
            EXPECT_EQ(detail::unescape(entry[json_key::name]), "n");
        }
    }
    EXPECT_EQ(types, (std::vector<json_type>{json_type::object, json_type::unsigned_integer,
                                             json_type::string, json_type::null,
                                             json_type::boolean, json_type::array,
                                             json_type::signed_integer, json_type::floating}));
    EXPECT_EQ(detail::key_name(json_key::player_count), "playerCount");
}

TEST(JsonReader, TooDeepIsReportedAsSuch) {
    detail::json_value root;
    detail::json_fields fields;
    detail::json_error error;
    EXPECT_FALSE(detail::parse_json("[[[1]]]", 2, root, fields, error));
    EXPECT_EQ(error.what, detail::json_error::kind::too_deep);
    EXPECT_TRUE(detail::parse_json("[[1]]", 2, root, fields, error));
}

} // namespace
} // namespace csc::protocol
