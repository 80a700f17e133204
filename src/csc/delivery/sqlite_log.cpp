#include "csc/delivery/sqlite_log.hpp"

#include "csc/delivery/sqlite_log_impl.hpp"

#include <algorithm>
#include <utility>

namespace csc::delivery {

using detail::from_ms;
using detail::to_ms;

// Deletes from the front what retention no longer keeps; inside the caller's transaction.
int sqlite_log::impl::apply_retention(wall_time now) {
    position new_first = first;
    if (last + 1 - first > config.retention.max_count) {
        new_first = last + 1 - config.retention.max_count;
    }
    // Times never decrease along positions, so the first entry young enough ends the cut.
    const std::int64_t cutoff = to_ms(now) - config.retention.max_age.count();
    sqlite3_stmt* s = first_recent.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(new_first));
    sqlite3_bind_int64(s, 2, cutoff);
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        new_first = static_cast<position>(sqlite3_column_int64(s, 0));
    } else if (rc == SQLITE_DONE) {
        new_first = last + 1;
    } else {
        return rc;
    }
    sqlite3_reset(s);
    if (new_first <= first) {
        return SQLITE_OK;
    }
    sqlite3_stmt* d = delete_before.get();
    sqlite3_reset(d);
    sqlite3_bind_int64(d, 1, static_cast<sqlite3_int64>(new_first));
    const int del = sqlite3_step(d);
    sqlite3_reset(d);
    if (del != SQLITE_DONE) {
        return del;
    }
    first = new_first;
    return SQLITE_OK;
}

sqlite_log::sqlite_log(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
sqlite_log::~sqlite_log() = default;

bool sqlite_log::created() const noexcept { return impl_->created; }
const epoch& sqlite_log::log_epoch() const noexcept { return impl_->log_epoch; }
position sqlite_log::first_position() const noexcept { return impl_->first; }
position sqlite_log::last_position() const noexcept { return impl_->last; }
std::size_t sqlite_log::size() const noexcept {
    return static_cast<std::size_t>(impl_->last + 1 - impl_->first);
}
const std::string& sqlite_log::last_error() const noexcept { return impl_->error; }

std::error_code sqlite_log::append(std::span<const log_record> batch, wall_time now) {
    impl& st = *impl_;
    if (const auto ec = validate_batch(batch)) {
        st.error = "hub log append refused: " + ec.message();
        return ec;
    }
    const position saved_first = st.first;
    const position saved_last = st.last;
    const std::int64_t saved_at = st.last_at_ms;
    int rc = st.exec("BEGIN IMMEDIATE");
    st.last_at_ms = std::max(st.last_at_ms, to_ms(now));
    sqlite3_stmt* s = st.insert.get();
    for (const auto& r : batch) {
        if (rc != SQLITE_OK) {
            break;
        }
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(st.last + 1));
        sqlite3_bind_int64(s, 2, st.last_at_ms);
        sqlite3_bind_text(s, 3, r.id.origin.data(), static_cast<int>(r.id.origin.size()), nullptr);
        sqlite3_bind_int64(s, 4, static_cast<sqlite3_int64>(r.id.session));
        sqlite3_bind_int64(s, 5, static_cast<sqlite3_int64>(r.id.seq));
        sqlite3_bind_blob(s, 6, r.payload.data(), static_cast<int>(r.payload.size()), nullptr);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(st.db.get());
        ++st.last;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc == SQLITE_OK) {
        const std::string last_text = std::to_string(st.last);
        sqlite3_stmt* m = st.save_last.get();
        sqlite3_reset(m);
        sqlite3_bind_text(m, 1, last_text.data(), static_cast<int>(last_text.size()), nullptr);
        rc = sqlite3_step(m) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(st.db.get());
        sqlite3_reset(m);
    }
    if (rc == SQLITE_OK) {
        rc = st.apply_retention(now);
    }
    if (rc == SQLITE_OK) {
        rc = st.exec("COMMIT");
    }
    if (rc != SQLITE_OK) {
        st.fail("cannot append to the hub log");
        st.exec("ROLLBACK");
        st.first = saved_first;
        st.last = saved_last;
        st.last_at_ms = saved_at;
        return errc::log_write_failed;
    }
    return {};
}

std::error_code sqlite_log::replay_after(position after, std::size_t max_entries,
                                         std::vector<log_entry>& out) const {
    impl& st = *impl_;
    out.clear();
    sqlite3_stmt* s = st.select_after.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(std::min(after, max_wire_integer)));
    sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(std::min<std::size_t>(max_entries, 1U << 30)));
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        log_entry e;
        e.pos = static_cast<position>(sqlite3_column_int64(s, 0));
        e.at = from_ms(sqlite3_column_int64(s, 1));
        const auto* origin = sqlite3_column_text(s, 2);
        e.id.origin = origin == nullptr ? std::string() : reinterpret_cast<const char*>(origin);
        e.id.session = static_cast<std::uint64_t>(sqlite3_column_int64(s, 3));
        e.id.seq = static_cast<std::uint64_t>(sqlite3_column_int64(s, 4));
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(s, 5));
        const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(s, 5));
        e.payload.assign(blob == nullptr ? "" : blob, blob == nullptr ? 0 : bytes);
        out.push_back(std::move(e));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st.fail("cannot read the hub log");
        out.clear();
        return errc::log_read_failed;
    }
    return {};
}

std::error_code sqlite_log::trim(wall_time now) {
    impl& st = *impl_;
    const position saved_first = st.first;
    int rc = st.exec("BEGIN IMMEDIATE");
    if (rc == SQLITE_OK) {
        rc = st.apply_retention(now);
    }
    if (rc == SQLITE_OK) {
        rc = st.exec("COMMIT");
    }
    if (rc != SQLITE_OK) {
        st.fail("cannot trim the hub log");
        st.exec("ROLLBACK");
        st.first = saved_first;
        return errc::log_write_failed;
    }
    return {};
}

} // namespace csc::delivery
