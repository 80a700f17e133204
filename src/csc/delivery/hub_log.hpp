#pragma once
// The hub's log of accepted packets (docs/delivery.md). The hub appends each accepted packet
// before acknowledging it; a link that comes back is replayed what it missed. Positions count
// 1, 2, 3... within one epoch; a new log (a lost file, the in-memory log of a new process) has
// a new random epoch, so links can tell that history was lost.
//
// Two implementations: memory_log (lost with the process) and sqlite_log (a file, survives
// restarts and SIGKILL). Retention keeps the newest entries: at most `max_count`, none older
// than `max_age`. Times are wall-clock (system_clock): they outlive the process in the file.

#include "csc/delivery/ids.hpp"

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace csc::delivery {

using wall_time = std::chrono::system_clock::time_point;

struct retention_config {
    /// Entries older than this are dropped.
    std::chrono::milliseconds max_age{std::chrono::minutes(10)};
    /// At most this many entries are kept (the oldest go first).
    std::size_t max_count = 100000;
};

/// What the hub appends: the packet's id and its payload (opaque to the log).
struct log_record {
    message_id id;
    std::string payload;
};

/// What a replay returns.
struct log_entry {
    position pos = 0;
    wall_time at;
    message_id id;
    std::string payload;
    bool operator==(const log_entry&) const = default;
};

/// Most entries one replay_after() call returns unless told otherwise.
inline constexpr std::size_t default_replay_batch = 512;

class hub_log {
public:
    virtual ~hub_log() = default;

    /// This log's epoch (32 hex digits).
    virtual const epoch& log_epoch() const noexcept = 0;
    /// Appends `batch` at `now` all or nothing (one transaction), then applies retention.
    /// Entries get the positions last_position() + 1, + 2, ... On error nothing was added.
    virtual std::error_code append(std::span<const log_record> batch, wall_time now) = 0;
    /// Replaces `out` with up to `max_entries` entries after `after`, in position order.
    virtual std::error_code replay_after(position after, std::size_t max_entries,
                                         std::vector<log_entry>& out) const = 0;
    /// Applies retention at `now` without appending (call it now and then on an idle hub).
    virtual std::error_code trim(wall_time now) = 0;
    /// The oldest position kept; last_position() + 1 when the log is empty.
    virtual position first_position() const noexcept = 0;
    /// The last position ever appended in this epoch (0 before the first append).
    virtual position last_position() const noexcept = 0;
    /// Entries kept.
    virtual std::size_t size() const noexcept = 0;
    /// A sentence about the last error (what failed, where, and why), for the log.
    virtual const std::string& last_error() const noexcept = 0;
};

/// Checks the ids of a batch before it is appended (session and seq in 1 .. 2^53 - 1).
std::error_code validate_batch(std::span<const log_record> batch) noexcept;

} // namespace csc::delivery
