#include "csc/omegga/jsonrpc.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace csc::omegga::jsonrpc;
using json = nlohmann::json;
using std::chrono::seconds;
using time_point = peer::clock::time_point;

TEST(JsonRpcParse, ClassifiesRequestsNotificationsAndResponses) {
    message req = parse(R"({"jsonrpc":"2.0","id":7,"method":"init","params":{"port":1}})");
    EXPECT_EQ(req.type, kind::request);
    EXPECT_EQ(req.id, 7);
    EXPECT_EQ(req.method, "init");
    EXPECT_EQ(req.params, json({{"port", 1}}));

    message stop = parse(R"({"jsonrpc":"2.0","id":"s","method":"stop"})");
    EXPECT_EQ(stop.type, kind::request);
    EXPECT_EQ(stop.id, "s");
    EXPECT_TRUE(stop.params.is_null());

    message note = parse(R"({"jsonrpc":"2.0","method":"chat","params":["a","b"]})");
    EXPECT_EQ(note.type, kind::notification);
    EXPECT_EQ(note.params, json::array({"a", "b"}));

    message ok = parse(R"({"jsonrpc":"2.0","id":3,"result":null})");
    EXPECT_EQ(ok.type, kind::response);
    EXPECT_FALSE(ok.failure.has_value());

    message bad = parse(R"({"jsonrpc":"2.0","id":4,"error":{"code":-1,"message":"no"}})");
    EXPECT_EQ(bad.type, kind::response);
    ASSERT_TRUE(bad.failure.has_value());
    EXPECT_EQ(bad.failure->code, -1);
    EXPECT_EQ(bad.failure->message, "no");
}

struct malformed_case {
    const char* line;
    int code;
    bool answerable;
};

TEST(JsonRpcParse, MalformedLinesAreInvalidAndAnsweredOnlyWithAnId) {
    const std::vector<malformed_case> cases = {
        {"", code::parse_error, false},
        {"not json", code::parse_error, false},
        {R"({"jsonrpc":"2.0","id":1,"method":)", code::parse_error, false},
        {"\xff\xfe", code::parse_error, false},
        {"[1,2,3]", code::invalid_request, false},
        {"42", code::invalid_request, false},
        {R"({"id":1,"method":"init"})", code::invalid_request, true},
        {R"({"jsonrpc":"1.0","id":"x","method":"init"})", code::invalid_request, true},
        {R"({"jsonrpc":"2.0","id":2,"method":5})", code::invalid_request, true},
        {R"({"jsonrpc":"2.0","id":3})", code::invalid_request, true},
        {R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})", code::invalid_request, false},
        {R"({"jsonrpc":"2.0","result":1})", code::invalid_request, false},
        {R"({"jsonrpc":"2.0","method":7})", code::invalid_request, false},
    };
    for (const malformed_case& c : cases) {
        SCOPED_TRACE(c.line);
        message m = parse(c.line);
        EXPECT_EQ(m.type, kind::invalid);
        EXPECT_EQ(m.problem_code, c.code);
        EXPECT_FALSE(m.problem.empty());
        EXPECT_EQ(m.answerable(), c.answerable);
    }
}

TEST(JsonRpcParse, MalformedErrorMemberStillFailsTheRequest) {
    message m = parse(R"({"jsonrpc":"2.0","id":1,"error":"boom"})");
    EXPECT_EQ(m.type, kind::response);
    ASSERT_TRUE(m.failure.has_value());
    EXPECT_EQ(m.failure->code, code::internal_error);
}

TEST(JsonRpcLines, AreSingleLineJsonWithResultOrError) {
    const std::string note = notification_line("broadcast", "a\nb");
    EXPECT_EQ(note.find('\n'), std::string::npos);
    EXPECT_EQ(json::parse(note), json({{"jsonrpc", "2.0"}, {"method", "broadcast"}, {"params", "a\nb"}}));

    const json ok = json::parse(result_line(5, nullptr));
    EXPECT_TRUE(ok.contains("result"));
    EXPECT_TRUE(ok.at("result").is_null());
    EXPECT_EQ(ok.at("id"), 5);

    const json err = json::parse(error_line("x", code::method_not_found, "nope"));
    EXPECT_EQ(err.at("error").at("code"), code::method_not_found);
    EXPECT_EQ(err.at("error").at("message"), "nope");
    EXPECT_FALSE(err.contains("result"));
}

TEST(JsonRpcLines, InvalidUtf8IsReplacedNotThrown) {
    std::string line;
    EXPECT_NO_THROW(line = notification_line("log", std::string("bad \xff byte")));
    EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded());
}

TEST(JsonRpcPeer, GivesFreshIntegerIdsAndRoutesResults) {
    peer p;
    std::vector<json> results;
    const json first = json::parse(p.request("player.get", "ann", time_point{} + seconds(5),
                                             [&](const reply& r) { results.push_back(r.result); }));
    const json second = json::parse(p.request("getPlayers", nullptr, time_point{} + seconds(5),
                                              [&](const reply& r) { results.push_back(r.result); }));
    ASSERT_TRUE(first.at("id").is_number_integer());
    EXPECT_NE(first.at("id"), second.at("id"));
    EXPECT_EQ(first.at("method"), "player.get");
    EXPECT_EQ(first.at("params"), "ann");
    EXPECT_EQ(p.pending(), 2U);

    json answer = {{"jsonrpc", "2.0"}, {"id", second.at("id")}, {"result", {{"n", 2}}}};
    EXPECT_TRUE(p.complete(parse(answer.dump())));
    EXPECT_FALSE(p.complete(parse(answer.dump()))) << "a second answer is not routed";
    ASSERT_EQ(results.size(), 1U);
    EXPECT_EQ(results[0], json({{"n", 2}}));
    EXPECT_EQ(p.pending(), 1U);
}

TEST(JsonRpcPeer, ErrorResponsesReachTheCallerAsErrors) {
    peer p;
    std::optional<reply> got;
    const json req = json::parse(p.request("player.get", "x", time_point{} + seconds(5),
                                           [&](const reply& r) { got = r; }));
    json answer = {{"jsonrpc", "2.0"}, {"id", req.at("id")},
                   {"error", {{"code", -32603}, {"message", "no such player"}}}};
    EXPECT_TRUE(p.complete(parse(answer.dump())));
    ASSERT_TRUE(got.has_value());
    EXPECT_FALSE(got->ok());
    EXPECT_EQ(got->failure->message, "no such player");
}

TEST(JsonRpcPeer, ExpireFailsOnlyRequestsPastTheirDeadline) {
    peer p;
    std::vector<int> codes;
    auto record = [&](const reply& r) { codes.push_back(r.ok() ? 0 : r.failure->code); };
    (void)p.request("a", nullptr, time_point{} + seconds(1), record);
    (void)p.request("b", nullptr, time_point{} + seconds(3), record);
    EXPECT_EQ(p.next_deadline(), time_point{} + seconds(1));
    EXPECT_EQ(p.expire(time_point{}), 0U);
    EXPECT_EQ(p.expire(time_point{} + seconds(2)), 1U);
    EXPECT_EQ(codes, std::vector<int>{code::timed_out});
    EXPECT_EQ(p.pending(), 1U);
    EXPECT_EQ(p.cancel_all("bye"), 1U);
    EXPECT_EQ(codes, (std::vector<int>{code::timed_out, code::cancelled}));
    EXPECT_FALSE(p.next_deadline().has_value());
}

TEST(JsonRpcPeer, ResponsesThatMatchNothingAreIgnored) {
    peer p;
    EXPECT_FALSE(p.complete(parse(R"({"jsonrpc":"2.0","id":99,"result":1})")));
    EXPECT_FALSE(p.complete(parse(R"({"jsonrpc":"2.0","id":"1","result":1})")));
    EXPECT_FALSE(p.complete(parse(R"({"jsonrpc":"2.0","method":"x"})")));
}

} // namespace
