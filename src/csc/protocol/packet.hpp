#pragma once
// The wire packets of protocol version 1 (see docs/protocol.md), as plain values.
// Nothing here knows about sockets or JSON.

#include <cstddef>
#include <cstdint>
#include <optional>
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
/// Largest session, seq or log position on the wire (JavaScript's safe integers: 2^53 - 1).
inline constexpr std::int64_t max_wire_integer = (std::int64_t{1} << 53) - 1;

using identifier = std::int64_t;

/// Optional capabilities a peer announces in `features` (docs/protocol.md, "Extensions").
namespace feature {
/// Message packets may carry `"sanitized": true`: content already escaped by its sender.
inline constexpr std::string_view sanitized = "sanitized";
/// Acknowledged delivery: packet ids, acks, resume, ping/pong (docs/delivery.md).
inline constexpr std::string_view delivery = "delivery";
/// Player directory and cross-server whispers: `players`, `whisper`, `whisperStatus`
/// packets and the `playerId` field of join/leave/message.
inline constexpr std::string_view players = "players";
} // namespace feature

/// Most entries a `players` list may have; a longer one is refused by decode.
inline constexpr std::size_t max_players = 250;

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

/// Extension `delivery`: a join/leave/message's id (origin, session, seq) and, relayed by
/// the hub, its position in the hub's log. `origin` empty: the packet carries none of it.
struct delivery_stamp {
    std::string origin{};     ///< the sending server's id
    std::int64_t session = 0; ///< 1.. the run of that server
    std::int64_t seq = 0;     ///< 1.. within the session
    std::int64_t pos = 0;     ///< 1.. log position when relayed by the hub; 0 = none
    /// Field `server`, hub to delivery links only: who the origin is, sent with a logged packet
    /// whose origin is not connected now (its identifier is then one no live server has).
    std::optional<server_info> server{};
    bool operator==(const delivery_stamp&) const = default;
};

/// client -> host, first packet on a connection.
struct handshake {
    std::int64_t version = protocol_version;
    server_info info;
    std::int64_t player_count = 0;
    std::vector<std::string> features; ///< extension; absent from original peers
    std::string origin{};     ///< extension `delivery`: the server's id; empty = none
    std::int64_t session = 0; ///< extension `delivery`: 1.. with `origin`
    bool operator==(const handshake&) const = default;
};

/// host -> client, the answer to a handshake.
struct acknowledge {
    identifier id = 0;      ///< the identifier given to the client
    identifier host_id = 0; ///< `hostIdentifier`
    std::int64_t player_count = 0;
    std::vector<connection_entry> connections; ///< other servers, the host's own entry last
    std::vector<std::string> features;         ///< extension; absent from original hosts
    std::string epoch{}; ///< extension `delivery`: the id of the hub's log; empty = none
    /// Extension `delivery`: the log's last position when the hub acknowledged; a server that
    /// has applied nothing yet is owed everything after it (docs/delivery.md).
    std::optional<std::int64_t> position{};
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
    std::string player_id{}; ///< extension field `playerId` (feature players); empty: unknown
    delivery_stamp delivery{}; ///< extension `delivery`
    bool operator==(const join&) const = default;
};

/// A player left the server `id`.
struct leave {
    identifier id = 0;
    std::string username;
    std::string player_id{}; ///< extension field `playerId` (feature players); empty: unknown
    delivery_stamp delivery{}; ///< extension `delivery`
    bool operator==(const leave&) const = default;
};

/// A player of server `id` chatted.
struct message {
    identifier id = 0;
    std::string username;
    std::string content;
    bool sanitized = false; ///< extension field `sanitized`: content is already escaped
    std::string player_id{}; ///< extension field `playerId` (feature players); empty: unknown
    delivery_stamp delivery{}; ///< extension `delivery`
    bool operator==(const message&) const = default;
};

/// Extension `delivery`, hub -> link: everything of `session` up to `seq` is in the log.
struct ack {
    std::int64_t session = 0; ///< 1..
    std::int64_t seq = 0;     ///< 0.. (0: nothing of that session held yet)
    bool operator==(const ack&) const = default;
};

/// Extension `delivery`. link -> hub, right after the acknowledge: the last log position
/// the link applied (`outcome` empty). hub -> link, the answer: where the replay starts
/// (after `position`), how it went, how many positions were lost (0 if unknown).
struct resume {
    std::string epoch{};       ///< empty: none applied yet
    std::int64_t position = 0; ///< 0..
    std::string outcome{};     ///< resumed | fresh | trimmed | epoch_changed | bad_position
    std::int64_t lost = 0;     ///< 0..
    bool operator==(const resume&) const = default;
};

/// Extension `delivery`, either way: are you there? Answered by a pong.
struct ping {
    bool operator==(const ping&) const = default;
};

/// Extension `delivery`, either way: the answer to a ping.
struct pong {
    bool operator==(const pong&) const = default;
};

/// One player of a server: Brickadia's player id (empty when unknown) and name.
struct player_entry {
    std::string id;
    std::string name;
    bool operator==(const player_entry&) const = default;
};

/// Extension (feature players): the full current player list of server `id`.
struct players {
    identifier id = 0;
    std::vector<player_entry> list; ///< wire field `players`
    bool operator==(const players&) const = default;
};

/// Extension (feature players): a private line from a player of server `id` to a
/// player of server `target`. Routed by the hub to `target` only.
struct whisper {
    identifier id = 0;     ///< the sender's server (stamped by the hub)
    identifier target = 0; ///< the recipient's server
    std::string from_id;   ///< `fromId`, optional: the sender's player id
    std::string from_name; ///< `fromName`
    std::string to_id;     ///< `toId`, optional: the recipient's player id
    std::string to_name;   ///< `toName`
    std::string content;
    bool sanitized = false; ///< as in message
    bool operator==(const whisper&) const = default;
};

/// What became of a whisper (wire values "delivered", "offline", "unsupported").
enum class whisper_result : std::uint8_t {
    delivered,   ///< shown to the recipient (also when the recipient ignores the sender)
    offline,     ///< the recipient or its server is not there
    unsupported, ///< the recipient's server does not take whispers (it did not announce players)
    unknown,     ///< a value this version does not know (decoded, never meant to be sent)
};

/// The wire name of a whisper result.
std::string_view to_string(whisper_result r) noexcept;
/// The whisper result a wire name stands for (unknown for any other text).
whisper_result whisper_result_from(std::string_view text) noexcept;

/// Extension (feature players): the answer to a whisper, from server `id` (the whisper's
/// target, or the hub on its behalf) to server `target` (the whisper's sender).
struct whisper_status {
    identifier id = 0;     ///< the server answering for the recipient (stamped by the hub)
    identifier target = 0; ///< the whisper's sender's server
    std::string from_id;   ///< `fromId`, optional: the whisper's sender
    std::string from_name; ///< `fromName`: the whisper's sender
    std::string to_id;     ///< `toId`, optional: the recipient
    std::string to_name;   ///< `toName`: the recipient
    whisper_result status = whisper_result::delivered;
    bool operator==(const whisper_status&) const = default;
};

using packet = std::variant<handshake, acknowledge, connection, disconnect, join, leave, message,
                            ack, resume, ping, pong, players, whisper, whisper_status>;

/// The wire name of a packet's type ("handshake", "message", ...).
std::string_view type_name(const packet& p);

/// The identifier a join/leave/message/connection/disconnect/players/whisper/whisperStatus
/// names (its sender or subject), or -1 for the others.
identifier origin_of(const packet& p);

} // namespace csc::protocol
