#include "csc/auth/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>

namespace csc::auth {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[data[i] >> 4U]);
        out.push_back(digits[data[i] & 0x0FU]);
    }
    return out;
}

} // namespace

std::string make_nonce() {
    std::array<unsigned char, nonce_bytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return {};
    }
    return to_hex(bytes.data(), bytes.size());
}

std::string make_proof(std::string_view secret, std::string_view label, std::string_view first,
                       std::string_view second) {
    std::string input;
    input.reserve(label.size() + first.size() + second.size());
    input.append(label).append(first).append(second);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const unsigned char* ok =
        HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data(),
             &length);
    if (ok == nullptr) {
        return {}; // never equal to a received proof (those are checked to be 64 digits)
    }
    return to_hex(digest.data(), length);
}

bool proofs_equal(std::string_view expected, std::string_view received) {
    if (expected.size() != hex_digits || received.size() != expected.size()) {
        return false;
    }
    return CRYPTO_memcmp(expected.data(), received.data(), expected.size()) == 0;
}

bool is_hex64(std::string_view text) {
    if (text.size() != hex_digits) {
        return false;
    }
    for (const char c : text) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) {
            return false;
        }
    }
    return true;
}

} // namespace csc::auth
