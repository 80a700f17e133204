#pragma once
// Relaying a chat frame as it came: when a received frame is byte for byte what the encoder
// would write for the packet about to be relayed (but for the identifier's digits, which the
// host replaces with the sender's), the host can copy the frame instead of encoding the
// packet again. See docs/performance.md, "Relaying the frame as it came", for why nothing
// can be smuggled through.

#include "csc/protocol/packet.hpp"

#include <string>
#include <string_view>

namespace csc::protocol {

/// When `p` is a join, leave or message without extension fields (no `sanitized`, delivery
/// stamp or player id) and `frame` (one frame as the splitter cut it, without its newline)
/// is exactly what encode(p) writes with any identifier digits in place of p's, appends
/// encode(p) to `out` built from `frame` and returns true; otherwise leaves `out` as it is
/// and returns false. The result never differs from encode(p) (any encode_options).
bool append_as_encoded(std::string& out, std::string_view frame, const packet& p);

} // namespace csc::protocol
