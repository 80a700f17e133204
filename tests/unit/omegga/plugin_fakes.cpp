#include "plugin_fakes.hpp"

#include <algorithm>

namespace csc::omegga::test {

std::vector<json> fake_line_port::messages() const {
    std::vector<json> out;
    for (const std::string& line : lines) {
        out.push_back(json::parse(line));
    }
    return out;
}

std::vector<json> fake_line_port::notifications(const std::string& method) const {
    std::vector<json> out;
    for (const json& m : messages()) {
        if (!m.contains("id") && m.value("method", "") == method) {
            out.push_back(m.at("params"));
        }
    }
    return out;
}

std::vector<std::string> fake_line_port::broadcasts() const {
    std::vector<std::string> out;
    for (const json& p : notifications("broadcast")) {
        out.push_back(p.get<std::string>());
    }
    return out;
}

std::vector<std::string> fake_line_port::whispers(const std::string& target) const {
    std::vector<std::string> out;
    for (const json& p : notifications("whisper")) {
        if (p.at("target") == target) {
            out.push_back(p.at("line").get<std::string>());
        }
    }
    return out;
}

json fake_line_port::response(const json& id) const {
    for (const json& m : messages()) {
        if (m.contains("id") && m.at("id") == id && !m.contains("method")) {
            return m;
        }
    }
    return nullptr;
}

void fake_scheduler::advance(std::chrono::milliseconds by) {
    now_ += by;
    for (;;) {
        auto due = std::min_element(timers_.begin(), timers_.end(),
                                    [](const timer& a, const timer& b) { return a.due < b.due; });
        if (due == timers_.end() || due->due > now_) {
            return;
        }
        auto fn = std::move(due->fn);
        timers_.erase(due);
        fn();
    }
}

void fake_node::stop() {
    // A link's close makes it report the network as left, as the original's close handler did.
    if (calls_.stops++ == 0 && calls_.started && !host_) {
        events_.on_network_left();
    }
}

void fake_node::when_drained(std::function<void()> done) {
    if (outbox == 0) {
        done();
    } else {
        drain_waiters.push_back(std::move(done));
    }
}

void fake_node::drain() {
    outbox = 0;
    auto waiters = std::move(drain_waiters);
    drain_waiters.clear();
    for (auto& done : waiters) {
        done();
    }
}

harness::harness(bool is_host)
    : host(is_host),
      plugin(port, sched,
             [this](const plugin_config& config, core::chat_events& events, core::logger&) {
                 calls.server_id = config.server_id;
                 calls.session = config.session;
                 calls.resume_epoch = config.resume_epoch;
                 calls.resume_position = config.resume_position;
                 auto made = std::make_unique<fake_node>(calls, events, host);
                 node = made.get();
                 return std::unique_ptr<core::chat_node>(std::move(made));
             }) {}

void harness::notify(const std::string& method, json params) {
    send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void harness::request(int id, const std::string& method, json params) {
    json m{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) {
        m["params"] = std::move(params);
    }
    send(m);
}

std::vector<std::pair<json, json>> harness::requests(const std::string& method) const {
    std::vector<std::pair<json, json>> out;
    for (const json& m : port.messages()) {
        if (m.contains("id") && m.value("method", "") == method) {
            out.emplace_back(m.at("id"), m.value("params", json()));
        }
    }
    return out;
}

void harness::answer(const json& id, json result) {
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

json harness::init(json config) {
    request(1, "init", std::move(config));
    answer_store();
    return port.response(1);
}

std::size_t harness::answer_store() {
    std::size_t answered = 0;
    while (store_scanned < port.lines.size()) {
        const json m = json::parse(port.lines[store_scanned++]);
        const std::string method = m.value("method", "");
        if (!m.contains("id") || (method != "store.get" && method != "store.set")) {
            continue;
        }
        json result = nullptr;
        if (method == "store.get") {
            const auto it = store.find(m.at("params").get<std::string>());
            result = it == store.end() ? json(nullptr) : it->second;
        } else {
            store[m.at("params").at(0).get<std::string>()] = m.at("params").at(1);
        }
        ++answered;
        send(json{{"jsonrpc", "2.0"}, {"id", m.at("id")}, {"result", result}});
    }
    return answered;
}

void harness::command(const std::string& player, const std::vector<std::string>& args) {
    json params = json::array({player});
    for (const auto& a : args) {
        params.push_back(a);
    }
    notify("cmd:csc", params);
}

std::string harness::last_whisper(const std::string& to) const {
    const auto all = port.whispers(to);
    return all.empty() ? std::string() : all.back();
}

} // namespace csc::omegga::test
