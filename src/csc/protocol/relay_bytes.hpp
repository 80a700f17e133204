#pragma once
// Relaying a chat frame as it came: when a received frame is byte for byte what the encoder
// would write for the packet about to be relayed (but for the identifier's digits, which the
// host replaces with the sender's), the host can copy the frame instead of encoding the
// packet again. See docs/performance.md, "Relaying the frame as it came", for why nothing
// can be smuggled through.

#include "csc/protocol/codec.hpp"
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

/// Appends `frame` with `id`'s digits in place of its identifier's, and a newline. `layout`
/// must be decode(frame).plain with `taken` set; the result is encode(p) for the decoded
/// packet p with identifier `id` as long as nothing else of p changed since (its username
/// and content, e.g. by core::clean_packet, or an extension field set).
void append_with_identifier(std::string& out, std::string_view frame, const plain_layout& layout,
                            identifier id);

} // namespace csc::protocol
