// How many packets per second the SQLite hub log accepts, batched as the hub would batch them.
// Not a test: run it by hand (build/tests/hub_log_throughput [messages] [batch] [full]).
#include "csc/delivery/sqlite_log.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace csc::delivery;
    const std::size_t messages = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500000;
    const std::size_t batch_size = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 256;
    const bool full_sync = argc > 3 && std::string(argv[3]) == "full";
    if (messages == 0 || batch_size == 0) {
        std::fprintf(stderr, "usage: hub_log_throughput [messages>0] [batch>0] [full]\n");
        return 2;
    }
    const auto dir = std::filesystem::temp_directory_path() /
                     ("csc-log-bench-" + random_hex_id(default_random_source()));
    std::filesystem::create_directories(dir);
    int status = 0;
    {
        std::error_code ec;
        std::string detail;
        const auto log = sqlite_log::open(
            {(dir / "hub.sqlite3").string(), {std::chrono::minutes(10), 100000}, full_sync}, ec,
            detail);
        if (!log) {
            std::fprintf(stderr, "%s\n", detail.c_str());
            return 1;
        }
        // A typical relayed chat message, encoded.
        const std::string payload =
            R"({"type":"message","identifier":3,"username":"Player)"
            R"(","content":"hello there, this is a chat line of ordinary length","sanitized":true})";
        const auto origin = random_hex_id(default_random_source());
        std::vector<log_record> batch(batch_size);
        std::uint64_t seq = 0;
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t done = 0; done < messages && status == 0; done += batch_size) {
            const std::size_t n = std::min(batch_size, messages - done);
            batch.resize(n);
            for (auto& r : batch) {
                r.id = {origin, 1, ++seq};
                r.payload = payload;
            }
            if (log->append(batch, std::chrono::system_clock::now())) {
                std::fprintf(stderr, "%s\n", log->last_error().c_str());
                status = 1;
            }
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%zu messages in batches of %zu (%s sync): %.3f s, %.0f messages/s, "
                    "%zu kept\n",
                    messages, batch_size, full_sync ? "full" : "normal", seconds,
                    static_cast<double>(messages) / seconds, log->size());
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return status;
}
