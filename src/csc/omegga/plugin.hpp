#pragma once
// The Omegga adapter: turns Omegga's JSON-RPC lines into calls on a chat_node
// (the in-process hub or a link), and the node's events into chat lines.
//
//   Omegga --line--> on_line --> init/stop/chat/join/leave/cmd:csc --> chat_node
//   chat_node --chat_events--> broadcast/whisper notifications --> line_port --> Omegga
//
// No sockets and no asio: lines go out through a line_port, time comes from a
// scheduler, and the node is built after `init` by a factory the application gives.

#include "csc/core/chat_events.hpp"
#include "csc/core/chat_node.hpp"
#include "csc/omegga/chat_flood.hpp"
#include "csc/omegga/config.hpp"
#include "csc/omegga/jsonrpc.hpp"
#include "csc/omegga/line_port.hpp"
#include "csc/omegga/rpc_logger.hpp"
#include "csc/omegga/scheduler.hpp"
#include "csc/omegga/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace csc::omegga {

/// Builds the node for a config; `events` and `log` outlive the node.
using node_factory = std::function<std::unique_ptr<core::chat_node>(
    const plugin_config& config, core::chat_events& events, core::logger& log)>;

struct plugin_settings {
    /// How long we wait for Omegga to answer one of our requests (`player.get`).
    std::chrono::milliseconds request_timeout{3000};
    /// `/csc reconnect`: the wait before listening / connecting again.
    std::chrono::milliseconds reconnect_delay{1000};
};

class plugin final : public core::chat_events {
public:
    plugin(line_port& port, scheduler& sched, node_factory factory, plugin_settings settings = {});
    ~plugin() override;
    plugin(const plugin&) = delete;
    plugin& operator=(const plugin&) = delete;

    /// Handles one line from Omegga; never throws, whatever the line.
    void on_line(std::string_view line);
    /// Omegga is gone or we are asked to exit: stops the node and drops pending requests.
    void shutdown();

    /// The logger that writes to Omegga (what the node and the application log through).
    core::logger& log() noexcept { return log_; }
    /// The node, once `init` built it.
    core::chat_node* node() const noexcept { return node_.get(); }
    bool muted() const noexcept { return muted_; }
    bool deafened() const noexcept { return deafened_; }
    /// Players of our server, from the last `plugin:players:raw`.
    std::int64_t player_count() const noexcept { return player_count_; }
    /// Per-player flood control on chat sent to other servers.
    const chat_flood& flood() const noexcept { return flood_; }
    /// Omegga's plugin store, through our requests to Omegga.
    omegga::store& store() noexcept { return store_; }
    /// Requests we sent that Omegga has not answered yet.
    std::size_t pending_requests() const noexcept { return rpc_.pending(); }

    void on_server_connected(const core::server& s, std::int64_t player_count) override;
    void on_server_disconnected(const core::server& s) override;
    void on_player_joined(const core::server& s, const std::string& username) override;
    void on_player_left(const core::server& s, const std::string& username) override;
    void on_message(const core::server& s, const std::string& username, const std::string& content,
                    bool sanitized) override;
    void on_network_joined(const core::server& host, std::int64_t player_count) override;
    void on_network_left() override;

private:
    void handle_request(const jsonrpc::message& m);
    void handle_notification(const jsonrpc::message& m);
    void on_init(const nlohmann::json& id, const nlohmann::json& params);
    void on_stop(const nlohmann::json& id);
    void on_bootstrap(const nlohmann::json& params);
    void on_players(const nlohmann::json& params);
    void on_chat(const nlohmann::json& params);
    void on_presence(const nlohmann::json& params, bool joined);

    // commands.cpp: /csc
    void on_command(const nlohmann::json& params);
    void run_command(const std::string& player, const std::string& sub);
    void list_servers(const std::string& player);
    void with_authorization(const std::string& player, std::function<void(bool)> then);

    void send(std::string line);
    void broadcast(std::string_view line);
    void whisper(const std::string& target, std::string_view line);
    void request(std::string_view method, nlohmann::json params,
                 std::function<void(const jsonrpc::reply&)> on_reply);
    std::string own_color() const;

    line_port& port_;
    scheduler& sched_;
    node_factory factory_;
    plugin_settings settings_;
    rpc_logger log_;
    jsonrpc::peer rpc_;
    omegga::store store_;
    std::optional<plugin_config> config_;
    chat_flood flood_;
    std::unique_ptr<core::chat_node> node_;
    std::int64_t player_count_ = 0;
    bool muted_ = false;
    bool deafened_ = false;
    bool stopped_ = false;
    /// Scheduled callbacks hold a weak_ptr to this and do nothing once it is gone.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace csc::omegga
