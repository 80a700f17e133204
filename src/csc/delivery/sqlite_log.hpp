#pragma once
// The durable hub log: one SQLite file in WAL mode, one transaction per append(batch).
// The file keeps its epoch, so a hub restarted on the same file (also after SIGKILL) keeps
// its history and its positions; a new or replaced file is a new epoch. The file is locked
// exclusively: a second hub on the same file gets log_unavailable, not a shared history.
//
// Schema version 1 (PRAGMA user_version):
//   meta(key TEXT PRIMARY KEY, value TEXT)  -- 'epoch', 'last_position'
//   entries(pos INTEGER PRIMARY KEY, at_ms, origin, session, seq, payload BLOB)

#include "csc/delivery/hub_log.hpp"

#include <memory>
#include <string>
#include <system_error>

namespace csc::delivery {

/// The schema this build writes and reads; a file with a higher one is refused.
inline constexpr int sqlite_log_schema_version = 1;

struct sqlite_log_config {
    /// The database file; created with its folder's permissions if absent.
    std::string path = "csc-hub-log.sqlite3";
    retention_config retention;
    /// synchronous=FULL (each batch reaches the disk: survives power loss) instead of NORMAL
    /// (survives the process being killed, which is the promise; faster).
    bool full_sync = false;
};

class sqlite_log final : public hub_log {
public:
    /// Opens the log at config.path, creating it (with a new epoch from `random`) if the file
    /// is absent or empty. On failure returns nullptr, sets `ec` (delivery::errc) and puts a
    /// sentence naming the file and the cause in `detail`.
    static std::unique_ptr<sqlite_log> open(const sqlite_log_config& config, std::error_code& ec,
                                            std::string& detail,
                                            const random_source& random = default_random_source());
    ~sqlite_log() override;
    sqlite_log(const sqlite_log&) = delete;
    sqlite_log& operator=(const sqlite_log&) = delete;

    /// True if open() created this log (a new epoch) rather than reopening one.
    bool created() const noexcept;

    const epoch& log_epoch() const noexcept override;
    std::error_code append(std::span<const log_record> batch, wall_time now) override;
    std::error_code replay_after(position after, std::size_t max_entries,
                                 std::vector<log_entry>& out) const override;
    std::error_code trim(wall_time now) override;
    position first_position() const noexcept override;
    position last_position() const noexcept override;
    std::size_t size() const noexcept override;
    const std::string& last_error() const noexcept override;

private:
    struct impl;
    explicit sqlite_log(std::unique_ptr<impl> state);
    std::unique_ptr<impl> impl_;
};

} // namespace csc::delivery
