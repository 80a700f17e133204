#pragma once
// What acknowledged delivery did so far on one node, in one value that both roles return
// (hub::delivery_status(), client::delivery_status()): for tests, benchmarks and the plugin.
// The hub reads it from its log; a link from what it applied of the hub's log.

#include <cstdint>
#include <string>

namespace csc::delivery {

struct status {
    /// Hub: always (it logs what it accepts). Link: the current connection's acknowledge
    /// granted `delivery`.
    bool granted = false;
    /// Hub: its log's epoch. Link: the epoch of the last position applied (empty: none).
    std::string epoch;
    /// Hub: the log's last position. Link: the last position applied.
    std::uint64_t position = 0;
    /// Hub: packets not appended, already in the log. Link: stamped packets from the hub
    /// dropped as duplicates.
    std::uint64_t duplicates = 0;

    // --- the hub's log only (0 on a link) ---
    /// Transactions.
    std::uint64_t appends = 0;
    /// Packets appended.
    std::uint64_t records = 0;
    /// Most packets in one transaction.
    std::uint64_t largest_batch = 0;
};

} // namespace csc::delivery
