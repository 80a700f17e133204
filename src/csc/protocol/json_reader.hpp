#pragma once
// A strict, allocation-free JSON reader for the decoder's hot path: it validates a whole
// frame (RFC 8259 grammar, well-formed UTF-8, no lone surrogate escapes, finite numbers,
// bounded nesting) in one pass without building a DOM, and keeps views of the top-level
// fields that packets use. It accepts and refuses exactly what nlohmann::json::parse does
// (fuzz/fuzz_decode_differential.cpp checks that), but its error sentences are its own.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace csc::protocol::detail {

/// The JSON type of a value, with numbers split the way nlohmann::json splits them.
enum class json_type : std::uint8_t {
    absent,           ///< the field does not occur
    null,
    boolean,
    string,
    signed_integer,   ///< a negative integer (or -0) that fits std::int64_t
    unsigned_integer, ///< a non-negative integer that fits std::uint64_t
    floating,         ///< a fraction, an exponent, or an integer too large for 64 bits
    array,
    object,
};

/// One value of a validated frame, as a view into the frame's text.
struct json_value {
    json_type type = json_type::absent;
    bool escaped = false; ///< a string holding backslash escapes (use unescape())
    bool boolean = false;
    std::string_view text; ///< string: between the quotes, still escaped; others: whole token
    std::int64_t integer = 0;   ///< signed_integer
    std::uint64_t unsigned_value = 0; ///< unsigned_integer
    double floating = 0.0;      ///< floating (always finite)
};

/// The object keys packets use; any other key is validated and skipped.
enum class json_key : std::uint8_t {
    type,
    version,
    name,
    color,
    prefix,
    player_count,
    features,
    identifier,
    host_identifier,
    connections,
    username,
    content,
    sanitized,
    origin,
    session,
    seq,
    pos,
    epoch,
    position,
    outcome,
    lost,
    players,
    player_id,
    id,
    target,
    from_id,
    from_name,
    to_id,
    to_name,
    status,
    server,
    count_,
};

/// The wire name of a key ("playerCount" for json_key::player_count).
std::string_view key_name(json_key key) noexcept;

/// The known fields of one object; a key that occurs twice keeps its last value.
/// Only the fields found are written: clearing it costs one store, not one per key.
class json_fields {
public:
    json_fields() noexcept {} // NOLINT(modernize-use-equals-default): slots stay unwritten

    /// The field `key`, or a value of type `absent`.
    const json_value& operator[](json_key key) const noexcept {
        const auto i = static_cast<unsigned>(key);
        return (present_ >> i & 1U) != 0 ? slots_[i].value : absent_;
    }
    /// The slot of `key`, marked present (the caller writes it whole).
    json_value& slot(json_key key) noexcept {
        const auto i = static_cast<unsigned>(key);
        present_ |= std::uint64_t{1} << i;
        return slots_[i].value;
    }
    /// Forgets every field.
    void clear() noexcept { present_ = 0; }

private:
    /// Storage that is not initialised until a field is found.
    struct raw_slot {
        raw_slot() noexcept {} // NOLINT(modernize-use-equals-default)
        union {
            json_value value;
        };
    };
    static_assert(static_cast<std::size_t>(json_key::count_) <= 64);
    static constexpr json_value absent_{};
    std::uint64_t present_ = 0;
    std::array<raw_slot, static_cast<std::size_t>(json_key::count_)> slots_;
};

/// Why a frame is not acceptable JSON.
struct json_error {
    enum class kind : std::uint8_t { none, syntax, too_deep };
    kind what = kind::none;
    std::size_t offset = 0;     ///< byte where the problem was found
    const char* reason = "";    ///< e.g. "invalid UTF-8 in a string"
};

/// Validates `text` as exactly one JSON value (a UTF-8 byte order mark and whitespace
/// around it allowed) nested at most `max_depth` deep; on success `root` describes it
/// and, when it is an object, `fields` holds its known fields.
bool parse_json(std::string_view text, int max_depth, json_value& root, json_fields& fields,
                json_error& error);

/// The known fields of an object value taken from a frame parse_json accepted.
void read_fields(const json_value& object, json_fields& fields);

/// Iterates the elements of an array value taken from a frame parse_json accepted:
/// `at` starts at 0; returns false after the last element.
bool next_element(const json_value& array, std::size_t& at, json_value& element);

/// The text of a string value with its escapes resolved.
std::string unescape(const json_value& string);

} // namespace csc::protocol::detail
