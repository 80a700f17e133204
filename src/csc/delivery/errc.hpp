#pragma once
// Errors of the delivery layer, as std::error_code (the style of protocol/errc.hpp).

#include <system_error>

namespace csc::delivery {

enum class errc {
    log_unavailable = 1, ///< the log file cannot be opened or created (path, permissions, lock)
    log_corrupt,         ///< the file is not a readable SQLite database, or its content is broken
    log_foreign,         ///< the file is a database, but not a hub log
    log_schema_too_new,  ///< the log was written by a newer version (its schema is unknown)
    log_write_failed,    ///< an append or a trim failed (the batch is not in the log)
    log_read_failed,     ///< a replay failed
    id_out_of_range,     ///< a seq or session is 0 or above 2^53 - 1
};

const std::error_category& delivery_category() noexcept;
std::error_code make_error_code(errc e) noexcept;

} // namespace csc::delivery

template <>
struct std::is_error_code_enum<csc::delivery::errc> : std::true_type {};
