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
#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/config.hpp"
#include "csc/omegga/jsonrpc.hpp"
#include "csc/omegga/line_port.hpp"
#include "csc/omegga/local_players.hpp"
#include "csc/omegga/player_query.hpp"
#include "csc/omegga/rpc_logger.hpp"
#include "csc/omegga/scheduler.hpp"
#include "csc/omegga/store.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// The identifier our own player list has in player_view() (no server of the network has it).
inline constexpr protocol::identifier own_list_id = -1;
/// Most whispers awaiting their status at once; the oldest is forgotten first.
inline constexpr std::size_t max_pending_whispers = 64;

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
    /// Our players: who is online, their hide/ignore choices, whom they reply to.
    const local_players& players() const noexcept { return players_; }
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
    void on_player_join(const core::server& s, const core::player& p) override;
    void on_player_leave(const core::server& s, const core::player& p) override;
    void on_player_chat(const core::server& s, const core::player& p, const std::string& content,
                        bool sanitized) override;
    void on_whisper(const core::server& from, const protocol::whisper& w) override;
    void on_whisper_status(const core::server& about,
                           const protocol::whisper_status& status) override;

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
    void run_command(const std::string& player, const std::vector<std::string>& args);
    void list_servers(const std::string& player);
    void with_authorization(const std::string& player, std::function<void(bool)> then);
    void check_roles(const std::string& player, std::function<void(bool)> then);
    void save_switches();
    void restore_switches_from_store();

    // player_commands.cpp: /csc help, who, msg, r, ignore, unignore, hide
    void show_help(const std::string& player);
    void show_who(const std::string& player);
    void send_whisper(const std::string& player, const std::string& query, std::string text);
    void reply(const std::string& player, std::string text);
    void ignore(const std::string& player, const std::string& query);
    void unignore(const std::string& player, const std::string& query);
    void toggle_hide(const std::string& player);
    /// Every player list we know, ours under own_list_id.
    core::player_directory player_view() const;
    /// Whispers `text` from `sender` (ours) to the player at `to`, or tells why not.
    void whisper_to(const core::player& sender, const core::player_location& to,
                    const std::string& text);
    /// The lines that say which servers do not share their players.
    void tell_unshared_servers(const std::string& player);
    /// How a server of the view shows: ours for own_list_id.
    server_style style_of_id(protocol::identifier id) const;

    // player_lookup.cpp: NAME and NAME@SERVER
    /// What a lookup found: the matches, or that no server answers to the qualifier.
    struct player_lookup {
        core::lookup_result found;
        bool unknown_server = false;  ///< NAME@SERVER where no server is SERVER
        std::string_view name;        ///< the NAME part (the whole query when unqualified)
        std::string_view server;      ///< the SERVER part, if any
    };
    /// Looks `query` up: a whole name first, then NAME@SERVER, then the start of a name.
    player_lookup lookup_player(std::string_view query) const;
    /// Every server a qualifier may name, ours (own_list_id) first.
    std::vector<server_label> server_labels() const;
    /// Tells `player` that `query` matches several players, each as NAME@SERVER to type.
    void tell_ambiguous(const std::string& player, std::string_view query,
                        const std::vector<core::player_location>& matches);
    /// Adds a pending whisper (the oldest goes when full) and arms its timeout.
    void track_whisper(protocol::identifier server, const server_style& style,
                       const std::string& from_name, const std::string& to_name,
                       const std::string& content);
    /// The pending whisper `serial` got no status in time: tells its sender.
    void expire_whisper(std::uint64_t serial);
    /// Tells `from_name`, if still online, that their whisper could not be confirmed.
    void tell_unconfirmed(const std::string& from_name, const std::string& to_name);

    // player_events.cpp: our player list, prefs, lines from other servers
    void on_player_list(std::vector<core::player> list);
    void load_prefs(const core::player& p);
    void save_prefs(const core::player& p);
    /// A line from another server, as one broadcast or as whispers to those who should see it.
    void show_relayed(std::string_view line, const core::player* sender);

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
    local_players players_;
    /// Whispers sent and not yet answered, oldest first (capped at max_pending_whispers).
    struct pending_whisper {
        std::uint64_t serial = 0; ///< to find it again when its timeout fires
        protocol::identifier server = 0;
        server_style style;
        std::string from_name, to_name, content;
    };
    std::deque<pending_whisper> pending_whispers_;
    std::uint64_t next_whisper_serial_ = 0;
    /// A `/csc mute` or `deafen` came before the stored switches did: they are stale.
    bool switches_edited_ = false;
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
