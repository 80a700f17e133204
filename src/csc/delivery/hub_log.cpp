#include "csc/delivery/hub_log.hpp"

#include "csc/delivery/errc.hpp"

namespace csc::delivery {

std::error_code validate_batch(std::span<const log_record> batch) noexcept {
    for (const auto& r : batch) {
        if (r.id.seq == 0 || r.id.seq > max_wire_integer || r.id.session == 0 ||
            r.id.session > max_wire_integer) {
            return errc::id_out_of_range;
        }
    }
    return {};
}

} // namespace csc::delivery
