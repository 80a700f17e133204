#pragma once
// Omegga's plugin store (`store.get`, `store.set`, `store.delete`) over the plugin's own
// requests to Omegga: values that survive restarts of the plugin and of the game server.
//
// Sans-I/O: requests go out through a `requester` (the plugin's request mechanism, with its
// deadline), so tests drive the store by answering requests by hand.

#include "csc/core/logger.hpp"
#include "csc/omegga/jsonrpc.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace csc::omegga {

/// Sends one request to Omegga and calls `on_reply` once with its answer (or its failure).
using requester = std::function<void(std::string_view method, nlohmann::json params,
                                     std::function<void(const jsonrpc::reply&)> on_reply)>;

class store {
public:
    /// Called with the stored value (JSON null when the key is absent), or nullopt when
    /// Omegga did not answer or answered with an error (already logged).
    using get_handler = std::function<void(std::optional<nlohmann::json>)>;
    /// Called with true once Omegga confirmed the write.
    using set_handler = std::function<void(bool)>;

    store(requester send, core::logger& log) : send_(std::move(send)), log_(log) {}

    /// Reads `key`. `done` is not called when the request was cancelled (the plugin stops).
    void get(const std::string& key, get_handler done);
    /// Writes `value` under `key`; a failure is logged, `done` (optional) learns the outcome.
    void set(const std::string& key, nlohmann::json value, set_handler done = {});
    /// Deletes `key`; a failure is logged.
    void remove(const std::string& key);

private:
    /// Logs a failed request unless it was cancelled; true when `r` succeeded.
    bool check(const jsonrpc::reply& r, std::string_view what, const std::string& key);

    requester send_;
    core::logger& log_;
};

} // namespace csc::omegga
