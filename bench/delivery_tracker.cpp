#include "delivery_tracker.hpp"

#include <bit>

namespace csc::bench {

delivery_tracker::delivery_tracker(int links, int senders, std::uint64_t window)
    : links_(links), senders_(senders),
      pairs_(static_cast<std::size_t>(links) * static_cast<std::size_t>(senders)),
      by_sender_(static_cast<std::size_t>(senders)), sent_(static_cast<std::size_t>(senders)) {
    const std::uint64_t ring = std::bit_ceil(window < 1 ? std::uint64_t{1} : window);
    for (auto& s : by_sender_) s.receipts.assign(ring, 0);
}

bool delivery_tracker::record(int sender, int receiver, std::uint64_t seq,
                              std::int64_t latency_ns) {
    if (sender < 0 || sender >= senders_ || receiver == sender || receiver < 0 ||
        receiver >= links_ || seq >= sent_by(sender)) {
        ++unexpected_;
        return false;
    }
    pair_state& pair =
        pairs_[static_cast<std::size_t>(sender) * static_cast<std::size_t>(links_) +
               static_cast<std::size_t>(receiver)];
    const std::size_t word = seq / 64;
    const std::uint64_t bit = std::uint64_t{1} << (seq % 64);
    if (pair.seen.size() <= word) pair.seen.resize(word + 1 + word / 2, 0);
    if ((pair.seen[word] & bit) != 0) {
        ++duplicated_;
        return false;
    }
    pair.seen[word] |= bit;
    ++delivered_;
    if (seq < pair.next) ++out_of_order_;
    else pair.next = seq + 1;
    latency_.record(latency_ns);

    sender_state& s = by_sender_[static_cast<std::size_t>(sender)];
    const std::uint64_t mask = s.receipts.size() - 1;
    if (seq < s.completed || seq - s.completed > mask) return false; // outside the window
    ++s.receipts[seq & mask];
    const auto everyone = static_cast<std::uint32_t>(links_ - 1);
    bool advanced = false;
    while (s.completed < sent_by(sender) && s.receipts[s.completed & mask] >= everyone) {
        s.receipts[s.completed & mask] = 0;
        ++s.completed;
        advanced = true;
    }
    return advanced;
}

std::uint64_t delivery_tracker::in_flight(int sender) const {
    return sent_by(sender) - by_sender_[static_cast<std::size_t>(sender)].completed;
}

std::uint64_t delivery_tracker::expected() const {
    std::uint64_t total = 0;
    for (const auto n : sent_) total += n;
    return total * static_cast<std::uint64_t>(links_ - 1);
}

} // namespace csc::bench
