#include "csc/delivery/ids.hpp"

#include <algorithm>
#include <memory>
#include <random>

namespace csc::delivery {

random_source default_random_source() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    auto engine = std::make_shared<std::mt19937_64>(seed);
    return [engine] { return (*engine)(); };
}

std::string random_hex_id(const random_source& random) {
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(32);
    for (int word = 0; word < 2; ++word) {
        const std::uint64_t bits = random();
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.push_back(digits[(bits >> shift) & 0xFU]);
        }
    }
    return out;
}

bool is_valid_hex_id(std::string_view id) noexcept {
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace csc::delivery
