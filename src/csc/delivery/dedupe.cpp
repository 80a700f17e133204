#include "csc/delivery/dedupe.hpp"

#include <algorithm>

namespace csc::delivery {

dedupe::dedupe(dedupe_config config)
    : config_(config), words_(std::max<std::size_t>((config.window + 63) / 64, 1)) {
    config_.window = words_ * 64;
    config_.max_origins = std::max<std::size_t>(config_.max_origins, 1);
}

verdict dedupe::accept(const message_id& id, std::chrono::steady_clock::time_point now) {
    auto it = origins_.find(id.origin);
    if (it == origins_.end()) {
        if (origins_.size() >= config_.max_origins) {
            evict_oldest();
        }
        it = origins_.emplace(id.origin, origin_state{}).first;
        it->second.session = id.session;
        // A receiver that joins late starts tracking at the first packet it sees.
        it->second.contiguous = id.seq == 0 ? 0 : id.seq - 1;
        it->second.seen.assign(words_, 0);
    }
    origin_state& s = it->second;
    if (id.session < s.session) {
        return verdict::stale;
    }
    s.last_heard = now;
    if (id.session > s.session) {
        s.session = id.session;
        s.contiguous = 0;
        std::fill(s.seen.begin(), s.seen.end(), 0);
    }
    if (id.seq <= s.contiguous) {
        return verdict::duplicate;
    }
    if (id.seq > s.contiguous + config_.window) {
        slide_to(s, id.seq - config_.window);
    }
    if (!test_and_set(s, id.seq)) {
        return verdict::duplicate;
    }
    advance(s);
    return verdict::fresh;
}

std::size_t dedupe::forget_idle(std::chrono::steady_clock::time_point now) {
    return std::erase_if(origins_, [&](const auto& entry) {
        return now - entry.second.last_heard >= config_.idle_forget;
    });
}

std::uint64_t dedupe::session(const server_id& origin) const {
    const auto it = origins_.find(origin);
    return it == origins_.end() ? 0 : it->second.session;
}

std::uint64_t dedupe::contiguous(const server_id& origin) const {
    const auto it = origins_.find(origin);
    return it == origins_.end() ? 0 : it->second.contiguous;
}

bool dedupe::test_and_set(origin_state& s, std::uint64_t seq) {
    const std::uint64_t bit = seq - s.contiguous - 1;
    std::uint64_t& word = s.seen[bit / 64];
    const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    if ((word & mask) != 0) {
        return false;
    }
    word |= mask;
    return true;
}

// Moves the contiguous mark up to `new_contiguous`, counting the unseen seqs it passes.
void dedupe::slide_to(origin_state& s, std::uint64_t new_contiguous) {
    while (s.contiguous < new_contiguous) {
        if ((s.seen[0] & 1U) == 0) {
            ++skipped_;
        }
        // Shift the bitmap down by one seq.
        for (std::size_t i = 0; i < words_; ++i) {
            s.seen[i] >>= 1U;
            if (i + 1 < words_) {
                s.seen[i] |= (s.seen[i + 1] & 1U) << 63U;
            }
        }
        ++s.contiguous;
        if (std::all_of(s.seen.begin(), s.seen.end(), [](std::uint64_t w) { return w == 0; })) {
            // An empty bitmap: jump the rest of the way at once.
            skipped_ += new_contiguous - s.contiguous;
            s.contiguous = new_contiguous;
        }
    }
}

// Moves the contiguous mark over every seq seen just above it.
void dedupe::advance(origin_state& s) {
    std::uint64_t run = 0;
    while (run < config_.window && ((s.seen[run / 64] >> (run % 64)) & 1U) != 0) {
        ++run;
    }
    if (run == 0) {
        return;
    }
    const std::size_t whole = run / 64;
    const std::size_t rest = run % 64;
    std::rotate(s.seen.begin(), s.seen.begin() + static_cast<std::ptrdiff_t>(whole), s.seen.end());
    std::fill(s.seen.end() - static_cast<std::ptrdiff_t>(whole), s.seen.end(), 0);
    if (rest != 0) {
        for (std::size_t i = 0; i < words_; ++i) {
            s.seen[i] >>= rest;
            if (i + 1 < words_) {
                s.seen[i] |= s.seen[i + 1] << (64 - rest);
            }
        }
    }
    s.contiguous += run;
}

void dedupe::evict_oldest() {
    const auto oldest = std::min_element(
        origins_.begin(), origins_.end(),
        [](const auto& a, const auto& b) { return a.second.last_heard < b.second.last_heard; });
    origins_.erase(oldest);
}

} // namespace csc::delivery

