#pragma once
// A sans-I/O JSON-RPC 2.0 peer over lines, as Omegga speaks it on stdio.
//
// It classifies incoming lines, builds outgoing lines (always one line of JSON),
// and keeps the table of our pending requests with their deadlines. Time is
// passed in, so tests drive it without clocks; nothing here throws on bad input.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace csc::omegga::jsonrpc {

/// Standard JSON-RPC 2.0 error codes, plus ours for a request that got no answer.
namespace code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
/// Ours: no response arrived before the request's deadline.
inline constexpr int timed_out = -32000;
/// Ours: the peer went away (or we stopped) before the response arrived.
inline constexpr int cancelled = -32001;
} // namespace code

/// The `error` member of a response.
struct error {
    int code = code::internal_error;
    std::string message;
    nlohmann::json data; ///< null when absent
};

/// What an incoming line is.
enum class kind { request, notification, response, invalid };

/// One classified incoming line.
struct message {
    kind type = kind::invalid;
    /// request/response: the id (integer, string or null); invalid: the id if one was readable.
    nlohmann::json id;
    /// request/notification: the method name.
    std::string method;
    /// request/notification: the params (null when absent).
    nlohmann::json params;
    /// response: the result (null when absent or on error).
    nlohmann::json result;
    /// response: the error, if the response carries one.
    std::optional<error> failure;
    /// invalid: why, and the error code an answer should carry.
    std::string problem;
    int problem_code = code::invalid_request;

    /// True for an invalid line that carried a usable id, so it deserves an error answer.
    bool answerable() const;
};

/// Classifies one line; never throws.
message parse(std::string_view line);

/// The JSON text of `value` on one line (invalid UTF-8 replaced, never throws).
std::string dump_line(const nlohmann::json& value);

/// A notification line.
std::string notification_line(std::string_view method, nlohmann::json params);
/// A success response line (`result` is always present, null is fine).
std::string result_line(const nlohmann::json& id, nlohmann::json result);
/// An error response line.
std::string error_line(const nlohmann::json& id, int code, std::string_view message);

/// What our caller gets back for a request: a result or an error.
struct reply {
    nlohmann::json result;
    std::optional<error> failure;
    bool ok() const noexcept { return !failure.has_value(); }
};

/// Our side of requests: fresh ids, pending table, deadlines.
class peer {
public:
    using clock = std::chrono::steady_clock;
    using handler = std::function<void(const reply&)>;

    /// Builds a request line with a fresh integer id and remembers `on_reply` until `deadline`.
    std::string request(std::string_view method, nlohmann::json params, clock::time_point deadline,
                        handler on_reply);

    /// Delivers a classified response to its pending request; false if no request has that id.
    bool complete(const message& response);

    /// Fails every pending request whose deadline is at or before `now`; returns how many.
    std::size_t expire(clock::time_point now);

    /// Fails every pending request (e.g. the other side went away); returns how many.
    std::size_t cancel_all(std::string_view why);

    /// The earliest deadline of a pending request.
    std::optional<clock::time_point> next_deadline() const;

    /// Requests still waiting for an answer.
    std::size_t pending() const noexcept { return pending_.size(); }

private:
    struct entry {
        clock::time_point deadline;
        std::string method;
        handler on_reply;
    };
    /// Removes the entry first, then calls it, so handlers may send new requests.
    void finish(std::map<std::int64_t, entry>::iterator it, const reply& r);

    std::int64_t next_id_ = 1;
    std::map<std::int64_t, entry> pending_;
};

} // namespace csc::omegga::jsonrpc
