#pragma once
// What one player of ours chose for themselves: `/csc hide` and their ignore list. Kept in
// Omegga's store, one key per player: "player:<player id>" (the player's name, folded, when
// Omegga gave no id): {"hidden": B, "ignores": [{"id": "...", "name": "..."}, ...]}.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// Most players one player may ignore.
inline constexpr std::size_t max_ignores = 100;

/// A player someone ignores: matched by id when both sides know one, by name otherwise.
struct ignored_player {
    std::string id;   ///< Brickadia player id; empty when unknown (e.g. an original server's)
    std::string name; ///< the name as it was when ignored
    bool operator==(const ignored_player&) const = default;
};

struct player_prefs {
    bool hidden = false;                 ///< `/csc hide`: other servers' chat is not shown
    std::vector<ignored_player> ignores; ///< in the order they were added

    /// Whether the player with this id (may be empty) and name is ignored.
    bool ignores_player(std::string_view id, std::string_view name) const;
    /// Adds `p`; false when already ignored (by the same rule as ignores_player).
    bool add_ignore(ignored_player p);
    /// Removes and returns the entry whose name equals `query` (any case), or else the one
    /// entry whose name starts with it; nothing when none or several match.
    std::optional<ignored_player> remove_ignore(std::string_view query);
    bool operator==(const player_prefs&) const = default;
};

/// The store key of a player's prefs.
std::string player_prefs_key(std::string_view player_id, std::string_view name);
/// The stored form.
nlohmann::json prefs_to_json(const player_prefs& prefs);
/// Reads the stored form leniently: bad entries are skipped, anything else gives defaults.
player_prefs prefs_from_json(const nlohmann::json& stored);

} // namespace csc::omegga
