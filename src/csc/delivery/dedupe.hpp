#pragma once
// Receivers (and the hub) drop duplicates by (origin, session, seq). Per origin we keep the
// newest session seen, the highest seq below which everything was seen (`contiguous`) and a
// bitmap of the `window` seqs just above it, for packets that arrive out of order.
//
//   seq <= contiguous ............................ duplicate
//   contiguous < seq <= contiguous + window ...... fresh once, duplicate after (bitmap)
//   seq > contiguous + window .................... fresh; the window slides up and the
//                                                  unseen seqs it passes are counted as skipped
//   session > the origin's session ............... fresh; the origin restarted: state reset
//   session < the origin's session ............... stale (an old run, already superseded)
//   an origin not remembered ..................... fresh; tracking starts at this seq
//
// Memory is bounded: at most `max_origins` origins; beyond that the one heard from least
// recently is forgotten, and forget_idle() forgets origins silent for `idle_forget`.

#include "csc/delivery/ids.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace csc::delivery {

struct dedupe_config {
    /// Seqs remembered above the contiguous mark (rounded up to a multiple of 64).
    std::size_t window = 1024;
    /// Most origins remembered.
    std::size_t max_origins = 10000;
    /// forget_idle() forgets an origin silent this long (keep it >= the hub log's retention).
    std::chrono::milliseconds idle_forget{std::chrono::minutes(30)};
};

enum class verdict {
    fresh,     ///< not seen before: deliver it
    duplicate, ///< seen before: drop it
    stale,     ///< from an older session of its origin: drop it
};

class dedupe {
public:
    explicit dedupe(dedupe_config config = {});

    /// Records `id` at `now` and says whether to deliver it.
    verdict accept(const message_id& id, std::chrono::steady_clock::time_point now);
    /// Forgets the origins silent since before `now - idle_forget`; returns how many.
    std::size_t forget_idle(std::chrono::steady_clock::time_point now);

    /// Origins remembered now.
    std::size_t origins() const noexcept { return origins_.size(); }
    /// Seqs passed over by a sliding window without being seen (lost or much reordered).
    std::uint64_t skipped() const noexcept { return skipped_; }
    /// The newest session seen of `origin` (0: unknown).
    std::uint64_t session(const server_id& origin) const;
    /// Everything up to this seq of the origin's current session was seen (0: none, unknown).
    std::uint64_t contiguous(const server_id& origin) const;

private:
    struct origin_state {
        std::uint64_t session = 0;
        std::uint64_t contiguous = 0;
        std::vector<std::uint64_t> seen; ///< bit i: seq contiguous + 1 + i was seen
        std::chrono::steady_clock::time_point last_heard;
    };

    bool test_and_set(origin_state& s, std::uint64_t seq);
    void slide_to(origin_state& s, std::uint64_t new_contiguous);
    void advance(origin_state& s);
    void evict_oldest();

    dedupe_config config_;
    std::size_t words_;
    std::map<server_id, origin_state, std::less<>> origins_;
    std::uint64_t skipped_ = 0;
};

} // namespace csc::delivery
