#pragma once
// Drives a frame_splitter over chunks of bytes, as a reader loop would, for the tests.

#include "csc/protocol/frame_splitter.hpp"

#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace csc::protocol::test {

/// What feeding some chunks produced: the frames (copied), and the error if any.
struct outcome {
    std::vector<std::string> frames;
    std::error_code error;
    std::size_t buffered = 0; ///< buffered() at the end (or at the error)
};

/// Feeds each chunk, then takes every frame it completes; stops at the first error.
inline outcome run(frame_splitter& s, const std::vector<std::string_view>& chunks) {
    outcome out;
    for (auto chunk : chunks) {
        s.feed(chunk);
        std::string_view frame;
        for (;;) {
            const auto st = s.next(frame);
            if (st == frame_splitter::status::frame) {
                out.frames.emplace_back(frame);
            } else {
                if (st == frame_splitter::status::error) {
                    out.error = s.error();
                    out.buffered = s.buffered();
                    return out;
                }
                break;
            }
        }
    }
    out.buffered = s.buffered();
    return out;
}

/// The same with a fresh splitter of cap `cap`.
inline outcome run(const std::vector<std::string_view>& chunks,
                   std::size_t cap = default_max_frame) {
    frame_splitter s(cap);
    return run(s, chunks);
}

/// `bytes` cut into chunks of one byte.
inline std::vector<std::string_view> bytewise(std::string_view bytes) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out.push_back(bytes.substr(i, 1));
    }
    return out;
}

} // namespace csc::protocol::test
