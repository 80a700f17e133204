#pragma once
// Identities of acknowledged delivery (docs/delivery.md): who sent a packet (origin), which
// run of that server (session), its place in that run (seq), and which hub log (epoch) a
// log position belongs to.

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace csc::delivery {

/// A stable server id: 32 lowercase hex digits (128 random bits), generated once and kept
/// in Omegga's store, so a server is the same origin across reconnects and restarts.
using server_id = std::string;

/// The id of one hub log: 32 lowercase hex digits, new each time a log is created.
using epoch = std::string;

/// A position in one hub log: 1, 2, 3... never reused within an epoch (0 = before the first).
using position = std::uint64_t;

/// Largest seq, session or position we put on the wire (JavaScript's safe integers).
inline constexpr std::uint64_t max_wire_integer = (std::uint64_t{1} << 53) - 1;

/// Which packet: (origin, session, seq). `session` counts the origin's starts (persisted
/// beside the server id); `seq` counts from 1 within one session, without gaps.
struct message_id {
    server_id origin;
    std::uint64_t session = 0;
    std::uint64_t seq = 0;
    bool operator==(const message_id&) const = default;
};

/// A source of random 64-bit words (tests inject a fixed sequence).
using random_source = std::function<std::uint64_t()>;

/// A random source backed by std::random_device and a 64-bit Mersenne twister.
random_source default_random_source();

/// 32 lowercase hex digits from two words of `random`.
std::string random_hex_id(const random_source& random);

/// True for exactly 32 lowercase hex digits (what random_hex_id makes).
bool is_valid_hex_id(std::string_view id) noexcept;

} // namespace csc::delivery
