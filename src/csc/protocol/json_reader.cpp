#include "csc/protocol/json_reader.hpp"

#include "csc/protocol/json_lexing.hpp"
#include "csc/protocol/json_text.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace csc::protocol::detail {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(json_key::count_)> key_names = {
    "type",       "version",  "name",           "color",       "prefix",
    "playerCount", "features", "identifier",    "hostIdentifier", "connections",
    "username",   "content",  "sanitized",
    "origin",     "session",  "seq",            "pos",         "epoch",
    "position",   "outcome",  "lost",           "players",     "playerId",
    "id",         "target",   "fromId",         "fromName",    "toId",
    "toName",     "status",   "server",
};

/// The keys of each length (a key is found by comparing only the names of its length).
struct key_bucket {
    std::array<std::uint8_t, 8> keys{};
    std::size_t count = 0;
};
constexpr std::size_t longest_key = 14;
constexpr auto keys_by_length = [] {
    std::array<key_bucket, longest_key + 1> out{};
    for (std::size_t i = 0; i < key_names.size(); ++i) {
        key_bucket& b = out.at(key_names[i].size());
        b.keys.at(b.count++) = static_cast<std::uint8_t>(i);
    }
    return out;
}();

/// The known key named `name`, or json_key::count_.
json_key find_key(std::string_view name) noexcept {
    if (name.size() > longest_key) {
        return json_key::count_;
    }
    const key_bucket& b = keys_by_length[name.size()];
    for (std::size_t k = 0; k < b.count; ++k) {
        // At most 14 bytes: compared inline, a call to memcmp would cost more.
        const std::string_view candidate = key_names[b.keys[k]];
        std::size_t i = 0;
        while (i < name.size() && candidate[i] == name[i]) {
            ++i;
        }
        if (i == name.size()) {
            return static_cast<json_key>(b.keys[k]);
        }
    }
    return json_key::count_;
}

class parser {
public:
    parser(std::string_view text, std::size_t at, int max_depth)
        : text_(text), pos_(at), max_depth_(max_depth) {}

    /// One value at the cursor; `fields` (may be null) receives an object's known fields.
    bool value(json_value& out, int depth, json_fields* fields) {
        skip_space();
        if (pos_ >= text_.size()) {
            return fail("unexpected end of input");
        }
        switch (text_[pos_]) {
        case '{': return object(out, depth + 1, fields);
        case '[': return array(out, depth + 1);
        case '"': return string(out);
        case 't': return literal("true", json_type::boolean, true, out);
        case 'f': return literal("false", json_type::boolean, false, out);
        case 'n': return literal("null", json_type::null, false, out);
        default: return number(out);
        }
    }

    void skip_space() {
        while (pos_ < text_.size() && is_space(text_[pos_])) {
            ++pos_;
        }
    }

    /// After the separator or opening bracket: the next element of an array, if any.
    bool next_in_array(json_value& out) {
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
        }
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] == ']') {
            return false;
        }
        return value(out, 0, nullptr);
    }

    std::size_t position() const { return pos_; }
    const json_error& error() const { return error_; }

private:
    bool fail(const char* reason, json_error::kind what = json_error::kind::syntax) {
        error_ = {what, pos_, reason};
        return false;
    }

    bool literal(std::string_view word, json_type type, bool boolean, json_value& out) {
        if (text_.substr(pos_, word.size()) != word) {
            return fail("invalid literal");
        }
        out = json_value{};
        out.type = type;
        out.boolean = boolean;
        out.text = text_.substr(pos_, word.size());
        pos_ += word.size();
        return true;
    }

    bool object(json_value& out, int depth, json_fields* fields) {
        if (depth > max_depth_) {
            return fail("nested too deeply", json_error::kind::too_deep);
        }
        const std::size_t start = pos_++;
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
        } else {
            json_value scratch;
            for (;;) {
                skip_space();
                if (pos_ >= text_.size() || text_[pos_] != '"') {
                    return fail("expected a string key");
                }
                json_value key;
                if (!string(key)) {
                    return false;
                }
                skip_space();
                if (pos_ >= text_.size() || text_[pos_] != ':') {
                    return fail("expected ':' after a key");
                }
                ++pos_;
                json_value* slot = fields == nullptr ? nullptr : slot_for(key, *fields);
                if (!value(slot == nullptr ? scratch : *slot, depth, nullptr)) {
                    return false;
                }
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size() && text_[pos_] == '}') {
                    ++pos_;
                    break;
                }
                return fail("expected ',' or '}' in an object");
            }
        }
        out = json_value{};
        out.type = json_type::object;
        out.text = text_.substr(start, pos_ - start);
        return true;
    }

    static json_value* slot_for(const json_value& key, json_fields& fields) {
        const json_key known = key.escaped ? find_key(unescape(key)) : find_key(key.text);
        return known == json_key::count_ ? nullptr : &fields.slot(known);
    }

    bool array(json_value& out, int depth) {
        if (depth > max_depth_) {
            return fail("nested too deeply", json_error::kind::too_deep);
        }
        const std::size_t start = pos_++;
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
        } else {
            json_value element;
            for (;;) {
                if (!value(element, depth, nullptr)) {
                    return false;
                }
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size() && text_[pos_] == ']') {
                    ++pos_;
                    break;
                }
                return fail("expected ',' or ']' in an array");
            }
        }
        out = json_value{};
        out.type = json_type::array;
        out.text = text_.substr(start, pos_ - start);
        return true;
    }

    bool string(json_value& out) {
        const std::size_t start = ++pos_;
        bool escaped = false;
        for (;;) {
            pos_ = find_special_byte(text_, pos_);
            if (pos_ >= text_.size()) {
                return fail("unterminated string");
            }
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                if (!escape()) {
                    return false;
                }
            } else if (c < 0x20) {
                return fail("control character in a string (must be escaped)");
            } else {
                const std::size_t len = utf8_sequence_length(text_, pos_);
                if (len == 0) {
                    return fail("invalid UTF-8 in a string");
                }
                pos_ += len;
            }
        }
        out = json_value{};
        out.type = json_type::string;
        out.escaped = escaped;
        out.text = text_.substr(start, pos_ - start);
        ++pos_;
        return true;
    }

    /// At a backslash inside a string: checks one escape and moves past it.
    bool escape() {
        ++pos_;
        if (pos_ >= text_.size()) {
            return fail("unterminated string");
        }
        switch (text_[pos_]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            ++pos_;
            return true;
        case 'u': break;
        default: return fail("invalid escape in a string");
        }
        const long unit = hex4(text_, pos_ + 1);
        if (unit < 0) {
            return fail("\\u must be followed by four hex digits");
        }
        pos_ += 5;
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return fail("lone low surrogate escape in a string");
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const bool pair = text_.substr(pos_, 2) == "\\u";
            const long low = pair ? hex4(text_, pos_ + 2) : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                return fail("high surrogate escape not followed by a low surrogate escape");
            }
            pos_ += 6;
        }
        return true;
    }

    bool number(json_value& out) {
        const std::size_t start = pos_;
        const bool negative = text_[pos_] == '-';
        if (negative) {
            ++pos_;
        }
        if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
            return fail(negative ? "expected a digit after '-'" : "unexpected character");
        }
        if (text_[pos_++] != '0') {
            skip_digits();
        }
        bool integral = true;
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
                return fail("expected a digit after '.'");
            }
            skip_digits();
            integral = false;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
                ++pos_;
            }
            if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
                return fail("expected a digit in the exponent");
            }
            skip_digits();
            integral = false;
        }
        out = json_value{};
        out.text = text_.substr(start, pos_ - start);
        const char* first = out.text.data();
        const char* last = first + out.text.size();
        if (integral) {
            // As nlohmann: a negative integer is signed, a non-negative one unsigned, and one
            // that does not fit 64 bits is read as a double.
            const auto r = negative ? std::from_chars(first, last, out.integer)
                                    : std::from_chars(first, last, out.unsigned_value);
            if (r.ec == std::errc{}) {
                out.type = negative ? json_type::signed_integer : json_type::unsigned_integer;
                return true;
            }
        }
        out.type = json_type::floating;
        const auto r = std::from_chars(first, last, out.floating);
        if (r.ec == std::errc::result_out_of_range) {
            if (too_large_for_double(out.text)) {
                return fail("number too large for a double");
            }
            out.floating = 0.0;
        } else if (r.ec != std::errc{} || !std::isfinite(out.floating)) {
            return fail("number too large for a double");
        }
        return true;
    }

    void skip_digits() {
        while (pos_ < text_.size() && is_digit(text_[pos_])) {
            ++pos_;
        }
    }

    std::string_view text_;
    std::size_t pos_;
    int max_depth_;
    json_error error_;
};

constexpr int unlimited_depth = std::numeric_limits<int>::max() - 1;

} // namespace

std::string_view key_name(json_key key) noexcept {
    return key_names[static_cast<std::size_t>(key)];
}

bool parse_json(std::string_view text, int max_depth, json_value& root, json_fields& fields,
                json_error& error) {
    fields.clear();
    // nlohmann skips a UTF-8 byte order mark at the very start.
    const std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    parser p(text, start, max_depth);
    if (!p.value(root, 0, &fields)) {
        error = p.error();
        return false;
    }
    p.skip_space();
    if (p.position() != text.size()) {
        error = {json_error::kind::syntax, p.position(), "unexpected text after the JSON value"};
        return false;
    }
    return true;
}

void read_fields(const json_value& object, json_fields& fields) {
    fields.clear();
    json_value ignored;
    parser p(object.text, 0, unlimited_depth);
    p.value(ignored, 0, &fields);
}

bool next_element(const json_value& array, std::size_t& at, json_value& element) {
    parser p(array.text, at == 0 ? 1 : at, unlimited_depth);
    if (!p.next_in_array(element)) {
        return false;
    }
    at = p.position();
    return true;
}

} // namespace csc::protocol::detail
