// The hub_log contract, run against both implementations: memory_log and sqlite_log.
#include "csc/delivery/hub_log.hpp"

#include "csc/delivery/errc.hpp"
#include "csc/delivery/memory_log.hpp"
#include "csc/delivery/sqlite_log.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const wall_time t0 = wall_time(std::chrono::hours(24 * 365 * 50));

struct memory_maker {
    std::unique_ptr<hub_log> make(retention_config retention) {
        return std::make_unique<memory_log>(retention);
    }
};

struct sqlite_maker {
    test::temp_dir dir;
    int count = 0;
    std::unique_ptr<hub_log> make(retention_config retention) {
        std::error_code ec;
        std::string detail;
        const std::string name = "log" + std::to_string(++count) + ".sqlite3";
        auto log = sqlite_log::open({dir.file(name.c_str()), retention, false}, ec, detail);
        EXPECT_FALSE(ec) << detail;
        return log;
    }
};

std::vector<log_record> records(const char* origin, std::uint64_t first_seq, std::size_t n) {
    std::vector<log_record> out;
    for (std::size_t i = 0; i < n; ++i) {
        const auto seq = first_seq + i;
        out.push_back({{origin, 1, seq}, "payload " + std::to_string(seq)});
    }
    return out;
}

std::vector<position> positions(const std::vector<log_entry>& entries) {
    std::vector<position> out;
    for (const auto& e : entries) {
        out.push_back(e.pos);
    }
    return out;
}

template <class Maker>
class HubLogContract : public ::testing::Test {
protected:
    std::unique_ptr<hub_log> make(retention_config retention = {}) {
        auto log = maker_.make(retention);
        if (!log) {
            ADD_FAILURE() << "the log did not open";
        }
        return log;
    }
    Maker maker_;
};

using makers = ::testing::Types<memory_maker, sqlite_maker>;
struct maker_names {
    template <class T>
    static std::string GetName(int) {
        return std::is_same_v<T, memory_maker> ? "Memory" : "Sqlite";
    }
};
TYPED_TEST_SUITE(HubLogContract, makers, maker_names);

TYPED_TEST(HubLogContract, ANewLogIsEmptyWithItsOwnEpoch) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    EXPECT_TRUE(is_valid_hex_id(log->log_epoch()));
    EXPECT_EQ(log->size(), 0U);
    EXPECT_EQ(log->last_position(), 0U);
    EXPECT_EQ(log->first_position(), 1U);
    const auto other = this->make();
    ASSERT_TRUE(other);
    EXPECT_NE(log->log_epoch(), other->log_epoch());
}

TYPED_TEST(HubLogContract, AppendGivesConsecutivePositionsAndReplayReturnsThemInOrder) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 3), t0));
    ASSERT_FALSE(log->append(records("b", 1, 2), t0 + 1s));
    EXPECT_EQ(log->last_position(), 5U);
    EXPECT_EQ(log->size(), 5U);
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(0, 100, out));
    EXPECT_EQ(positions(out), (std::vector<position>{1, 2, 3, 4, 5}));
    EXPECT_EQ(out[3].id, (message_id{"b", 1, 1}));
    EXPECT_EQ(out[3].payload, "payload 1");
    EXPECT_EQ(out[3].at, t0 + 1s);
    EXPECT_EQ(out[0].at, t0);
}

TYPED_TEST(HubLogContract, ReplayComesInBoundedBatches) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 10), t0));
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(2, 3, out));
    EXPECT_EQ(positions(out), (std::vector<position>{3, 4, 5}));
    ASSERT_FALSE(log->replay_after(9, 3, out));
    EXPECT_EQ(positions(out), (std::vector<position>{10}));
    ASSERT_FALSE(log->replay_after(10, 3, out));
    EXPECT_TRUE(out.empty());
    ASSERT_FALSE(log->replay_after(1000, 3, out));
    EXPECT_TRUE(out.empty());
    ASSERT_FALSE(log->replay_after(0, 0, out));
    EXPECT_TRUE(out.empty());
}

TYPED_TEST(HubLogContract, PayloadsAreKeptByteForByte) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    const std::string odd("a\0b\xff\n\"{", 7);
    const std::vector<log_record> batch{{{"o", 1, 1}, odd}, {{"o", 1, 2}, ""}};
    ASSERT_FALSE(log->append(batch, t0));
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(0, 10, out));
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[0].payload, odd);
    EXPECT_EQ(out[1].payload, "");
}

TYPED_TEST(HubLogContract, RetentionByCountKeepsTheNewest) {
    const auto log = this->make({.max_age = 1h, .max_count = 4});
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 3), t0));
    ASSERT_FALSE(log->append(records("a", 4, 3), t0));
    EXPECT_EQ(log->size(), 4U);
    EXPECT_EQ(log->first_position(), 3U);
    EXPECT_EQ(log->last_position(), 6U);
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(0, 100, out));
    EXPECT_EQ(positions(out), (std::vector<position>{3, 4, 5, 6}));
}

TYPED_TEST(HubLogContract, RetentionByAgeDropsOldEntries) {
    const auto log = this->make({.max_age = 10min, .max_count = 1000});
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 2), t0));
    ASSERT_FALSE(log->append(records("a", 3, 2), t0 + 5min));
    ASSERT_FALSE(log->trim(t0 + 10min));
    EXPECT_EQ(log->size(), 4U) << "exactly max_age old is kept";
    ASSERT_FALSE(log->trim(t0 + 12min));
    EXPECT_EQ(log->first_position(), 3U);
    EXPECT_EQ(log->size(), 2U);
    // An append applies retention too.
    ASSERT_FALSE(log->append(records("a", 5, 1), t0 + 16min));
    EXPECT_EQ(log->first_position(), 5U);
    EXPECT_EQ(log->size(), 1U);
}

TYPED_TEST(HubLogContract, PositionsAreNeverReusedAfterEverythingExpired) {
    const auto log = this->make({.max_age = 1min, .max_count = 1000});
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 3), t0));
    ASSERT_FALSE(log->trim(t0 + 2min));
    EXPECT_EQ(log->size(), 0U);
    EXPECT_EQ(log->first_position(), 4U);
    EXPECT_EQ(log->last_position(), 3U);
    ASSERT_FALSE(log->append(records("a", 4, 1), t0 + 2min));
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(0, 10, out));
    EXPECT_EQ(positions(out), (std::vector<position>{4}));
}

TYPED_TEST(HubLogContract, TimesNeverGoBackwardsWhenTheClockDoes) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    ASSERT_FALSE(log->append(records("a", 1, 1), t0 + 1min));
    ASSERT_FALSE(log->append(records("a", 2, 1), t0));
    std::vector<log_entry> out;
    ASSERT_FALSE(log->replay_after(0, 10, out));
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[1].at, t0 + 1min);
}

TYPED_TEST(HubLogContract, ABatchWithABadIdIsRefusedWhole) {
    const auto log = this->make();
    ASSERT_TRUE(log);
    auto batch = records("a", 1, 3);
    batch[2].id.seq = 0;
    EXPECT_EQ(log->append(batch, t0), make_error_code(errc::id_out_of_range));
    batch[2].id.seq = max_wire_integer + 1;
    EXPECT_EQ(log->append(batch, t0), make_error_code(errc::id_out_of_range));
    batch[2].id.seq = 3;
    batch[0].id.session = 0;
    EXPECT_EQ(log->append(batch, t0), make_error_code(errc::id_out_of_range));
    EXPECT_FALSE(log->last_error().empty());
    EXPECT_EQ(log->size(), 0U);
    EXPECT_EQ(log->last_position(), 0U);
    EXPECT_FALSE(log->append({}, t0)) << "an empty batch is fine";
    EXPECT_EQ(log->last_position(), 0U);
}

TYPED_TEST(HubLogContract, ManyBatchesKeepTheirOrder) {
    const auto log = this->make({.max_age = 1h, .max_count = 500});
    ASSERT_TRUE(log);
    for (std::uint64_t b = 0; b < 20; ++b) {
        ASSERT_FALSE(log->append(records("a", b * 50 + 1, 50), t0 + std::chrono::seconds(b)));
    }
    EXPECT_EQ(log->size(), 500U);
    position after = log->first_position() - 1;
    std::uint64_t expect_seq = 501;
    std::vector<log_entry> out;
    do {
        ASSERT_FALSE(log->replay_after(after, 64, out));
        for (const auto& e : out) {
            EXPECT_EQ(e.pos, after + 1);
            EXPECT_EQ(e.id.seq, expect_seq++);
            after = e.pos;
        }
    } while (!out.empty());
    EXPECT_EQ(after, 1000U);
}

} // namespace
} // namespace csc::delivery
