// The `/csc` command of the Omegga adapter: reconnect, list, mute, deafen.

#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/plugin.hpp"

#include <utility>

namespace csc::omegga {

namespace {

using json = nlohmann::json;

enum class subcommand { reconnect, list, mute, deafen, invalid };

subcommand parse_subcommand(const std::string& sub) {
    if (sub == "reconnect") {
        return subcommand::reconnect;
    }
    if (sub == "list") {
        return subcommand::list;
    }
    if (sub == "mute" || sub == "unmute") {
        return subcommand::mute;
    }
    if (sub == "deafen" || sub == "deaf" || sub == "undeafen") {
        return subcommand::deafen;
    }
    return subcommand::invalid;
}

/// True when `player.get` answered with a player whose `host` is true.
bool is_host_reply(const jsonrpc::reply& r) {
    if (!r.ok() || !r.result.is_object()) {
        return false;
    }
    const auto it = r.result.find("host");
    return it != r.result.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

void plugin::on_command(const json& params) {
    if (!params.is_array() || params.empty() || !params[0].is_string()) {
        log_.debug("cmd:csc without a player name");
        return;
    }
    const std::string player = params[0].get<std::string>();
    std::string sub;
    if (params.size() > 1 && params[1].is_string()) {
        sub = params[1].get<std::string>();
    }
    run_command(player, sub);
}

void plugin::run_command(const std::string& player, const std::string& sub) {
    const subcommand which = parse_subcommand(sub);
    switch (which) {
    case subcommand::invalid: whisper(player, invalid_subcommand_line); return;
    case subcommand::list: list_servers(player); return;
    case subcommand::reconnect:
    case subcommand::mute:
    case subcommand::deafen: break;
    }
    with_authorization(player, [this, player, which](bool authorized) {
        if (!authorized) {
            whisper(player, not_authorized_line);
            return;
        }
        switch (which) {
        case subcommand::reconnect:
            log_.info(player + " forced a reconnect");
            whisper(player, reconnecting_line);
            if (node_ && !stopped_) {
                node_->reconnect(settings_.reconnect_delay);
            }
            break;
        case subcommand::mute:
            muted_ = !muted_;
            log_.info(muted_ ? "muted" : "unmuted");
            whisper(player, mute_line(own_color(), muted_));
            break;
        case subcommand::deafen:
            deafened_ = !deafened_;
            log_.info(deafened_ ? "deafened" : "undeafened");
            whisper(player, deafen_line(own_color(), deafened_));
            break;
        case subcommand::list:
        case subcommand::invalid: break;
        }
    });
}

void plugin::list_servers(const std::string& player) {
    if (!node_) {
        whisper(player, list_header_line(own_color(), 0));
        return;
    }
    const auto& servers = node_->servers().list();
    whisper(player, list_header_line(own_color(), servers.size()));
    for (const core::server& s : servers) {
        const bool is_host = !node_->is_host() && s.id == node_->host_id();
        whisper(player, list_entry_line(s.id, server_style{s.info.color, s.info.prefix, s.info.name},
                                        is_host));
    }
}

void plugin::with_authorization(const std::string& player, std::function<void(bool)> then) {
    // The configured names need no round trip; anyone else must be the game's host.
    if (config_ && is_authorized_name(*config_, player)) {
        then(true);
        return;
    }
    request("player.get", player, [this, then = std::move(then)](const jsonrpc::reply& r) {
        if (!r.ok() && r.failure->code == jsonrpc::code::cancelled) {
            return; // we are stopping: nobody is waiting for an answer any more
        }
        if (!r.ok()) {
            log_.warn("player.get failed (" + r.failure->message + "); treating as not authorized");
        }
        then(is_host_reply(r));
    });
}

} // namespace csc::omegga
