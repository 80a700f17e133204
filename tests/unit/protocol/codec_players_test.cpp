// Feature `players` on the wire: players lists, whispers, whisper statuses and the
// playerId field round-trip; extension fields stay off for peers that did not announce
// them; malformed, oversized and wrongly typed lists are refused with a named field.
#include "csc/protocol/codec.hpp"

#include "csc/protocol/errc.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace csc::protocol {
namespace {

using json = nlohmann::json;

players sample_list() {
    return {3, {{"0b7e-11", "Alice"}, {"", "B\xC3\xB6rk \"q\" \\"}, {"ff-22", "\xE6\x97\xA5"}}};
}

whisper sample_whisper() {
    return {2, 5, "id-a", "Alice", "id-b", "Bob", "hi &lt;3", true};
}

whisper_status sample_status() {
    return {5, 2, "id-a", "Alice", "id-b", "Bob", whisper_result::offline};
}

void expect_round_trip(const packet& p) {
    const std::string line = encode(p);
    const decode_result r = decode(line);
    ASSERT_TRUE(r) << r.detail << "\n" << line;
    EXPECT_EQ(r.value, p) << line;
}

decode_result decode_json(const json& j) { return decode(j.dump()); }

TEST(CodecPlayers, RoundTripsEveryNewPacket) {
    expect_round_trip(sample_list());
    expect_round_trip(players{7, {}});
    expect_round_trip(sample_whisper());
    expect_round_trip(whisper{1, 0, "", "A", "", "B", "", false});
    expect_round_trip(sample_status());
    for (const auto r : {whisper_result::delivered, whisper_result::unsupported}) {
        auto s = sample_status();
        s.status = r;
        expect_round_trip(s);
    }
}

TEST(CodecPlayers, WireFieldNames) {
    const json list = json::parse(encode(sample_list()));
    EXPECT_EQ(list.at("type"), "players");
    EXPECT_EQ(list.at("identifier"), 3);
    ASSERT_EQ(list.at("players").size(), 3U);
    EXPECT_EQ(list.at("players")[0], (json{{"id", "0b7e-11"}, {"name", "Alice"}}));

    const json w = json::parse(encode(sample_whisper()));
    EXPECT_EQ(w, (json{{"type", "whisper"}, {"identifier", 2}, {"target", 5}, {"fromId", "id-a"},
                       {"fromName", "Alice"}, {"toId", "id-b"}, {"toName", "Bob"},
                       {"content", "hi &lt;3"}, {"sanitized", true}}));

    const json s = json::parse(encode(sample_status()));
    EXPECT_EQ(s, (json{{"type", "whisperStatus"}, {"identifier", 5}, {"target", 2},
                       {"fromId", "id-a"}, {"fromName", "Alice"}, {"toId", "id-b"},
                       {"toName", "Bob"}, {"status", "offline"}}));
}

TEST(CodecPlayers, EmptyOptionalIdsAreNotWritten) {
    const json w = json::parse(encode(whisper{1, 0, "", "A", "", "B", "x", false}));
    EXPECT_FALSE(w.contains("fromId"));
    EXPECT_FALSE(w.contains("toId"));
    EXPECT_FALSE(w.contains("sanitized"));
}

TEST(CodecPlayers, PlayerIdOnlyWithExtensionsAndPlayerIds) {
    const std::vector<packet> packets = {join{1, "Al", "id-1"}, leave{1, "Al", "id-1"},
                                         message{1, "Al", "hi", false, "id-1"}};
    for (const auto& p : packets) {
        SCOPED_TRACE(std::string(type_name(p)));
        EXPECT_EQ(json::parse(encode(p)).at("playerId"), "id-1");
        expect_round_trip(p);
        EXPECT_FALSE(json::parse(encode(p, {.extensions = false})).contains("playerId"));
        EXPECT_FALSE(
            json::parse(encode(p, {.extensions = true, .player_ids = false})).contains("playerId"));
    }
    EXPECT_FALSE(json::parse(encode(join{1, "Al"})).contains("playerId"));
}

TEST(CodecPlayers, PlayerIdIsOptionalButMustBeAString) {
    auto r = decode(R"({"type":"join","identifier":1,"username":"Al"})");
    ASSERT_TRUE(r);
    EXPECT_TRUE(std::get<join>(r.value).player_id.empty());
    r = decode(R"({"type":"message","identifier":1,"username":"Al","content":"x","playerId":5})");
    EXPECT_EQ(r.error, make_error_code(errc::wrong_type));
    EXPECT_NE(r.detail.find("playerId"), std::string::npos) << r.detail;
}

TEST(CodecPlayers, UnknownStatusDecodesAsUnknown) {
    json s = json::parse(encode(sample_status()));
    s["status"] = "teleported";
    const auto r = decode_json(s);
    ASSERT_TRUE(r) << r.detail;
    EXPECT_EQ(std::get<whisper_status>(r.value).status, whisper_result::unknown);
    EXPECT_EQ(whisper_result_from("delivered"), whisper_result::delivered);
    EXPECT_EQ(to_string(whisper_result::unsupported), "unsupported");
}

TEST(CodecPlayers, AcceptsAListAtTheCap) {
    players p{1, {}};
    for (std::size_t i = 0; i < max_players; ++i) {
        p.list.push_back({std::to_string(i), "p" + std::to_string(i)});
    }
    expect_round_trip(p);
}

struct bad_case {
    std::string name;
    json input;
    errc expected;
    std::string mentions;
};

TEST(CodecPlayers, RefusesMalformedPackets) {
    json too_many = json::array();
    for (std::size_t i = 0; i <= max_players; ++i) {
        too_many.push_back({{"id", ""}, {"name", "p"}});
    }
    const json base_list = json::parse(encode(sample_list()));
    const json base_whisper = json::parse(encode(sample_whisper()));
    const json base_status = json::parse(encode(sample_status()));
    auto with = [](json j, const std::string& key, json value) {
        j[key] = std::move(value);
        return j;
    };
    auto without = [](json j, const std::string& key) {
        j.erase(key);
        return j;
    };
    const std::vector<bad_case> cases = {
        {"list missing", without(base_list, "players"), errc::missing_field, "players"},
        {"list is a string", with(base_list, "players", "Alice"), errc::wrong_type, "players"},
        {"list is an object", with(base_list, "players", json::object()), errc::wrong_type,
         "players"},
        {"entry is a string", with(base_list, "players", json::array({"Alice"})),
         errc::wrong_type, "players"},
        {"entry without name", with(base_list, "players", json::array({{{"id", "x"}}})),
         errc::missing_field, "name"},
        {"entry without id", with(base_list, "players", json::array({{{"name", "x"}}})),
         errc::missing_field, "id"},
        {"entry name is a number",
         with(base_list, "players", json::array({{{"id", "x"}, {"name", 3}}})), errc::wrong_type,
         "name"},
        {"entry id is null",
         with(base_list, "players", json::array({{{"id", nullptr}, {"name", "x"}}})),
         errc::wrong_type, "id"},
        {"too many entries", with(base_list, "players", too_many), errc::out_of_range,
         "players"},
        {"list identifier negative", with(base_list, "identifier", -1), errc::out_of_range,
         "identifier"},
        {"whisper without target", without(base_whisper, "target"), errc::missing_field,
         "target"},
        {"whisper target a string", with(base_whisper, "target", "5"), errc::wrong_type,
         "target"},
        {"whisper without content", without(base_whisper, "content"), errc::missing_field,
         "content"},
        {"whisper without toName", without(base_whisper, "toName"), errc::missing_field,
         "toName"},
        {"whisper fromId a number", with(base_whisper, "fromId", 1), errc::wrong_type, "fromId"},
        {"status without status", without(base_status, "status"), errc::missing_field,
         "status"},
        {"status is a number", with(base_status, "status", 1), errc::wrong_type, "status"},
        {"status without fromName", without(base_status, "fromName"), errc::missing_field,
         "fromName"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        decode_result r;
        ASSERT_NO_THROW(r = decode_json(c.input));
        EXPECT_FALSE(r);
        EXPECT_EQ(r.error, make_error_code(c.expected)) << r.detail;
        EXPECT_NE(r.detail.find(c.mentions), std::string::npos) << r.detail;
    }
}

TEST(CodecPlayers, TypeNameAndOrigin) {
    EXPECT_EQ(type_name(sample_list()), "players");
    EXPECT_EQ(type_name(sample_whisper()), "whisper");
    EXPECT_EQ(type_name(sample_status()), "whisperStatus");
    EXPECT_EQ(origin_of(sample_list()), 3);
    EXPECT_EQ(origin_of(sample_whisper()), 2);
    EXPECT_EQ(origin_of(sample_status()), 5);
}

} // namespace
} // namespace csc::protocol
