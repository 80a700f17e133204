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
#include <vector>

namespace csc::omegga {

/// Builds the node for a config; `events` and `log` outlive the node.
using node_factory = std::function<std::unique_ptr<core::chat_node>(
    const plugin_config& config, core::chat_events& events, core::logger& log)>;

struct plugin_settings {
    /// How long we wait for Omegga to answer one of our requests (`player.get`).
    std::chrono::milliseconds request_timeout{3000};
    /// `/csc reconnect`: the wait before listening / connecting again.
    std::chrono::milliseconds reconnect_delay{1000};
    /// `stop`: the longest wait for the outbox to drain before answering (Omegga allows 5 s).
    std::chrono::milliseconds stop_drain_bound{3000};
    /// How often a changed hub log position is saved in Omegga's store while running.
    std::chrono::milliseconds position_save_interval{5000};
};

/// The store key under which the plugin keeps its delivery identity and position:
/// {"server_id": 32 hex digits, "session": starts so far, "epoch": hub log, "position": N}.
inline constexpr const char* delivery_store_key = "delivery";

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
    void on_position_applied(const std::string& epoch, std::uint64_t position) override;

    /// This run's server id and session, once `init` read them (empty / 0 with delivery off).
    const std::string& server_id() const noexcept;
    std::uint64_t session() const noexcept;

private:
    void handle_request(const jsonrpc::message& m);
    void handle_notification(const jsonrpc::message& m);
    void on_init(const nlohmann::json& id, const nlohmann::json& params);
    void on_stop(const nlohmann::json& id);
    void on_bootstrap(const nlohmann::json& params);
    void on_players(const nlohmann::json& params);
    void on_chat(const nlohmann::json& params);
    void on_presence(const nlohmann::json& params, bool joined);

    // plugin_delivery.cpp: identity in the store, positions saved, stop after draining
    /// Reads (or makes) this server's id and the session of this start, then calls `then`.
    void load_identity(std::function<void()> then);
    /// Builds and starts the node for config_, then answers `init` (`id`).
    void build_node(const nlohmann::json& id);
    /// Saves the id, session and last applied position in the store.
    void save_identity();
    /// `stop`, once the outbox drained or the bound passed.
    void finish_stop(const nlohmann::json& id);

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
    bool loading_identity_ = false; ///< between `init` and the store's answer
    std::vector<std::function<void()>> early_events_; ///< our players' events meanwhile
    std::string applied_epoch_;
    std::uint64_t applied_position_ = 0;
    bool position_dirty_ = false;   ///< a position was applied since the last save
    bool save_scheduled_ = false;   ///< a periodic save is pending
    std::uint64_t stop_generation_ = 0; ///< to answer each `stop` once
    /// Scheduled callbacks hold a weak_ptr to this and do nothing once it is gone.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace csc::omegga
