#include "csc/omegga/plugin.hpp"

#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/sanitize.hpp"

#include <exception>
#include <unordered_set>
#include <utility>
#include <vector>

namespace csc::omegga {

namespace {

using json = nlohmann::json;

/// Longest excerpt of a bad line that we echo into the log.
constexpr std::size_t max_logged_excerpt = 200;

server_style style_of(const core::server& s) {
    return server_style{s.info.color, s.info.prefix, s.info.name};
}

/// The first element of an array of params, or null.
const json& first_param(const json& params) {
    static const json null_value;
    if (params.is_array() && !params.empty()) {
        return params.front();
    }
    return null_value;
}

std::string excerpt(std::string_view line) {
    if (line.size() <= max_logged_excerpt) {
        return std::string(line);
    }
    return std::string(line.substr(0, max_logged_excerpt)) + "...";
}

} // namespace

plugin::plugin(line_port& port, scheduler& sched, node_factory factory, plugin_settings settings)
    : port_(port), sched_(sched), factory_(std::move(factory)), settings_(settings), log_(port),
      store_(
          [this](std::string_view method, json params,
                 std::function<void(const jsonrpc::reply&)> on_reply) {
              request(method, std::move(params), std::move(on_reply));
          },
          log_) {}

plugin::~plugin() {
    alive_.reset();
    if (node_) {
        node_->stop();
    }
}

void plugin::on_line(std::string_view line) {
    jsonrpc::message m = jsonrpc::parse(line);
    try {
        switch (m.type) {
        case jsonrpc::kind::request: handle_request(m); break;
        case jsonrpc::kind::notification: handle_notification(m); break;
        case jsonrpc::kind::response:
            if (!rpc_.complete(m)) {
                log_.debug("ignored a response to no pending request: " + excerpt(line));
            }
            break;
        case jsonrpc::kind::invalid:
            log_.warn("ignored a malformed line from Omegga (" + m.problem + "): " + excerpt(line));
            if (m.answerable()) {
                send(jsonrpc::error_line(m.id, m.problem_code, m.problem));
            }
            break;
        }
    } catch (const std::exception& e) {
        log_.error("failed to handle \"" + m.method + "\": " + e.what());
        if (m.type == jsonrpc::kind::request) {
            send(jsonrpc::error_line(m.id, jsonrpc::code::internal_error, e.what()));
        }
    }
}

void plugin::shutdown() {
    stopped_ = true;
    if (node_) {
        node_->stop();
    }
    rpc_.cancel_all("the plugin is stopping");
}

void plugin::handle_request(const jsonrpc::message& m) {
    if (m.method == "init") {
        on_init(m.id, m.params);
    } else if (m.method == "stop") {
        on_stop(m.id);
    } else {
        send(jsonrpc::error_line(m.id, jsonrpc::code::method_not_found,
                                 "method not found: " + m.method));
    }
}

void plugin::handle_notification(const jsonrpc::message& m) {
    const std::string& method = m.method;
    if (method == "plugin:players:raw") {
        on_players(m.params);
    } else if (method == "bootstrap") {
        on_bootstrap(m.params);
    } else if (method == "chat") {
        on_chat(m.params);
    } else if (method == "join") {
        on_presence(m.params, true);
    } else if (method == "leave") {
        on_presence(m.params, false);
    } else if (method == "cmd:csc") {
        on_command(m.params);
    }
    // Every other event (start, host, mapchange, line, ...) is of no use to us.
}

void plugin::on_init(const json& id, const json& params) {
    const json& config = params.is_array() ? first_param(params) : params;
    if (!config.is_object()) {
        log_.warn("init carried no config object; using the defaults");
    }
    std::vector<std::string> problems;
    config_ = parse_config(config.is_object() ? config : json::object(), problems);
    for (const std::string& problem : problems) {
        log_.warn(problem);
    }
    muted_ = config_->muted;
    deafened_ = config_->deafened;
    restore_switches_from_store();
    flood_.configure(config_->chat_rate, config_->chat_burst);
    stopped_ = false;

    if (node_) {
        node_->stop();
        node_.reset();
    }
    if (!config_->delivery) {
        build_node(id);
        return;
    }
    // The node needs this server's id and session first: one store round trip (bounded by
    // request_timeout, under Omegga's 5 s for `init`).
    loading_identity_ = true;
    load_identity([this, id] { build_node(id); });
}

void plugin::build_node(const json& id) {
    loading_identity_ = false;
    if (!stopped_) {
        try {
            node_ = factory_(*config_, *this, log_);
            if (node_) {
                node_->set_player_count(player_count_);
                node_->start();
                node_->send_players(players_.online());
            }
        } catch (const std::exception& e) {
            log_.error(std::string("could not start cross-server chat: ") + e.what());
        }
    }
    send(jsonrpc::result_line(id, json{{"registeredCommands", json::array({"csc"})}}));
    // Our players' events that came while the store was asked, in their order.
    auto early = std::move(early_events_);
    early_events_.clear();
    for (auto& replay : early) {
        replay();
    }
}

void plugin::on_bootstrap(const json& params) {
    const json& info = first_param(params);
    if (!info.is_object()) {
        return;
    }
    if (auto it = info.find("verbose"); it != info.end() && it->is_boolean()) {
        log_.set_verbose(it->get<bool>());
    }
}

void plugin::on_players(const json& params) {
    const json& list = first_param(params);
    if (!list.is_array()) {
        log_.debug("plugin:players:raw without a player list");
        return;
    }
    std::int64_t count = 0;
    std::unordered_set<std::string> online;
    std::vector<core::player> players;
    for (const json& entry : list) {
        if (entry.is_array() && !entry.empty() && entry.front().is_string()) {
            ++count;
            online.insert(entry.front().get<std::string>());
            // [name, displayName, id, controller, state]
            std::string id = entry.size() > 2 && entry[2].is_string() ? entry[2].get<std::string>()
                                                                        : std::string();
            players.push_back(core::player{std::move(id), entry.front().get<std::string>()});
        }
    }
    player_count_ = count;
    flood_.retain_only(online); // forget the buckets of players who left
    if (node_) {
        node_->set_player_count(count);
    }
    on_player_list(std::move(players));
}

void plugin::on_chat(const json& params) {
    if (!params.is_array() || params.size() < 2 || !params[0].is_string() ||
        !params[1].is_string()) {
        log_.debug("chat event without [name, message]");
        return;
    }
    if (loading_identity_ && !node_ && !stopped_) {
        early_events_.push_back([this, params] { on_chat(params); });
        return;
    }
    if (muted_ || !node_ || stopped_) {
        return;
    }
    const std::string& player = params[0].get_ref<const std::string&>();
    switch (flood_.on_message(player, sched_.now())) {
    case chat_flood::verdict::send: break;
    case chat_flood::verdict::drop_and_tell:
        log_.info("player \"" + excerpt(player) + "\" is sending messages too fast; holding back "
                  "their chat until they slow down");
        whisper(player, flood_warning_line);
        return;
    case chat_flood::verdict::drop: return;
    }
    const core::player* known = players_.find(player);
    node_->send_player_message(
        core::player{known != nullptr ? known->id : std::string(), player},
        truncate_sanitized(sanitize(params[1].get<std::string>()), max_sent_content_units), true);
}

void plugin::on_presence(const json& params, bool joined) {
    const json& player = first_param(params);
    std::string name;
    std::string id;
    if (player.is_object()) {
        if (auto it = player.find("name"); it != player.end() && it->is_string()) {
            name = it->get<std::string>();
        }
        if (auto it = player.find("id"); it != player.end() && it->is_string()) {
            id = it->get<std::string>();
        }
    } else if (player.is_string()) {
        name = player.get<std::string>();
    }
    if (name.empty()) {
        log_.debug(std::string(joined ? "join" : "leave") + " event without a player name");
        return;
    }
    if (loading_identity_ && !node_ && !stopped_) {
        early_events_.push_back([this, params, joined] { on_presence(params, joined); });
        return;
    }
    core::player who{std::move(id), std::move(name)};
    if (joined) {
        if (players_.add(who)) {
            load_prefs(who);
        }
    } else {
        flood_.forget(who.name);
        players_.remove(who.name);
    }
    if (!node_ || stopped_) {
        return;
    }
    if (joined) {
        node_->send_player_join(who);
    } else {
        node_->send_player_leave(who);
    }
}

void plugin::on_server_connected(const core::server& s, std::int64_t player_count) {
    broadcast(server_connected_line(style_of(s), player_count));
}

void plugin::on_server_disconnected(const core::server& s) {
    broadcast(server_disconnected_line(style_of(s)));
}

void plugin::on_player_joined(const core::server& s, const std::string& username) {
    on_player_join(s, core::player{{}, username});
}

void plugin::on_player_left(const core::server& s, const std::string& username) {
    on_player_leave(s, core::player{{}, username});
}

void plugin::on_message(const core::server& s, const std::string& username,
                        const std::string& content, bool sanitized) {
    on_player_chat(s, core::player{{}, username}, content, sanitized);
}

void plugin::on_player_join(const core::server& s, const core::player& p) {
    if (!deafened_) {
        show_relayed(player_joined_line(style_of(s), p.name), nullptr);
    }
}

void plugin::on_player_leave(const core::server& s, const core::player& p) {
    if (!deafened_) {
        show_relayed(player_left_line(style_of(s), p.name), nullptr);
    }
}

void plugin::on_player_chat(const core::server& s, const core::player& p,
                            const std::string& content, bool sanitized) {
    if (deafened_) {
        return;
    }
    // Only trust content its sender marked escaped, and only if it really is in escaped form.
    const bool safe = sanitized && is_sanitized_form(content);
    show_relayed(chat_line(style_of(s), p.name, safe ? content : sanitize(content)), &p);
}

void plugin::on_network_joined(const core::server& host, std::int64_t player_count) {
    broadcast(connected_to_host_line(style_of(host), player_count));
}

void plugin::on_network_left() { broadcast(left_network_line(own_color())); }

void plugin::send(std::string line) { port_.send_line(std::move(line)); }

void plugin::broadcast(std::string_view line) {
    send(jsonrpc::notification_line("broadcast", std::string(line)));
}

void plugin::whisper(const std::string& target, std::string_view line) {
    send(jsonrpc::notification_line("whisper", json{{"target", target}, {"line", line}}));
}

void plugin::request(std::string_view method, json params,
                     std::function<void(const jsonrpc::reply&)> on_reply) {
    const auto deadline = sched_.now() + settings_.request_timeout;
    send(rpc_.request(method, std::move(params), deadline, std::move(on_reply)));
    std::weak_ptr<bool> alive = alive_;
    sched_.call_after(settings_.request_timeout, [this, alive] {
        if (alive.lock()) {
            rpc_.expire(sched_.now());
        }
    });
}

std::string plugin::own_color() const { return config_ ? config_->color : std::string(); }

} // namespace csc::omegga
