// ids: random hex ids (server ids and epochs) and their validation.
#include "csc/delivery/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace csc::delivery {
namespace {

TEST(DeliveryIds, HexIdIsTwoWordsInLowercaseHex) {
    std::uint64_t words[] = {0x0123456789abcdefULL, 0xfedcba9876543210ULL};
    int i = 0;
    const auto id = random_hex_id([&] { return words[i++]; });
    EXPECT_EQ(id, "0123456789abcdeffedcba9876543210");
    EXPECT_TRUE(is_valid_hex_id(id));
}

TEST(DeliveryIds, DefaultSourceGivesDistinctValidIds) {
    const auto random = default_random_source();
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const auto id = random_hex_id(random);
        EXPECT_TRUE(is_valid_hex_id(id)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100U);
}

TEST(DeliveryIds, ValidationRefusesOtherShapes) {
    EXPECT_FALSE(is_valid_hex_id(""));
    EXPECT_FALSE(is_valid_hex_id("0123456789abcdef"));
    EXPECT_FALSE(is_valid_hex_id("0123456789ABCDEF0123456789abcdef"));
    EXPECT_FALSE(is_valid_hex_id("0123456789abcdef0123456789abcdeg"));
    EXPECT_FALSE(is_valid_hex_id("0123456789abcdef0123456789abcdef0"));
    EXPECT_FALSE(is_valid_hex_id(std::string_view("0123456789abcdef\0" "123456789abcdef", 32)));
}

TEST(DeliveryIds, MessageIdsCompareByAllThreeParts) {
    const message_id a{"o", 1, 2};
    EXPECT_EQ(a, (message_id{"o", 1, 2}));
    EXPECT_NE(a, (message_id{"p", 1, 2}));
    EXPECT_NE(a, (message_id{"o", 2, 2}));
    EXPECT_NE(a, (message_id{"o", 1, 3}));
}

} // namespace
} // namespace csc::delivery
