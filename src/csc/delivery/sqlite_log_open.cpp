// sqlite_log: opening a file, creating the schema of a new log, checking an old one.
#include "csc/delivery/sqlite_log_impl.hpp"

namespace csc::delivery {

std::error_code sqlite_log::impl::open_file(const random_source& random) {
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(config.path.c_str(), &raw, flags, nullptr);
    db.reset(raw);
    if (rc != SQLITE_OK) {
        fail("cannot open the hub log");
        return errc::log_unavailable;
    }
    sqlite3_extended_result_codes(db.get(), 1);
    std::string value;
    // Exclusive locking: one hub per file, and WAL needs no shared-memory file.
    rc = query_text("PRAGMA locking_mode=EXCLUSIVE", value);
    if (rc == SQLITE_OK) {
        rc = query_text("PRAGMA journal_mode=WAL", value);
    }
    if (rc != SQLITE_OK || value != "wal") {
        fail("cannot put the hub log in WAL mode");
        return rc == SQLITE_OK ? errc::log_unavailable : detail::open_error(rc);
    }
    rc = exec(config.full_sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    if (rc == SQLITE_OK) {
        rc = query_text("PRAGMA user_version", value);
    }
    if (rc != SQLITE_OK) {
        fail("cannot read the hub log");
        return detail::open_error(rc);
    }
    if (value == "0") {
        return create_schema(random);
    }
    if (value != std::to_string(sqlite_log_schema_version)) {
        error = "the hub log has schema version " + value + ", this build reads version " +
                std::to_string(sqlite_log_schema_version) + " (" + config.path + ")";
        return errc::log_schema_too_new;
    }
    return load_meta();
}

std::error_code sqlite_log::impl::create_schema(const random_source& random) {
    std::string tables;
    if (const int rc = query_text("SELECT count(*) FROM sqlite_master", tables); rc != SQLITE_OK) {
        fail("cannot read the hub log");
        return detail::open_error(rc);
    }
    if (tables != "0") {
        error = "the file is a database but not a hub log (" + config.path + ")";
        return errc::log_foreign;
    }
    log_epoch = random_hex_id(random);
    const std::string sql =
        "BEGIN IMMEDIATE;"
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE entries(pos INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL,"
        " origin TEXT NOT NULL, session INTEGER NOT NULL, seq INTEGER NOT NULL,"
        " payload BLOB NOT NULL);"
        "INSERT INTO meta VALUES('epoch', '" + log_epoch + "'), ('last_position', '0');"
        "PRAGMA user_version=" + std::to_string(sqlite_log_schema_version) + ";COMMIT;";
    if (const int rc = exec(sql.c_str()); rc != SQLITE_OK) {
        fail("cannot create the hub log");
        exec("ROLLBACK");
        return detail::open_error(rc);
    }
    created = true;
    return {};
}

std::error_code sqlite_log::impl::load_meta() {
    std::string text;
    int rc = query_text("SELECT value FROM meta WHERE key='epoch'", text);
    if (rc == SQLITE_OK && !is_valid_hex_id(text)) {
        rc = SQLITE_CORRUPT;
    }
    log_epoch = text;
    if (rc == SQLITE_OK) {
        rc = query_text("SELECT value FROM meta WHERE key='last_position'", text);
    }
    if (rc == SQLITE_OK && !detail::parse_u64(text, last)) {
        rc = SQLITE_CORRUPT;
    }
    std::string min_pos;
    std::string max_pos;
    std::string max_at;
    if (rc == SQLITE_OK) {
        rc = query_text("SELECT coalesce(min(pos), 0) FROM entries", min_pos);
    }
    if (rc == SQLITE_OK) {
        rc = query_text("SELECT coalesce(max(pos), 0) FROM entries", max_pos);
    }
    if (rc == SQLITE_OK) {
        rc = query_text("SELECT coalesce(max(at_ms), 0) FROM entries", max_at);
    }
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    std::uint64_t at = 0;
    if (rc == SQLITE_OK && (!detail::parse_u64(min_pos, lo) || !detail::parse_u64(max_pos, hi) ||
                            !detail::parse_u64(max_at, at) || hi > last)) {
        rc = SQLITE_CORRUPT;
    }
    if (rc != SQLITE_OK) {
        if ((rc & 0xFF) == SQLITE_CORRUPT && error.empty()) {
            error = "the hub log's metadata is broken (" + config.path + ")";
            return errc::log_corrupt;
        }
        fail("cannot read the hub log's metadata");
        return errc::log_corrupt;
    }
    first = hi == 0 ? last + 1 : lo;
    last_at_ms = static_cast<std::int64_t>(at);
    return {};
}

std::unique_ptr<sqlite_log> sqlite_log::open(const sqlite_log_config& config, std::error_code& ec,
                                             std::string& detail, const random_source& random) {
    auto state = std::make_unique<impl>();
    state->config = config;
    state->config.retention.max_count = std::max<std::size_t>(config.retention.max_count, 1);
    ec = state->open_file(random);
    int rc = SQLITE_OK;
    const auto prepare = [&](detail::stmt_ptr& into, const char* sql) {
        if (!ec && rc == SQLITE_OK) {
            into = state->prepare(sql, rc);
        }
    };
    prepare(state->insert, "INSERT INTO entries(pos, at_ms, origin, session, seq, payload)"
                           " VALUES(?, ?, ?, ?, ?, ?)");
    prepare(state->select_after, "SELECT pos, at_ms, origin, session, seq, payload FROM entries"
                                 " WHERE pos > ? ORDER BY pos LIMIT ?");
    prepare(state->first_recent,
            "SELECT pos FROM entries WHERE pos >= ? AND at_ms >= ? ORDER BY pos LIMIT 1");
    prepare(state->delete_before, "DELETE FROM entries WHERE pos < ?");
    prepare(state->save_last, "UPDATE meta SET value = ? WHERE key = 'last_position'");
    if (!ec && rc != SQLITE_OK) {
        state->fail("the hub log's tables are not as expected");
        ec = errc::log_corrupt;
    }
    if (ec) {
        detail = state->error;
        return nullptr;
    }
    detail.clear();
    return std::unique_ptr<sqlite_log>(new sqlite_log(std::move(state)));
}

} // namespace csc::delivery
