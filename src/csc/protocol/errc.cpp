#include "csc/protocol/errc.hpp"

#include <string>

namespace csc::protocol {
namespace {

class category final : public std::error_category {
public:
    const char* name() const noexcept override { return "csc.protocol"; }
    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
        case errc::invalid_json: return "not valid JSON";
        case errc::not_an_object: return "not a JSON object";
        case errc::nesting_too_deep: return "JSON nested too deeply";
        case errc::missing_field: return "required field missing";
        case errc::wrong_type: return "field has the wrong type";
        case errc::out_of_range: return "number out of range";
        case errc::unknown_type: return "unknown packet type";
        case errc::frame_too_long: return "frame exceeds the size cap";
        case errc::garbage: return "bytes outside any JSON object";
        }
        return "unknown protocol error";
    }
};

} // namespace

const std::error_category& protocol_category() noexcept {
    static const category instance;
    return instance;
}

std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), protocol_category()};
}

} // namespace csc::protocol
