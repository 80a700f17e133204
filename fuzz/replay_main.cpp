// Runs a fuzz target's entry point once on each input file, without libFuzzer, so the
// regular (gcc) build replays the seed corpora and the kept crash inputs as ctest tests.
//
// Usage: replay_TARGET PATH...   (a folder means every regular file in it, in name order;
// arguments starting with '-' are libFuzzer flags and are ignored). A failing check aborts.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

/// Every input named by `arg`: the file itself, or the regular files of the folder.
std::vector<fs::path> inputs_of(const fs::path& arg) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
        for (const auto& entry : fs::directory_iterator(arg, ec)) {
            if (entry.is_regular_file(ec)) {
                out.push_back(entry.path());
            }
        }
        std::sort(out.begin(), out.end());
    } else if (fs::is_regular_file(arg, ec)) {
        out.push_back(arg);
    }
    return out;
}

bool run_one(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return false;
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A copy in its own allocation, so ASan sees reads past the end as libFuzzer would.
    const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), data.size());
    LLVMFuzzerTestOneInput(data.data(), data.size());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with('-')) {
            continue;
        }
        const auto paths = inputs_of(arg);
        if (paths.empty()) {
            std::fprintf(stderr, "replay: %s: no input files\n", arg.c_str());
            ok = false;
        }
        for (const auto& path : paths) {
            ok = run_one(path) && ok;
            ++count;
        }
    }
    std::fprintf(stderr, "replay: %zu inputs, %s\n", count, ok ? "all passed" : "FAILED");
    return ok ? 0 : 1;
}
