#pragma once
// The players of our own server as the plugin knows them: who is online (names and ids from
// Omegga's player lists), what each chose (`/csc hide`, ignore lists: player_prefs, loaded
// from the store when they come online), and who last whispered them (`/csc r`).
//
// It also decides how a line from another server reaches our players: one broadcast when
// every player should see it, otherwise one whisper per player who should.

#include "csc/core/player_directory.hpp"
#include "csc/omegga/player_prefs.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

class local_players {
public:
    /// Replaces the online list; returns the players who were not online before.
    std::vector<core::player> set_online(std::vector<core::player> list);
    /// Adds one player (a `join` event, before the next full list); true if new.
    bool add(core::player p);
    /// Removes one player by name (a `leave` event).
    void remove(std::string_view name);
    /// Players online, in Omegga's order.
    const std::vector<core::player>& online() const noexcept { return online_; }

    /// The online player with exactly this name, else the only one with this name in any case.
    const core::player* find(std::string_view name) const;
    /// The online player with this id (when not empty), else by name as find().
    const core::player* find(std::string_view id, std::string_view name) const;

    /// A player's prefs (defaults until loaded from the store).
    const player_prefs& prefs(const core::player& p) const;
    /// A player's prefs, to change them; from now on a late load does not overwrite them.
    player_prefs& edit_prefs(const core::player& p);
    /// Prefs read from the store for `key`: kept unless that player left or already edited.
    void loaded(const std::string& key, player_prefs prefs);

    /// Who should see a line from another server: nothing when everyone online should (send
    /// one broadcast), else the names to whisper (maybe none). `sender` (chat and whispers)
    /// also excludes the players ignoring them; without one (joins, leaves) only hiding
    /// players are left out.
    std::optional<std::vector<std::string>> recipients(const core::player* sender) const;
    /// True when `reader` ignores `sender`.
    bool ignores(const core::player& reader, const core::player& sender) const;

    /// Remembers who last whispered `name`, for `/csc r`.
    void set_reply(const std::string& name, core::player_location from);
    /// Who last whispered `name`, if anyone (forgotten when `name` leaves).
    const core::player_location* reply_of(std::string_view name) const;

private:
    struct prefs_entry {
        player_prefs prefs;
        bool edited = false;
    };
    static std::string key_of(const core::player& p);
    /// Drops the prefs and reply targets of players no longer online.
    void prune();

    std::vector<core::player> online_;
    std::map<std::string, prefs_entry> prefs_;
    std::map<std::string, core::player_location> replies_;
};

} // namespace csc::omegga
