#pragma once
// Errors of the protocol layer, as std::error_code (the style of Beast's websocket/error.hpp).

#include <system_error>

namespace csc::protocol {

enum class errc {
    invalid_json = 1,  ///< the frame is not valid JSON (or not valid UTF-8)
    not_an_object,     ///< the frame is JSON but not an object
    nesting_too_deep,  ///< arrays/objects nested deeper than decode allows
    missing_field,     ///< a required field is absent
    wrong_type,        ///< a field has the wrong JSON type
    out_of_range,      ///< a number is outside its allowed range
    unknown_type,      ///< `type` names no packet we know (log and ignore)
    frame_too_long,    ///< a frame exceeded the size cap (close that link)
    garbage,           ///< bytes outside any JSON object (close that link)
};

const std::error_category& protocol_category() noexcept;
std::error_code make_error_code(errc e) noexcept;

} // namespace csc::protocol

template <>
struct std::is_error_code_enum<csc::protocol::errc> : std::true_type {};
