#include "csc/protocol/field_reader.hpp"

#include <cmath>

namespace csc::protocol::detail {
namespace {

std::string out_of_range_detail(std::int64_t min, std::int64_t max) {
    return "out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")";
}

} // namespace

std::int64_t field_reader::integer(json_key key, std::int64_t min, std::int64_t max) {
    const json_value* v = find(key);
    if (v == nullptr) {
        return 0;
    }
    std::int64_t value = 0;
    if (v->type == json_type::unsigned_integer) {
        if (v->unsigned_value > static_cast<std::uint64_t>(max)) {
            fail(errc::out_of_range, key, "out of range");
            return 0;
        }
        value = static_cast<std::int64_t>(v->unsigned_value);
    } else if (v->type == json_type::signed_integer) {
        value = v->integer;
    } else if (v->type == json_type::floating) {
        const double d = v->floating; // always finite: the reader refuses the others
        if (std::trunc(d) != d) {
            fail(errc::wrong_type, key, "expected an integer");
            return 0;
        }
        if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
            fail(errc::out_of_range, key, "out of range");
            return 0;
        }
        value = static_cast<std::int64_t>(d);
    } else {
        fail(errc::wrong_type, key, "expected an integer");
        return 0;
    }
    if (value < min || value > max) {
        fail(errc::out_of_range, key, out_of_range_detail(min, max));
        return 0;
    }
    return value;
}

std::string field_reader::string(json_key key) {
    std::string out;
    string_into(key, out);
    return out;
}

void field_reader::string_into(json_key key, std::string& out) {
    const json_value* v = find(key);
    if (v == nullptr) {
        return;
    }
    if (v->type != json_type::string) {
        fail(errc::wrong_type, key, "expected a string");
        return;
    }
    if (v->escaped) {
        out = unescape(*v);
    } else {
        out.assign(v->text);
    }
}

std::string field_reader::non_empty(json_key key) {
    std::string out = string(key);
    if (ok() && out.empty()) {
        fail(errc::out_of_range, key, "empty");
    }
    return out;
}

std::string field_reader::optional_string(json_key key) {
    if (!has(key)) {
        return {};
    }
    return string(key);
}

server_info field_reader::info() {
    server_info out;
    string_into(json_key::name, out.name);
    string_into(json_key::color, out.color);
    string_into(json_key::prefix, out.prefix);
    return out;
}

const json_value* field_reader::object(json_key key) {
    const json_value* v = find(key);
    if (v != nullptr && v->type != json_type::object) {
        fail(errc::wrong_type, key, "expected an object");
        return nullptr;
    }
    return v;
}

const json_value* field_reader::array(json_key key) {
    const json_value* v = find(key);
    if (v != nullptr && v->type != json_type::array) {
        fail(errc::wrong_type, key, "expected an array");
        return nullptr;
    }
    return v;
}

std::vector<std::string> field_reader::features() {
    std::vector<std::string> out;
    const json_value& v = fields_[json_key::features];
    if (v.type == json_type::absent) {
        return out;
    }
    if (v.type != json_type::array) {
        fail(errc::wrong_type, json_key::features, "expected an array");
        return out;
    }
    json_value item;
    for (std::size_t at = 0; next_element(v, at, item);) {
        if (item.type == json_type::string) {
            out.push_back(unescape(item));
        }
    }
    return out;
}

const json_value* field_reader::find(json_key key) {
    const json_value& v = fields_[key];
    if (v.type == json_type::absent) {
        fail(errc::missing_field, key, "missing");
        return nullptr;
    }
    return &v;
}

void field_reader::fail(errc e, json_key key, std::string_view what) {
    if (!error_) {
        error_ = e;
        detail_.append("field '").append(key_name(key)).append("': ").append(what);
    }
}

} // namespace csc::protocol::detail
