#include "csc/omegga/chat_flood.hpp"

#include <iterator>

namespace csc::omegga {

void chat_flood::configure(double rate, double burst) {
    rate_ = rate;
    burst_ = burst;
    players_.clear();
}

chat_flood::verdict chat_flood::on_message(const std::string& player, clock::time_point now) {
    auto it = players_.find(player);
    if (it == players_.end()) {
        if (players_.size() >= prune_threshold) {
            prune(now);
        }
        it = players_.emplace(player, player_state{core::token_bucket(rate_, burst_, now)}).first;
    }
    player_state& state = it->second;
    if (state.told && full(state, now)) {
        state.told = false; // refilled completely: the episode is over
    }
    if (state.bucket.try_take(1.0, now)) {
        return verdict::send;
    }
    if (state.told) {
        return verdict::drop;
    }
    state.told = true;
    return verdict::drop_and_tell;
}

void chat_flood::forget(const std::string& player) { players_.erase(player); }

void chat_flood::retain_only(const std::unordered_set<std::string>& online) {
    for (auto it = players_.begin(); it != players_.end();) {
        it = online.count(it->first) != 0 ? std::next(it) : players_.erase(it);
    }
}

bool chat_flood::full(player_state& state, clock::time_point now) const {
    (void)state.bucket.try_take(0.0, now); // refills up to `now`, takes nothing
    return state.bucket.tokens() >= burst_;
}

void chat_flood::prune(clock::time_point now) {
    // A full bucket behaves exactly like a new one, so forgetting it changes nothing.
    for (auto it = players_.begin(); it != players_.end();) {
        it = full(it->second, now) ? players_.erase(it) : std::next(it);
    }
}

} // namespace csc::omegga
