#include "csc/omegga/jsonrpc.hpp"

#include "csc/protocol/json_depth.hpp"

#include <utility>
#include <vector>

namespace csc::omegga::jsonrpc {

namespace {

using json = nlohmann::json;

bool is_usable_id(const json& id) { return id.is_number_integer() || id.is_string(); }

/// Deepest array/object nesting a line may have. Printing, copying and comparing a JSON value
/// recurse once per level, so a deeper line (stdin lines may be 1 MiB) would overflow the stack.
constexpr int max_nesting = 64;

/// True when `text` nests arrays/objects (outside strings) deeper than max_nesting.
bool nested_too_deep(std::string_view text) {
    return protocol::json_nesting_depth(text, max_nesting) > max_nesting;
}

message invalid(std::string problem, int problem_code, json id = nullptr) {
    message m;
    m.type = kind::invalid;
    m.problem = std::move(problem);
    m.problem_code = problem_code;
    m.id = std::move(id);
    return m;
}

error read_error(const json& value) {
    error e;
    if (!value.is_object()) {
        e.message = "malformed error: " + dump_line(value);
        return e;
    }
    if (auto it = value.find("code"); it != value.end() && it->is_number_integer()) {
        e.code = it->get<int>();
    }
    if (auto it = value.find("message"); it != value.end() && it->is_string()) {
        e.message = it->get<std::string>();
    }
    if (auto it = value.find("data"); it != value.end()) {
        e.data = *it;
    }
    return e;
}

message classify(json&& doc) {
    if (!doc.is_object()) {
        return invalid("not a JSON-RPC object", code::invalid_request);
    }
    json id = nullptr;
    const auto id_it = doc.find("id");
    const bool has_id = id_it != doc.end();
    if (has_id && (is_usable_id(*id_it) || id_it->is_null())) {
        id = *id_it;
    }
    const auto version = doc.find("jsonrpc");
    if (version == doc.end() || !version->is_string() || version->get<std::string>() != "2.0") {
        return invalid("missing or wrong \"jsonrpc\" member (must be \"2.0\")",
                       code::invalid_request, std::move(id));
    }
    if (has_id && !is_usable_id(*id_it) && !id_it->is_null()) {
        return invalid("id must be an integer, a string or null", code::invalid_request);
    }

    if (const auto method = doc.find("method"); method != doc.end()) {
        if (!method->is_string()) {
            return invalid("\"method\" must be a string", code::invalid_request, std::move(id));
        }
        message m;
        m.type = has_id ? kind::request : kind::notification;
        m.id = std::move(id);
        m.method = method->get<std::string>();
        if (auto params = doc.find("params"); params != doc.end()) {
            m.params = std::move(*params);
        }
        return m;
    }

    const auto result = doc.find("result");
    const auto err = doc.find("error");
    if (result == doc.end() && err == doc.end()) {
        return invalid("neither a request nor a response", code::invalid_request, std::move(id));
    }
    if (!has_id) {
        return invalid("response without an id", code::invalid_request);
    }
    message m;
    m.type = kind::response;
    m.id = std::move(id);
    if (err != doc.end() && !err->is_null()) {
        m.failure = read_error(*err);
    } else if (result != doc.end()) {
        m.result = std::move(*result);
    }
    return m;
}

} // namespace

bool message::answerable() const { return type == kind::invalid && is_usable_id(id); }

message parse(std::string_view line) {
    try {
        if (nested_too_deep(line)) {
            return invalid("nested deeper than " + std::to_string(max_nesting) + " levels",
                           code::parse_error);
        }
        json doc = json::parse(line, nullptr, false);
        if (doc.is_discarded()) {
            return invalid("not valid JSON", code::parse_error);
        }
        return classify(std::move(doc));
    } catch (const std::exception& e) {
        return invalid(std::string("unreadable line: ") + e.what(), code::parse_error);
    }
}

std::string dump_line(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string notification_line(std::string_view method, json params) {
    json doc = {{"jsonrpc", "2.0"}, {"method", method}};
    doc["params"] = std::move(params);
    return dump_line(doc);
}

std::string result_line(const json& id, json result) {
    json doc = {{"jsonrpc", "2.0"}, {"id", id}};
    doc["result"] = std::move(result);
    return dump_line(doc);
}

std::string error_line(const json& id, int code, std::string_view message) {
    json doc = {{"jsonrpc", "2.0"}, {"id", id}};
    doc["error"] = {{"code", code}, {"message", message}};
    return dump_line(doc);
}

std::string peer::request(std::string_view method, json params, clock::time_point deadline,
                          handler on_reply) {
    const std::int64_t id = next_id_++;
    json doc = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    doc["params"] = std::move(params);
    pending_.emplace(id, entry{deadline, std::string(method), std::move(on_reply)});
    return dump_line(doc);
}

bool peer::complete(const message& response) {
    if (response.type != kind::response || !response.id.is_number_integer()) {
        return false;
    }
    const auto it = pending_.find(response.id.get<std::int64_t>());
    if (it == pending_.end()) {
        return false;
    }
    reply r;
    r.result = response.result;
    r.failure = response.failure;
    finish(it, r);
    return true;
}

std::size_t peer::expire(clock::time_point now) {
    std::vector<std::int64_t> due;
    for (const auto& [id, e] : pending_) {
        if (e.deadline <= now) {
            due.push_back(id);
        }
    }
    for (const std::int64_t id : due) {
        if (auto it = pending_.find(id); it != pending_.end()) {
            reply r;
            r.failure = error{code::timed_out, "no answer to \"" + it->second.method + "\" in time", nullptr};
            finish(it, r);
        }
    }
    return due.size();
}

std::size_t peer::cancel_all(std::string_view why) {
    std::size_t count = 0;
    while (!pending_.empty()) {
        reply r;
        r.failure = error{code::cancelled, std::string(why), nullptr};
        finish(pending_.begin(), r);
        ++count;
    }
    return count;
}

std::optional<peer::clock::time_point> peer::next_deadline() const {
    std::optional<clock::time_point> earliest;
    for (const auto& [id, e] : pending_) {
        if (!earliest || e.deadline < *earliest) {
            earliest = e.deadline;
        }
    }
    return earliest;
}

void peer::finish(std::map<std::int64_t, entry>::iterator it, const reply& r) {
    handler on_reply = std::move(it->second.on_reply);
    pending_.erase(it);
    if (on_reply) {
        on_reply(r);
    }
}

} // namespace csc::omegga::jsonrpc
