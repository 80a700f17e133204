#pragma once
// The wire packets of protocol version 1 (see docs/protocol.md), as plain values.
// Nothing here knows about sockets or JSON.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace csc::protocol {

/// The only protocol version; every handshake we send carries it.
inline constexpr int protocol_version = 1;

/// Largest identifier we accept: identifiers are JavaScript numbers on original peers.
inline constexpr std::int64_t max_identifier = 2147483647;
/// Largest player count we accept.
inline constexpr std::int64_t max_player_count = 1000000;

using identifier = std::int64_t;

/// Optional capabilities a peer announces in `features` (docs/protocol.md, "Extensions").
namespace feature {
/// Message packets may carry `"sanitized": true`: content already escaped by its sender.
inline constexpr std::string_view sanitized = "sanitized";
} // namespace feature

/// How a server presents itself: name, color (6 hex digits) and chat prefix.
struct server_info {
    std::string name;
    std::string color;
    std::string prefix;
    bool operator==(const server_info&) const = default;
};

/// One entry of an acknowledge's `connections` array.
struct connection_entry {
    identifier id = 0;
    server_info info;
    bool operator==(const connection_entry&) const = default;
};

/// client -> host, first packet on a connection.
struct handshake {
    std::int64_t version = protocol_version;
    server_info info;
    std::int64_t player_count = 0;
    std::vector<std::string> features; ///< extension; absent from original peers
    bool operator==(const handshake&) const = default;
};

/// host -> client, the answer to a handshake.
struct acknowledge {
    identifier id = 0;      ///< the identifier given to the client
    identifier host_id = 0; ///< `hostIdentifier`
    std::int64_t player_count = 0;
    std::vector<connection_entry> connections; ///< other servers, the host's own entry last
    std::vector<std::string> features;         ///< extension; absent from original hosts
    bool operator==(const acknowledge&) const = default;
};

/// host -> clients: a server joined the network.
struct connection {
    identifier id = 0;
    server_info info;
    std::int64_t player_count = 0;
    bool operator==(const connection&) const = default;
};

/// host -> clients: a server left the network.
struct disconnect {
    identifier id = 0;
    bool operator==(const disconnect&) const = default;
};

/// A player joined the server `id`.
struct join {
    identifier id = 0;
    std::string username;
    bool operator==(const join&) const = default;
};

/// A player left the server `id`.
struct leave {
    identifier id = 0;
    std::string username;
    bool operator==(const leave&) const = default;
};

/// A player of server `id` chatted.
struct message {
    identifier id = 0;
    std::string username;
    std::string content;
    bool sanitized = false; ///< extension field `sanitized`: content is already escaped
    bool operator==(const message&) const = default;
};

using packet = std::variant<handshake, acknowledge, connection, disconnect, join, leave, message>;

/// The wire name of a packet's type ("handshake", "message", ...).
std::string_view type_name(const packet& p);

/// The identifier a join/leave/message/connection/disconnect names, or -1 for the others.
identifier origin_of(const packet& p);

} // namespace csc::protocol
