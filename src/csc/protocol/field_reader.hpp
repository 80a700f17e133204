#pragma once
// Typed reads of the known fields of one validated JSON object, for the decoder: each read
// checks the field's type and range and the first problem is kept as an error code plus a
// sentence naming the field. Private to the protocol layer (codec*.cpp).

#include "csc/protocol/errc.hpp"
#include "csc/protocol/json_reader.hpp"
#include "csc/protocol/packet.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace csc::protocol::detail {

/// Reads fields of one JSON object, remembering the first problem.
class field_reader {
public:
    explicit field_reader(const json_fields& fields) : fields_(fields) {}

    /// A required integer in [min, max] (integral doubles accepted, as nlohmann did).
    std::int64_t integer(json_key key, std::int64_t min, std::int64_t max);
    /// A required string, unescaped.
    std::string string(json_key key);
    /// A required string, unescaped into `out` (reusing its storage).
    void string_into(json_key key, std::string& out);
    /// A required string that must not be empty.
    std::string non_empty(json_key key);
    /// An optional string field: absent gives "".
    std::string optional_string(json_key key);
    /// The required `name`, `color` and `prefix` strings.
    server_info info();
    /// A required object field, or nullptr (the problem is recorded).
    const json_value* object(json_key key);
    /// A required array field, or nullptr (the problem is recorded).
    const json_value* array(json_key key);
    /// Optional `features`: an array; non-string items are ignored.
    std::vector<std::string> features();

    /// Whether `key` occurs.
    bool has(json_key key) const { return fields_[key].type != json_type::absent; }
    /// Optional boolean extension flag: only `true` counts.
    bool flag(json_key key) const {
        const json_value& v = fields_[key];
        return v.type == json_type::boolean && v.boolean;
    }

    /// Records a problem with `key` found by the caller.
    void fail_field(errc e, json_key key, std::string_view what) { fail(e, key, what); }

    bool ok() const { return !error_; }
    std::error_code error() const { return error_; }
    const std::string& detail() const { return detail_; }

private:
    const json_value* find(json_key key);
    void fail(errc e, json_key key, std::string_view what);

    const json_fields& fields_;
    std::error_code error_;
    std::string detail_;
};

/// Walks the array field `key` of `r` (a missing field or one that is not an array is
/// recorded in `r`): for each element calls `each(entry, index)`, with `entry` reading the
/// element's fields or nullptr when the element is not an object; `each` returns false to
/// stop.
template <class Each>
void for_each_entry(field_reader& r, json_key key, Each&& each) {
    const json_value* entries = r.array(key);
    if (entries == nullptr) {
        return;
    }
    json_value item;
    json_fields fields;
    std::size_t index = 0;
    for (std::size_t at = 0; next_element(*entries, at, item); ++index) {
        if (item.type != json_type::object) {
            if (!each(static_cast<field_reader*>(nullptr), index)) {
                return;
            }
            continue;
        }
        read_fields(item, fields);
        field_reader entry(fields);
        if (!each(&entry, index)) {
            return;
        }
    }
}

} // namespace csc::protocol::detail
