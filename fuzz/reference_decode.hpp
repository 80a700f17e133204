#pragma once
// The decoder as it was before the hand-written JSON reader: nlohmann::json's DOM, then
// field-by-field validation. Kept here only as the oracle of fuzz_decode_differential.

#include "csc/protocol/codec.hpp"

#include <string_view>

namespace csc::fuzz::reference {

/// protocol::decode as implemented on nlohmann::json.
protocol::decode_result decode(std::string_view frame);

} // namespace csc::fuzz::reference
