#include "csc/link/client.hpp"

#include <gtest/gtest.h>

namespace {

using csc::link::effective_reconnect_interval;
using std::chrono::seconds;

TEST(EffectiveReconnectInterval, KeepsPositiveValues) {
    EXPECT_EQ(effective_reconnect_interval(seconds{1}), seconds{1});
    EXPECT_EQ(effective_reconnect_interval(seconds{60}), seconds{60});
    EXPECT_EQ(effective_reconnect_interval(seconds{86400}), seconds{86400});
}

TEST(EffectiveReconnectInterval, ZeroAndNegativeBecomeFifteenSeconds) {
    EXPECT_EQ(effective_reconnect_interval(seconds{0}), seconds{15});
    EXPECT_EQ(effective_reconnect_interval(seconds{-1}), seconds{15});
    EXPECT_EQ(effective_reconnect_interval(seconds::min()), seconds{15});
}

TEST(EffectiveReconnectInterval, DefaultConfigIsUsedAsIs) {
    const csc::link::client_config config;
    EXPECT_EQ(effective_reconnect_interval(config.reconnect_interval), config.reconnect_interval);
}

} // namespace
