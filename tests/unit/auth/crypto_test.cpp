// HMAC-SHA256 proofs, nonces and their comparison.

#include "csc/auth/crypto.hpp"

#include <gtest/gtest.h>

#include <set>

namespace csc::auth {
namespace {

TEST(AuthCrypto, ProofIsHmacSha256OfLabelAndNonces) {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    EXPECT_EQ(make_proof("Jefe", "what do ya want ", "for nothing", "?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(AuthCrypto, LabelsSeparateTheRoles) {
    const std::string a(64, 'a');
    const std::string b(64, 'b');
    EXPECT_NE(make_proof("s", hub_label, a, b), make_proof("s", link_label, a, b));
    EXPECT_NE(make_proof("s", hub_label, a, b), make_proof("s", hub_label, b, a));
    EXPECT_NE(make_proof("s", hub_label, a, b), make_proof("t", hub_label, a, b));
    EXPECT_EQ(make_proof("s", hub_label, a, b).size(), hex_digits);
}

TEST(AuthCrypto, NoncesAreFreshHex) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string n = make_nonce();
        EXPECT_TRUE(is_hex64(n)) << n;
        seen.insert(n);
    }
    EXPECT_EQ(seen.size(), 100U);
}

TEST(AuthCrypto, ProofsCompareOnlyWhenEqualAndWellFormed) {
    const std::string p = make_proof("s", hub_label, "x", "y");
    EXPECT_TRUE(proofs_equal(p, p));
    std::string other = p;
    other.back() = other.back() == '0' ? '1' : '0';
    EXPECT_FALSE(proofs_equal(p, other));
    EXPECT_FALSE(proofs_equal(p, p.substr(1)));
    EXPECT_FALSE(proofs_equal(p, ""));
    EXPECT_FALSE(proofs_equal("", ""));
    EXPECT_FALSE(proofs_equal(p, p + "0"));
}

TEST(AuthCrypto, Hex64) {
    EXPECT_TRUE(is_hex64(std::string(64, 'F')));
    EXPECT_FALSE(is_hex64(std::string(63, 'a')));
    EXPECT_FALSE(is_hex64(std::string(65, 'a')));
    EXPECT_FALSE(is_hex64(std::string(63, 'a') + "g"));
    EXPECT_FALSE(is_hex64(""));
}

} // namespace
} // namespace csc::auth
