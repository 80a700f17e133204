#pragma once
// The servers of the network as one participant knows them, in announcement order.

#include "csc/protocol/packet.hpp"

#include <optional>
#include <vector>

namespace csc::core {

/// A server of the network: its identifier and how it presents itself.
using server = protocol::connection_entry;

class server_directory {
public:
    /// Adds or replaces the server with this identifier (a replaced one keeps its place).
    void upsert(server s);
    /// Removes it; returns what was removed, if it was known.
    std::optional<server> remove(protocol::identifier id);
    /// The server with this identifier, or nullptr.
    const server* find(protocol::identifier id) const;
    /// All servers in the order they were first added.
    const std::vector<server>& list() const noexcept { return servers_; }
    void clear() noexcept { servers_.clear(); }
    std::size_t size() const noexcept { return servers_.size(); }

private:
    std::vector<server> servers_;
};

} // namespace csc::core
