#pragma once
// The players of the network as one participant knows them: per server, the full list
// that server last announced (feature `players`, docs/protocol.md). A server is in the
// directory exactly when it announced a list, so `supports(server)` says whether it takes
// whispers. Lookup by name is case-insensitive; an exact name wins over a unique prefix.

#include "csc/protocol/packet.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace csc::core {

/// A player: Brickadia's player id (empty when unknown) and name.
using player = protocol::player_entry;

/// A player and the server they are on.
struct player_location {
    protocol::identifier server = 0;
    player who;
    bool operator==(const player_location&) const = default;
};

/// How a lookup by name went.
enum class lookup_kind {
    unique,    ///< exactly one player: matches[0]
    ambiguous, ///< several players match equally well: all of them in matches
    none,      ///< nobody matches
};

/// The result of player_directory::find_name.
struct lookup_result {
    lookup_kind kind = lookup_kind::none;
    std::vector<player_location> matches; ///< in server order, then list order
};

class player_directory {
public:
    /// Replaces the list of `server` (it supports players from now on).
    void set(protocol::identifier server, std::vector<player> list);
    /// Forgets `server` (it left, or stopped announcing); returns whether it was known.
    bool remove(protocol::identifier server);
    /// Forgets every server.
    void clear() noexcept { lists_.clear(); }

    /// True when `server` announced a player list (and so takes whispers).
    bool supports(protocol::identifier server) const;
    /// The list of `server`, or nullptr when it announced none.
    const std::vector<player>* find(protocol::identifier server) const;
    /// Every known list, by server identifier.
    const std::map<protocol::identifier, std::vector<player>>& lists() const noexcept {
        return lists_;
    }
    /// Players over all servers.
    std::size_t player_count() const;

    /// Case-insensitive lookup of `query` across every server: players whose name equals
    /// it win; otherwise players whose name starts with it. An empty query finds nobody.
    lookup_result find_name(std::string_view query) const;
    /// The players with this exact (non-empty) player id, in server order.
    std::vector<player_location> find_id(std::string_view id) const;

private:
    std::map<protocol::identifier, std::vector<player>> lists_;
};

/// `name` folded for case-insensitive comparison: ASCII, Latin-1, Latin Extended-A,
/// Greek and Cyrillic capitals become small letters; invalid UTF-8 is kept bytewise.
std::string fold_case(std::string_view name);

} // namespace csc::core
