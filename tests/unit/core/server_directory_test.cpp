// server_directory: announcement order, replacement in place, removal.
#include "csc/core/server_directory.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace csc::core {
namespace {

server make(protocol::identifier id, const char* name) {
    return {id, {name, "00aaff", std::string("[") + name + "]"}};
}

std::vector<protocol::identifier> ids(const server_directory& d) {
    std::vector<protocol::identifier> out;
    for (const auto& s : d.list()) {
        out.push_back(s.id);
    }
    return out;
}

TEST(ServerDirectory, StartsEmpty) {
    const server_directory d;
    EXPECT_EQ(d.size(), 0U);
    EXPECT_TRUE(d.list().empty());
    EXPECT_EQ(d.find(0), nullptr);
}

TEST(ServerDirectory, UpsertKeepsAnnouncementOrder) {
    server_directory d;
    for (protocol::identifier id : {3, 1, 0, 7, 2}) {
        d.upsert(make(id, "s"));
    }
    EXPECT_EQ(ids(d), (std::vector<protocol::identifier>{3, 1, 0, 7, 2}));
    EXPECT_EQ(d.size(), 5U);
}

TEST(ServerDirectory, UpsertReplacesInPlace) {
    server_directory d;
    d.upsert(make(1, "one"));
    d.upsert(make(2, "two"));
    d.upsert(make(3, "three"));
    d.upsert(make(2, "renamed"));
    EXPECT_EQ(ids(d), (std::vector<protocol::identifier>{1, 2, 3}));
    ASSERT_NE(d.find(2), nullptr);
    EXPECT_EQ(d.find(2)->info.name, "renamed");
    EXPECT_EQ(d.find(2)->info.prefix, "[renamed]");
    EXPECT_EQ(d.list()[1], make(2, "renamed"));
}

TEST(ServerDirectory, RemoveReturnsTheRemovedEntry) {
    server_directory d;
    d.upsert(make(1, "one"));
    d.upsert(make(2, "two"));
    d.upsert(make(3, "three"));
    const auto removed = d.remove(2);
    ASSERT_TRUE(removed.has_value());
    EXPECT_EQ(*removed, make(2, "two"));
    EXPECT_EQ(ids(d), (std::vector<protocol::identifier>{1, 3}));
    EXPECT_EQ(d.find(2), nullptr);
}

TEST(ServerDirectory, RemoveUnknownReturnsNothing) {
    server_directory d;
    EXPECT_FALSE(d.remove(5).has_value());
    d.upsert(make(5, "five"));
    ASSERT_TRUE(d.remove(5).has_value());
    EXPECT_FALSE(d.remove(5).has_value()) << "removed twice";
    EXPECT_EQ(d.size(), 0U);
}

TEST(ServerDirectory, ReaddedServerGoesToTheEnd) {
    server_directory d;
    d.upsert(make(1, "one"));
    d.upsert(make(2, "two"));
    d.remove(1);
    d.upsert(make(1, "one again"));
    EXPECT_EQ(ids(d), (std::vector<protocol::identifier>{2, 1}));
}

TEST(ServerDirectory, FindAndClear) {
    server_directory d;
    d.upsert(make(0, "host"));
    d.upsert(make(4, "four"));
    ASSERT_NE(d.find(0), nullptr);
    EXPECT_EQ(d.find(0)->info.name, "host");
    EXPECT_EQ(d.find(-1), nullptr);
    d.clear();
    EXPECT_EQ(d.size(), 0U);
    EXPECT_EQ(d.find(4), nullptr);
}

} // namespace
} // namespace csc::core
