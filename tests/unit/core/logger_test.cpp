// logger: level names, the level filter of stderr_logger, and the convenience methods.
#include "csc/core/logger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace csc::core {
namespace {

/// Records what it is given, like a sink in a test.
class recording_logger final : public logger {
public:
    void log(log_level level, std::string_view line) override { lines.emplace_back(level, line); }
    std::vector<std::pair<log_level, std::string>> lines;
};

TEST(Logger, LevelNames) {
    EXPECT_EQ(to_string(log_level::debug), "debug");
    EXPECT_EQ(to_string(log_level::info), "info");
    EXPECT_EQ(to_string(log_level::warn), "warn");
    EXPECT_EQ(to_string(log_level::error), "error");
}

TEST(Logger, ConvenienceMethodsPassTheLevel) {
    recording_logger log;
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    const std::vector<std::pair<log_level, std::string>> expected = {
        {log_level::debug, "d"}, {log_level::info, "i"}, {log_level::warn, "w"}, {log_level::error, "e"}};
    EXPECT_EQ(log.lines, expected);
}

TEST(Logger, StderrLoggerFiltersBelowItsLevel) {
    stderr_logger log(log_level::warn);
    testing::internal::CaptureStderr();
    log.debug("hidden");
    log.info("hidden too");
    log.warn("shown");
    log.error(std::string_view("with\0nul", 8));
    const std::string out = testing::internal::GetCapturedStderr();
    EXPECT_EQ(out, std::string("warn: shown\nerror: with\0nul\n", 28));
}

TEST(Logger, StderrLoggerDefaultsToInfo) {
    stderr_logger log;
    testing::internal::CaptureStderr();
    log.debug("hidden");
    log.info("shown");
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "info: shown\n");
}

} // namespace
} // namespace csc::core
