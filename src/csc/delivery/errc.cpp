#include "csc/delivery/errc.hpp"

#include <string>

namespace csc::delivery {
namespace {

class category final : public std::error_category {
public:
    const char* name() const noexcept override { return "csc.delivery"; }
    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
        case errc::log_unavailable: return "hub log cannot be opened";
        case errc::log_corrupt: return "hub log is corrupt or not a database";
        case errc::log_foreign: return "file is a database but not a hub log";
        case errc::log_schema_too_new: return "hub log was written by a newer version";
        case errc::log_write_failed: return "hub log append failed";
        case errc::log_read_failed: return "hub log read failed";
        case errc::id_out_of_range: return "seq or session out of range";
        }
        return "unknown delivery error";
    }
};

} // namespace

const std::error_category& delivery_category() noexcept {
    static const category instance;
    return instance;
}

std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), delivery_category()};
}

} // namespace csc::delivery
