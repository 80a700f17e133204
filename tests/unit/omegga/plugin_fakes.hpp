#pragma once
// Fakes for driving the Omegga adapter without sockets or clocks: a line_port that
// records lines (flushes complete only when the test says so), a hand-driven
// scheduler, and a chat_node that records what the adapter asked of it.

#include "csc/core/chat_node.hpp"
#include "csc/omegga/line_port.hpp"
#include "csc/omegga/plugin.hpp"
#include "csc/omegga/scheduler.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace csc::omegga::test {

using json = nlohmann::json;

class fake_line_port final : public line_port {
public:
    void send_line(std::string line) override { lines.push_back(std::move(line)); }
    void flush(std::function<void()> done) override { flushes.push_back(std::move(done)); }
    bool is_open() const override { return open; }

    /// Completes every pending flush, in order.
    void complete_flushes() {
        auto pending = std::move(flushes);
        flushes.clear();
        for (auto& done : pending) {
            done();
        }
    }
    /// Every line parsed as JSON.
    std::vector<json> messages() const;
    /// The params (or `line`) of every notification of `method`, in order.
    std::vector<json> notifications(const std::string& method) const;
    /// Lines of every `broadcast`.
    std::vector<std::string> broadcasts() const;
    /// Lines whispered to `target`.
    std::vector<std::string> whispers(const std::string& target) const;
    /// The response with this id, or null.
    json response(const json& id) const;

    std::vector<std::string> lines;
    std::vector<std::function<void()>> flushes;
    bool open = true;
};

class fake_scheduler final : public scheduler {
public:
    clock::time_point now() const override { return now_; }
    void call_after(std::chrono::milliseconds delay, std::function<void()> fn) override {
        timers_.push_back({now_ + delay, std::move(fn)});
    }
    /// Moves the clock on and runs every callback that became due, in due order.
    void advance(std::chrono::milliseconds by);
    std::size_t pending() const noexcept { return timers_.size(); }

private:
    struct timer {
        clock::time_point due;
        std::function<void()> fn;
    };
    clock::time_point now_{};
    std::vector<timer> timers_;
};

struct node_calls {
    bool started = false;
    int stops = 0;
    std::vector<std::chrono::milliseconds> reconnects;
    std::vector<std::int64_t> player_counts;
    std::vector<std::string> joins;
    std::vector<std::string> leaves;
    struct sent_message {
        std::string user, content;
        bool sanitized = false;
    };
    std::vector<sent_message> messages;
    /// The delivery identity the factory was given.
    std::string server_id;
    std::uint64_t session = 0;
    std::string resume_epoch;
    std::uint64_t resume_position = 0;
    std::vector<core::player> player_joins;  ///< send_player_join
    std::vector<core::player> player_leaves; ///< send_player_leave
    std::vector<std::string> message_ids;    ///< player id of each send_player_message
    std::vector<std::vector<core::player>> player_lists;
    std::vector<protocol::whisper> whispers;
    std::vector<protocol::whisper_status> statuses;
};

class fake_node final : public core::chat_node {
public:
    fake_node(node_calls& calls, core::chat_events& events, bool host)
        : calls_(calls), events_(events), host_(host) {}

    void start() override { calls_.started = true; }
    void stop() override;
    void reconnect(std::chrono::milliseconds delay) override { calls_.reconnects.push_back(delay); }
    void set_player_count(std::int64_t count) override { calls_.player_counts.push_back(count); }
    void send_join(const std::string& u) override { calls_.joins.push_back(u); }
    void send_leave(const std::string& u) override { calls_.leaves.push_back(u); }
    void send_message(const std::string& u, const std::string& c, bool s) override {
        calls_.messages.push_back({u, c, s});
    }
    void send_players(const std::vector<core::player>& list) override {
        calls_.player_lists.push_back(list);
    }
    void send_player_join(const core::player& p) override {
        calls_.player_joins.push_back(p);
        send_join(p.name);
    }
    void send_player_leave(const core::player& p) override {
        calls_.player_leaves.push_back(p);
        send_leave(p.name);
    }
    void send_player_message(const core::player& p, const std::string& c, bool s) override {
        calls_.message_ids.push_back(p.id);
        send_message(p.name, c, s);
    }
    void send_whisper(protocol::whisper w) override { calls_.whispers.push_back(std::move(w)); }
    void send_whisper_status(protocol::whisper_status s) override {
        calls_.statuses.push_back(std::move(s));
    }
    bool players_supported() const override { return supported; }
    const core::player_directory& players() const override { return player_lists; }
    protocol::identifier own_id() const override { return host_ ? 0 : 7; }
    const core::server_directory& servers() const override { return directory; }
    protocol::identifier host_id() const override { return 0; }
    bool is_host() const override { return host_; }
    std::size_t pending_outbox() const override { return outbox; }
    void when_drained(std::function<void()> done) override;

    /// Empties the outbox and calls the when_drained waiters.
    void drain();

    core::server_directory directory;
    std::size_t outbox = 0; ///< what pending_outbox() reports
    std::vector<std::function<void()>> drain_waiters;
    core::player_directory player_lists;
    bool supported = true;

private:
    node_calls& calls_;
    core::chat_events& events_;
    bool host_;
};

/// A plugin wired to the fakes; `host` picks the role of the fake node.
struct harness {
    explicit harness(bool host = false);

    /// Sends one JSON value to the plugin as a line.
    void send(const json& message) { plugin.on_line(message.dump()); }
    void notify(const std::string& method, json params);
    void request(int id, const std::string& method, json params);
    /// The ids and params of every request of `method` the plugin sent, in order.
    std::vector<std::pair<json, json>> requests(const std::string& method) const;
    /// Answers one of the plugin's requests.
    void answer(const json& id, json result);
    /// Sends `init` with this config (id 1), answers the store requests it makes, and returns
    /// the response.
    json init(json config = json::object());
    /// Answers every `store.get` / `store.set` request not answered yet from `store` (until
    /// none is left); returns how many it answered.
    std::size_t answer_store();
    /// `/csc ARGS...` typed by `player`.
    void command(const std::string& player, const std::vector<std::string>& args);
    /// The last whisper to `to` (empty: none).
    std::string last_whisper(const std::string& to) const;

    /// Omegga's plugin store as answer_store() keeps it.
    std::map<std::string, json> store;
    std::size_t store_scanned = 0; ///< lines of `port` already looked at by answer_store()

    fake_line_port port;
    fake_scheduler sched;
    node_calls calls;
    fake_node* node = nullptr; ///< owned by the plugin once built
    bool host;
    omegga::plugin plugin;
};

} // namespace csc::omegga::test
