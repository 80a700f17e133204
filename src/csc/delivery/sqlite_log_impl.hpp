#pragma once
// Private to the delivery layer: the state behind sqlite_log, shared by its two source files
// (sqlite_log_open.cpp opens and checks the file; sqlite_log.cpp appends, reads, trims).

#include "csc/delivery/errc.hpp"
#include "csc/delivery/sqlite_log.hpp"

#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace csc::delivery {
namespace detail {

struct db_closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using db_ptr = std::unique_ptr<sqlite3, db_closer>;
using stmt_ptr = std::unique_ptr<sqlite3_stmt, stmt_finalizer>;

inline std::int64_t to_ms(wall_time t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline wall_time from_ms(std::int64_t ms) {
    return wall_time(std::chrono::duration_cast<wall_time::duration>(std::chrono::milliseconds(ms)));
}

// Which delivery error an SQLite result code at open time means.
inline errc open_error(int rc) {
    switch (rc & 0xFF) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT: return errc::log_corrupt;
    default: return errc::log_unavailable;
    }
}

inline bool parse_u64(std::string_view text, std::uint64_t& out) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

} // namespace detail

struct sqlite_log::impl {
    sqlite_log_config config;
    detail::db_ptr db;
    detail::stmt_ptr insert;
    detail::stmt_ptr select_after;
    detail::stmt_ptr first_recent;
    detail::stmt_ptr delete_before;
    detail::stmt_ptr save_last;
    epoch log_epoch;
    position first = 1;
    position last = 0;
    std::int64_t last_at_ms = 0;
    bool created = false;
    std::string error;

    // Records "what: sqlite's message (path)" as the last error.
    void fail(std::string_view what) {
        error = std::string(what) + ": " + (db ? sqlite3_errmsg(db.get()) : "out of memory") +
                " (" + config.path + ")";
    }

    int exec(const char* sql) { return sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr); }

    detail::stmt_ptr prepare(const char* sql, int& rc) {
        sqlite3_stmt* raw = nullptr;
        rc = sqlite3_prepare_v2(db.get(), sql, -1, &raw, nullptr);
        return detail::stmt_ptr(raw);
    }

    // Runs a query of one row and one column; the column as text in `out`.
    int query_text(const char* sql, std::string& out) {
        int rc = SQLITE_OK;
        const detail::stmt_ptr s = prepare(sql, rc);
        if (rc != SQLITE_OK) {
            return rc;
        }
        rc = sqlite3_step(s.get());
        if (rc != SQLITE_ROW) {
            return rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
        }
        const auto* text = sqlite3_column_text(s.get(), 0);
        out = text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
        return SQLITE_OK;
    }

    std::error_code open_file(const random_source& random);
    std::error_code create_schema(const random_source& random);
    std::error_code load_meta();
    int apply_retention(wall_time now);
};


} // namespace csc::delivery
