#pragma once
// How deeply a JSON text nests, counted without parsing it, so that recursive parsers
// and printers (nlohmann's) are never handed a text that could overflow the stack.

#include <string_view>

namespace csc::protocol {

/// Deepest array/object nesting outside strings; stops counting once past `limit`.
int json_nesting_depth(std::string_view text, int limit);

} // namespace csc::protocol
