// The `/csc` command of the Omegga adapter: parsing, authorization, and the server-wide
// subcommands (reconnect, list, mute, deafen); the player ones are in player_commands.cpp.

#include "csc/omegga/chat_lines.hpp"
#include "csc/omegga/plugin.hpp"
#include "csc/omegga/server_switches.hpp"

#include <utility>

namespace csc::omegga {

namespace {

using json = nlohmann::json;

enum class subcommand {
    reconnect,
    list,
    mute,
    deafen,
    help,
    who,
    msg,
    reply,
    ignore,
    unignore,
    hide,
    invalid
};

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
    static const std::pair<std::string_view, subcommand> player_commands[] = {
        {"help", subcommand::help},         {"who", subcommand::who},
        {"msg", subcommand::msg},           {"r", subcommand::reply},
        {"ignore", subcommand::ignore},     {"unignore", subcommand::unignore},
        {"hide", subcommand::hide},
    };
    for (const auto& [name, which] : player_commands) {
        if (sub == name) {
            return which;
        }
    }
    return subcommand::invalid;
}

/// args[from..] joined by single spaces (Omegga split the command line on single spaces).
std::string rest_of(const std::vector<std::string>& args, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < args.size(); ++i) {
        if (i > from) {
            out += ' ';
        }
        out += args[i];
    }
    return out;
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
    std::vector<std::string> args;
    for (std::size_t i = 1; i < params.size(); ++i) {
        args.push_back(params[i].is_string() ? params[i].get<std::string>() : std::string());
    }
    run_command(player, args);
}

void plugin::run_command(const std::string& player, const std::vector<std::string>& args) {
    const subcommand which = parse_subcommand(args.empty() ? std::string() : args[0]);
    const std::string first = args.size() > 1 ? args[1] : std::string();
    switch (which) {
    case subcommand::invalid: whisper(player, invalid_subcommand_line); return;
    case subcommand::list: list_servers(player); return;
    case subcommand::help: show_help(player); return;
    case subcommand::who: show_who(player); return;
    case subcommand::msg: send_whisper(player, first, rest_of(args, 2)); return;
    case subcommand::reply: reply(player, rest_of(args, 1)); return;
    case subcommand::ignore: ignore(player, rest_of(args, 1)); return;
    case subcommand::unignore: unignore(player, rest_of(args, 1)); return;
    case subcommand::hide: toggle_hide(player); return;
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
            save_switches();
            break;
        case subcommand::deafen:
            deafened_ = !deafened_;
            log_.info(deafened_ ? "deafened" : "undeafened");
            whisper(player, deafen_line(own_color(), deafened_));
            save_switches();
            break;
        default: break;
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
    request("player.get", player,
            [this, player, then = std::move(then)](const jsonrpc::reply& r) mutable {
                if (!r.ok() && r.failure->code == jsonrpc::code::cancelled) {
                    return; // we are stopping: nobody is waiting for an answer any more
                }
                if (!r.ok()) {
                    log_.warn("player.get failed (" + r.failure->message +
                              "); treating as not the host");
                }
                if (is_host_reply(r)) {
                    then(true);
                } else {
                    check_roles(player, std::move(then));
                }
            });
}

void plugin::check_roles(const std::string& player, std::function<void(bool)> then) {
    if (!config_ || config_->authorized_roles.empty()) {
        then(false);
        return;
    }
    request("player.getRoles", player, [this, then = std::move(then)](const jsonrpc::reply& r) {
        if (!r.ok() && r.failure->code == jsonrpc::code::cancelled) {
            return;
        }
        if (!r.ok()) {
            log_.warn("player.getRoles failed (" + r.failure->message +
                      "); treating as not authorized");
        }
        then(r.ok() && config_ && has_authorized_role(*config_, r.result));
    });
}

void plugin::save_switches() {
    switches_edited_ = true;
    if (config_) {
        store_.set(std::string(switches_key), stored_switches({muted_, deafened_}, *config_));
    }
}

void plugin::restore_switches_from_store() {
    switches_edited_ = false;
    store_.get(std::string(switches_key), [this](std::optional<json> stored) {
        if (!stored || !config_ || switches_edited_) {
            return;
        }
        const server_switches now = restore_switches(*stored, *config_);
        if (now == server_switches{muted_, deafened_}) {
            return;
        }
        muted_ = now.muted;
        deafened_ = now.deafened;
        log_.info(std::string("restored from the store: ") + (muted_ ? "muted" : "unmuted") +
                  ", " + (deafened_ ? "deafened" : "undeafened"));
    });
}

} // namespace csc::omegga
