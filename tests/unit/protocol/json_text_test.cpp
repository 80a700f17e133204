// The byte scans of json_text.hpp against a byte-at-a-time reference: every text length
// around the sixteen-byte block, every starting offset, a sought byte in every lane. The
// texts live in buffers of exactly their size, so a scan reading past the end fails under
// AddressSanitizer.
#include "csc/protocol/json_text.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace csc::protocol::detail {
namespace {

std::size_t reference_special(std::string_view text, std::size_t i) {
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
            return i;
        }
    }
    return text.size();
}

unsigned reference_events(std::string_view text, std::size_t i) {
    unsigned out = 0;
    for (std::size_t k = 0; k < block && i + k < text.size(); ++k) {
        const char c = text[i + k];
        if (c == '"' || c == '\\' || c == '{' || c == '}' || c == '[' || c == ']') {
            out |= 1U << k;
        }
    }
    return out;
}

TEST(JsonText, ScansAgreeWithAByteAtATimeReference) {
    const std::string sought = std::string("\"\\{}[]\x01\x1f\x7f\x80\xff", 11);
    for (std::size_t size = 0; size <= 40; ++size) {
        for (std::size_t at = 0; at <= size; ++at) { // at == size: nothing sought
            for (const char b : sought) {
                const auto buffer = std::make_unique<char[]>(size == 0 ? 1 : size);
                for (std::size_t k = 0; k < size; ++k) {
                    buffer[k] = static_cast<char>('a' + k % 26);
                }
                if (at < size) {
                    buffer[at] = b;
                }
                const std::string_view text(buffer.get(), size);
                for (std::size_t i = 0; i <= size; ++i) {
                    ASSERT_EQ(find_special_byte(text, i), reference_special(text, i))
                        << "size " << size << ", byte " << int(b) << " at " << at << ", from " << i;
                    if (i < size) {
                        ASSERT_EQ(structural_events(text, i), reference_events(text, i))
                            << "size " << size << ", byte " << int(b) << " at " << at << ", from " << i;
                    }
                }
            }
        }
    }
}

} // namespace
} // namespace csc::protocol::detail
