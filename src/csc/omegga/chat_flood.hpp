#pragma once
// Flood control per player on the sending plugin: a token bucket per player name decides
// whether a chat message goes to the other servers. A player over budget is told once per
// flood episode, an episode lasting until their bucket has refilled completely.

#include "csc/core/flood_control.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace csc::omegga {

/// Whispered to a player, once per flood episode, when their messages are held back.
inline constexpr std::string_view flood_warning_line =
    R"(<color="ff5555">You are sending messages too fast; some were not sent to other servers.</>)";

class chat_flood {
public:
    using clock = std::chrono::steady_clock;

    /// What to do with one chat message.
    enum class verdict {
        send,          ///< within budget: send it
        drop_and_tell, ///< over budget, first time in this episode: drop it, tell the player
        drop,          ///< over budget, player already told: drop it
    };

    /// Players tracked before full buckets (players who went quiet) are forgotten.
    static constexpr std::size_t prune_threshold = 1024;

    /// `rate` messages per second (> 0), `burst` messages at once (>= 1).
    explicit chat_flood(double rate = 1.0, double burst = 5.0) noexcept
        : rate_(rate), burst_(burst) {}

    /// New budget; forgets every player.
    void configure(double rate, double burst);
    /// Accounts for one message of `player` at `now`.
    verdict on_message(const std::string& player, clock::time_point now);
    /// Forgets a player (they left).
    void forget(const std::string& player);
    /// Forgets every player not in `online` (the server's current player list).
    void retain_only(const std::unordered_set<std::string>& online);
    /// Players with a bucket.
    std::size_t tracked() const noexcept { return players_.size(); }

private:
    struct player_state {
        core::token_bucket bucket;
        bool told = false; ///< warned in the current episode
    };
    /// Whether `state`'s bucket has refilled completely at `now`.
    bool full(player_state& state, clock::time_point now) const;
    void prune(clock::time_point now);

    double rate_;
    double burst_;
    std::unordered_map<std::string, player_state> players_;
};

} // namespace csc::omegga
