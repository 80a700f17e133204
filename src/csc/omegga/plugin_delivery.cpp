// The plugin's part of acknowledged delivery (docs/delivery.md):
//
//   init --store.get("delivery")--> id valid? keep it : make one; session = stored + 1
//        --store.set--> build the node with (id, session, last position) --> answer init
//   on_position_applied --> saved at most every position_save_interval, and at stop
//   stop --> wait until the node's outbox drained (or stop_drain_bound) --> close, answer
#include "csc/delivery/ids.hpp"
#include "csc/omegga/plugin.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>

namespace csc::omegga {
namespace {

using json = nlohmann::json;

/// A stored whole number >= 0 below 2^53, or nothing.
std::optional<std::uint64_t> stored_count(const json& record, const char* key) {
    const auto it = record.find(key);
    if (it == record.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    if (it->is_number_unsigned()) {
        const auto u = it->get<std::uint64_t>();
        return u <= delivery::max_wire_integer ? std::optional(u) : std::nullopt;
    }
    const auto i = it->get<std::int64_t>();
    if (i < 0 || static_cast<std::uint64_t>(i) > delivery::max_wire_integer) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(i);
}

/// A stored 32-hex-digit id, or an empty string.
std::string stored_id(const json& record, const char* key) {
    const auto it = record.find(key);
    if (it == record.end() || !it->is_string() ||
        !delivery::is_valid_hex_id(it->get_ref<const std::string&>())) {
        return {};
    }
    return it->get<std::string>();
}

} // namespace

const std::string& plugin::server_id() const noexcept {
    static const std::string none;
    return config_ ? config_->server_id : none;
}

std::uint64_t plugin::session() const noexcept { return config_ ? config_->session : 0; }

void plugin::load_identity(std::function<void()> then) {
    std::weak_ptr<bool> alive = alive_;
    // Not called when the request is cancelled (we are stopping); a failure is logged by the store.
    store_.get(delivery_store_key, [this, alive, then = std::move(then)](std::optional<json> value) {
        if (!alive.lock() || !config_) {
            return;
        }
        const bool read = value.has_value();
        const json record = read && value->is_object() ? *value : json::object();
        std::string id = stored_id(record, "server_id");
        const bool fresh = id.empty();
        if (fresh) {
            id = delivery::random_hex_id(delivery::default_random_source());
        }
        const std::uint64_t previous = fresh ? 0 : stored_count(record, "session").value_or(0);
        config_->server_id = id;
        config_->session = previous < delivery::max_wire_integer ? previous + 1 : 1;
        applied_epoch_ = fresh ? std::string() : stored_id(record, "epoch");
        applied_position_ = applied_epoch_.empty() ? 0 : stored_count(record, "position").value_or(0);
        config_->resume_epoch = applied_epoch_;
        config_->resume_position = applied_position_;
        if (!read) {
            // Writing now could replace a good id that Omegga failed to hand us: this run only.
            log_.warn("could not read this server's delivery id from Omegga's store; using a new "
                      "one for this run");
        } else {
            if (fresh) {
                log_.info("this server's id for cross-server chat: " + id + " (new)");
                if (!value->is_object() && !value->is_null()) {
                    log_.warn("the stored delivery record was not an object; made a new server id");
                }
            }
            save_identity();
        }
        log_.debug("cross-server chat: server id " + id + ", session " +
                   std::to_string(config_->session));
        then();
    });
}

void plugin::save_identity() {
    if (!config_ || config_->server_id.empty()) {
        return;
    }
    position_dirty_ = false;
    json record{{"server_id", config_->server_id}, {"session", config_->session}};
    if (!applied_epoch_.empty()) {
        record["epoch"] = applied_epoch_;
        record["position"] = applied_position_;
    }
    store_.set(delivery_store_key, std::move(record)); // a failure is logged by the store
}

void plugin::on_position_applied(const std::string& epoch, std::uint64_t position) {
    applied_epoch_ = epoch;
    applied_position_ = position;
    position_dirty_ = true;
    if (save_scheduled_) {
        return;
    }
    save_scheduled_ = true;
    std::weak_ptr<bool> alive = alive_;
    sched_.call_after(settings_.position_save_interval, [this, alive] {
        if (!alive.lock()) {
            return;
        }
        save_scheduled_ = false;
        if (position_dirty_ && !stopped_) {
            save_identity();
        }
    });
}

void plugin::on_stop(const json& id) {
    const std::uint64_t mine = ++stop_generation_;
    const std::size_t pending = node_ && !stopped_ ? node_->pending_outbox() : 0;
    if (pending == 0) {
        finish_stop(id);
        return;
    }
    log_.info("stopping: waiting up to " + std::to_string(settings_.stop_drain_bound.count()) +
              " ms for the hub to acknowledge " + std::to_string(pending) + " packet(s)");
    std::weak_ptr<bool> alive = alive_;
    auto once = [this, alive, id, mine] {
        if (alive.lock() && stop_generation_ == mine) {
            ++stop_generation_; // the other path does nothing
            finish_stop(id);
        }
    };
    node_->when_drained(once);
    sched_.call_after(settings_.stop_drain_bound, once);
}

void plugin::finish_stop(const json& id) {
    if (node_ && node_->pending_outbox() > 0) {
        log_.warn("stopping with " + std::to_string(node_->pending_outbox()) +
                  " packet(s) the hub has not acknowledged; they are lost");
    }
    if (position_dirty_ && !stopped_) {
        save_identity(); // written to Omegga before the answer below
    }
    // Closing the node first lets a link broadcast "Disconnected from chat."; the answer goes
    // out only once every line before it is written, since Omegga stops reading right after.
    shutdown();
    std::weak_ptr<bool> alive = alive_;
    port_.flush([this, alive, id] {
        if (alive.lock()) {
            send(jsonrpc::result_line(id, nullptr));
        }
    });
}

} // namespace csc::omegga
