#pragma once
// The names Brickadia shows as emoji when written `<emoji>name</>` (Omegga's EMOTES list).

#include <span>
#include <string_view>

namespace csc::omegga {

/// True for a name in the Brickadia emote list (case-sensitive, as Omegga checks it).
bool is_emote(std::string_view name) noexcept;

/// Every known emote name, sorted by byte value.
std::span<const std::string_view> emote_names() noexcept;

} // namespace csc::omegga
