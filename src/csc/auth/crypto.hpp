#pragma once
// The cryptography of link authentication (docs/security.md), over OpenSSL's
// libcrypto: fresh nonces, HMAC-SHA256 proofs, and their constant-time comparison.

#include <cstddef>
#include <string>
#include <string_view>

namespace csc::auth {

/// Bytes in one nonce (written as twice as many hex digits).
inline constexpr std::size_t nonce_bytes = 32;
/// Hex digits in a nonce or a proof.
inline constexpr std::size_t hex_digits = 64;

/// Domain-separation labels: a proof made for one role never passes for the other.
inline constexpr std::string_view hub_label = "csc-auth-v1 hub";
inline constexpr std::string_view link_label = "csc-auth-v1 link";

/// A fresh random nonce from RAND_bytes, as 64 lowercase hex digits; empty if the
/// random generator failed (the caller then refuses the connection).
std::string make_nonce();

/// HMAC-SHA256(secret, label | first | second) as 64 lowercase hex digits.
std::string make_proof(std::string_view secret, std::string_view label, std::string_view first,
                       std::string_view second);

/// True when `received` equals `expected`, compared in constant time (CRYPTO_memcmp).
bool proofs_equal(std::string_view expected, std::string_view received);

/// True for exactly 64 lowercase or uppercase hex digits (a nonce or a proof).
bool is_hex64(std::string_view text);

} // namespace csc::auth
