// sqlite_log only: reopening a file, WAL, one hub per file, and files it must refuse clearly.
#include "csc/delivery/sqlite_log.hpp"

#include "csc/delivery/errc.hpp"
#include "support/temp_dir.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace csc::delivery {
namespace {

using namespace std::chrono_literals;
const wall_time t0 = wall_time(std::chrono::hours(24 * 365 * 50));

struct opened {
    std::unique_ptr<sqlite_log> log;
    std::error_code ec;
    std::string detail;
};

opened open_at(const std::string& path, retention_config retention = {}) {
    opened o;
    o.log = sqlite_log::open({path, retention, false}, o.ec, o.detail);
    return o;
}

std::vector<log_record> records(std::uint64_t first_seq, std::size_t n) {
    std::vector<log_record> out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back({{"origin", 1, first_seq + i}, "p" + std::to_string(first_seq + i)});
    }
    return out;
}

// Runs SQL on a file through a separate plain connection.
void run_sql(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
}

TEST(SqliteLog, ReopeningKeepsTheEpochTheEntriesAndThePositions) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    epoch first_epoch;
    {
        auto o = open_at(path);
        ASSERT_TRUE(o.log) << o.detail;
        EXPECT_TRUE(o.log->created());
        first_epoch = o.log->log_epoch();
        ASSERT_FALSE(o.log->append(records(1, 5), t0));
    }
    auto o = open_at(path);
    ASSERT_TRUE(o.log) << o.detail;
    EXPECT_FALSE(o.log->created());
    EXPECT_EQ(o.log->log_epoch(), first_epoch);
    EXPECT_EQ(o.log->size(), 5U);
    EXPECT_EQ(o.log->first_position(), 1U);
    EXPECT_EQ(o.log->last_position(), 5U);
    ASSERT_FALSE(o.log->append(records(6, 1), t0 + 1s));
    std::vector<log_entry> out;
    ASSERT_FALSE(o.log->replay_after(3, 10, out));
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(out[0].pos, 4U);
    EXPECT_EQ(out[0].payload, "p4");
    EXPECT_EQ(out[0].at, t0);
    EXPECT_EQ(out[2].pos, 6U);
}

TEST(SqliteLog, PositionsSurviveAReopenAfterEverythingExpired) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    {
        auto o = open_at(path, {.max_age = 1min, .max_count = 100});
        ASSERT_TRUE(o.log) << o.detail;
        ASSERT_FALSE(o.log->append(records(1, 3), t0));
        ASSERT_FALSE(o.log->trim(t0 + 5min));
        EXPECT_EQ(o.log->size(), 0U);
    }
    auto o = open_at(path);
    ASSERT_TRUE(o.log) << o.detail;
    EXPECT_EQ(o.log->last_position(), 3U);
    EXPECT_EQ(o.log->first_position(), 4U);
    ASSERT_FALSE(o.log->append(records(4, 1), t0 + 6min));
    EXPECT_EQ(o.log->last_position(), 4U);
}

TEST(SqliteLog, TheFileIsInWalMode) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    auto o = open_at(path);
    ASSERT_TRUE(o.log) << o.detail;
    ASSERT_FALSE(o.log->append(records(1, 1), t0));
    EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteLog, ASecondHubOnTheSameFileIsRefused) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    auto first = open_at(path);
    ASSERT_TRUE(first.log) << first.detail;
    ASSERT_FALSE(first.log->append(records(1, 1), t0));
    auto second = open_at(path);
    EXPECT_FALSE(second.log);
    EXPECT_EQ(second.ec, make_error_code(errc::log_unavailable));
    EXPECT_NE(second.detail.find(path), std::string::npos) << second.detail;
    EXPECT_FALSE(first.log->append(records(2, 1), t0)) << "the first keeps working";
}

TEST(SqliteLog, AReopenedLogHoldsItsLockBeforeItsFirstAppend) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    {
        auto created = open_at(path);
        ASSERT_TRUE(created.log) << created.detail;
        ASSERT_FALSE(created.log->append(records(1, 2), t0));
    }
    auto first = open_at(path);
    ASSERT_TRUE(first.log) << first.detail;
    auto second = open_at(path);
    EXPECT_FALSE(second.log);
    EXPECT_EQ(second.ec, make_error_code(errc::log_unavailable));
    EXPECT_FALSE(first.log->append(records(3, 1), t0));
    EXPECT_EQ(first.log->last_position(), 3U);
}

TEST(SqliteLog, AFileThatIsNotADatabaseIsAClearError) {
    const test::temp_dir dir;
    const auto path = dir.file("garbage.sqlite3");
    {
        std::ofstream out(path, std::ios::binary);
        for (int i = 0; i < 2000; ++i) {
            out << "this is not a database " << i << '\n';
        }
    }
    const auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec, make_error_code(errc::log_corrupt));
    EXPECT_NE(o.detail.find(path), std::string::npos) << o.detail;
    EXPECT_NE(o.detail.find("not a database"), std::string::npos) << o.detail;
}

TEST(SqliteLog, ADamagedDatabaseNeverCrashes) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    {
        auto o = open_at(path);
        ASSERT_TRUE(o.log) << o.detail;
        for (std::uint64_t b = 0; b < 20; ++b) {
            ASSERT_FALSE(o.log->append(records(b * 100 + 1, 100), t0));
        }
    }
    // Checkpointed into the main file by the close; now scribble over its later pages.
    const auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 8192U);
    {
        std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
        for (std::uintmax_t at = 4096; at + 64 < size; at += 1500) {
            f.seekp(static_cast<std::streamoff>(at));
            f << "#################################################";
        }
    }
    auto o = open_at(path);
    if (!o.log) {
        EXPECT_EQ(o.ec.category(), delivery_category());
        EXPECT_FALSE(o.detail.empty());
        return;
    }
    std::vector<log_entry> out;
    position after = 0;
    for (int i = 0; i < 100; ++i) {
        const auto ec = o.log->replay_after(after, 100, out);
        if (ec) {
            EXPECT_EQ(ec, make_error_code(errc::log_read_failed));
            EXPECT_FALSE(o.log->last_error().empty());
            break;
        }
        if (out.empty()) {
            break;
        }
        after = out.back().pos;
    }
    const auto ec = o.log->append(records(5000, 10), t0);
    if (ec) {
        EXPECT_EQ(ec, make_error_code(errc::log_write_failed));
    }
}

TEST(SqliteLog, ADatabaseOfAnotherProgramIsRefused) {
    const test::temp_dir dir;
    const auto path = dir.file("other.sqlite3");
    run_sql(path, "CREATE TABLE users(name TEXT); INSERT INTO users VALUES('x');");
    const auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec, make_error_code(errc::log_foreign));
    EXPECT_NE(o.detail.find(path), std::string::npos) << o.detail;
}

TEST(SqliteLog, ANewerSchemaIsRefused) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    ASSERT_TRUE(open_at(path).log);
    run_sql(path, "PRAGMA user_version=99");
    const auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec, make_error_code(errc::log_schema_too_new));
    EXPECT_NE(o.detail.find("99"), std::string::npos) << o.detail;
}

TEST(SqliteLog, BrokenMetadataIsCorrupt) {
    const test::temp_dir dir;
    const auto path = dir.file("hub.sqlite3");
    ASSERT_TRUE(open_at(path).log);
    run_sql(path, "UPDATE meta SET value='not hex' WHERE key='epoch'");
    auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec, make_error_code(errc::log_corrupt));

    const auto path2 = dir.file("hub2.sqlite3");
    {
        auto ok = open_at(path2);
        ASSERT_TRUE(ok.log);
        ASSERT_FALSE(ok.log->append(records(1, 3), t0));
    }
    run_sql(path2, "UPDATE meta SET value='1' WHERE key='last_position'");
    o = open_at(path2);
    EXPECT_FALSE(o.log) << "entries beyond the recorded last position";
    EXPECT_EQ(o.ec, make_error_code(errc::log_corrupt));

    const auto path3 = dir.file("hub3.sqlite3");
    ASSERT_TRUE(open_at(path3).log);
    run_sql(path3, "DROP TABLE entries");
    o = open_at(path3);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec.category(), delivery_category());
    EXPECT_FALSE(o.detail.empty());
}

TEST(SqliteLog, AFolderThatDoesNotExistIsUnavailable) {
    const test::temp_dir dir;
    const auto path = dir.file("missing/folder/hub.sqlite3");
    const auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec, make_error_code(errc::log_unavailable));
    EXPECT_NE(o.detail.find(path), std::string::npos) << o.detail;
}

TEST(SqliteLog, APathThatIsAFolderIsUnavailable) {
    const test::temp_dir dir;
    const auto path = dir.file("a-folder");
    std::filesystem::create_directories(path);
    const auto o = open_at(path);
    EXPECT_FALSE(o.log);
    EXPECT_EQ(o.ec.category(), delivery_category());
    EXPECT_NE(o.detail.find(path), std::string::npos) << o.detail;
}

TEST(SqliteLog, FullSyncWorksToo) {
    const test::temp_dir dir;
    std::error_code ec;
    std::string detail;
    const auto log = sqlite_log::open({dir.file("hub.sqlite3"), {}, true}, ec, detail);
    ASSERT_TRUE(log) << detail;
    ASSERT_FALSE(log->append(records(1, 10), t0));
    EXPECT_EQ(log->size(), 10U);
}

} // namespace
} // namespace csc::delivery
