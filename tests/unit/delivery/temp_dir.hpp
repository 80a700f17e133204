#pragma once
// A fresh folder under the system's temporary directory, removed with everything in it.

#include "csc/delivery/ids.hpp"

#include <filesystem>
#include <system_error>

namespace csc::delivery::testing {

class temp_dir {
public:
    temp_dir()
        : path_(std::filesystem::temp_directory_path() /
                ("csc-delivery-" + random_hex_id(default_random_source()))) {
        std::filesystem::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    /// A path inside the folder.
    std::string file(const char* name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

} // namespace csc::delivery::testing
