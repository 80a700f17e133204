// Fuzz target: protocol::frame_splitter on a hostile TCP byte stream.
//
// The input is the stream itself (so seeds are readable packets). It is fed in chunks whose
// sizes derive from the bytes at each cut, with a frame cap chosen from the input's checksum,
// and checked against the same stream fed in one piece:
//  - a frame is non-empty, starts with '{', ends with '}' and is at most max_frame bytes;
//  - buffered() never exceeds the bytes fed minus the bytes returned as frames;
//  - after an error, next() says error forever (even after more bytes), with the same code;
//  - chunking changes nothing: the same frames, then the same outcome (except that a frame over
//    the cap may fail as too long before another problem of that frame is reached).

#include "csc/protocol/errc.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "fuzz_check.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using csc::fuzz::check;
using csc::protocol::frame_splitter;

/// What a splitter made of a stream: its frames, then how it stopped.
struct outcome {
    std::vector<std::string> frames;
    std::error_code error; ///< empty when it stopped needing more bytes
};

/// Caps to try; the default most often, small ones so oversized frames are reachable.
std::size_t pick_max_frame(std::string_view input) {
    static constexpr std::array<std::size_t, 8> caps{csc::protocol::default_max_frame,
                                                     csc::protocol::default_max_frame,
                                                     csc::protocol::default_max_frame,
                                                     1,
                                                     16,
                                                     64,
                                                     256,
                                                     1024};
    const unsigned sum = std::accumulate(input.begin(), input.end(), 0U, [](unsigned acc, char c) {
        return acc + static_cast<unsigned char>(c);
    });
    return caps[sum % caps.size()];
}

/// Calls next() until it needs more bytes or fails, checking every frame.
/// Returns false once the splitter is in error.
bool drain(frame_splitter& s, std::string_view input, std::size_t fed, std::size_t& returned,
           outcome& out) {
    for (;;) {
        std::string_view frame;
        switch (s.next(frame)) {
        case frame_splitter::status::frame:
            check(!frame.empty(), "empty frame", input);
            check(frame.front() == '{', "frame does not start with '{'", input);
            check(frame.back() == '}', "frame does not end with '}'", input);
            check(frame.size() <= s.max_frame(), "frame longer than max_frame", input);
            check(!s.error(), "error() set after a frame", input);
            returned += frame.size();
            check(s.buffered() <= fed - returned, "buffered() exceeds what was fed", input);
            out.frames.emplace_back(frame);
            break;
        case frame_splitter::status::need_more:
            check(!s.error(), "error() set while needing more", input);
            check(s.buffered() <= fed - returned, "buffered() exceeds what was fed", input);
            return true;
        case frame_splitter::status::error:
            check(static_cast<bool>(s.error()), "error status without error()", input);
            check(s.error().category() == csc::protocol::protocol_category(),
                  "error() not from the protocol category", input);
            out.error = s.error();
            return false;
        }
    }
}

/// Once failed, the splitter stays failed with the same reason.
void check_sticky_error(frame_splitter& s, std::string_view input) {
    const std::error_code first = s.error();
    std::string_view frame;
    for (int i = 0; i < 2; ++i) {
        check(s.next(frame) == frame_splitter::status::error, "error not sticky", input);
    }
    s.feed("{}\n{\"type\":\"join\"}");
    check(s.next(frame) == frame_splitter::status::error, "error not sticky after feed", input);
    check(s.error() == first, "error code changed after the first error", input);
}

outcome run_chunked(std::string_view input, std::size_t max_frame) {
    frame_splitter s(max_frame);
    outcome out;
    std::size_t fed = 0;
    std::size_t returned = 0;
    while (fed < input.size()) {
        const auto at = static_cast<unsigned char>(input[fed]);
        const std::size_t chunk = 1 + (at + fed) % 29;
        const std::string_view piece = input.substr(fed, chunk);
        s.feed(piece);
        fed += piece.size();
        if (!drain(s, input, fed, returned, out)) {
            check_sticky_error(s, input);
            return out;
        }
    }
    return out;
}

outcome run_whole(std::string_view input, std::size_t max_frame) {
    frame_splitter s(max_frame);
    outcome out;
    std::size_t returned = 0;
    s.feed(input);
    if (!drain(s, input, input.size(), returned, out)) {
        check_sticky_error(s, input);
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = csc::fuzz::as_text(data, size);
    const std::size_t max_frame = pick_max_frame(input);
    const outcome chunked = run_chunked(input, max_frame);
    const outcome whole = run_whole(input, max_frame);
    check(chunked.frames == whole.frames, "chunking changed the frames", input);
    // The cap is checked when a chunk runs out, so a frame over the cap may fail as too long
    // before the scan reaches a later problem of that frame (nesting, a stray ']').
    const bool too_long = chunked.error == csc::protocol::errc::frame_too_long ||
                          whole.error == csc::protocol::errc::frame_too_long;
    check(chunked.error == whole.error || (too_long && chunked.error && whole.error),
          "chunking changed the outcome", input);
    return 0;
}
