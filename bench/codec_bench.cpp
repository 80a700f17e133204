// csc-codec-bench: the protocol layer's per-message cost on the hub's hot path, alone.
// Decodes and encodes a typical chat `message` frame (the one csc-bench sends: 100-byte
// content) many times and prints nanoseconds and heap allocations per operation. Run it
// under `valgrind --tool=callgrind` for instruction counts (docs/performance.md).
//
// Usage: csc-codec-bench [ITERATIONS] [CONTENT_BYTES]

#include "csc/core/validate.hpp"
#include "csc/protocol/codec.hpp"
#include "csc/protocol/frame_splitter.hpp"
#include "csc/protocol/relay_bytes.hpp"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

namespace {

/// Heap allocations made through operator new since the start.
std::size_t allocations = 0;

/// Not inlined, so that callgrind shows each operation's loop as a function of its own.
template <class F>
[[gnu::noinline]] void measure(const char* what, long iterations, F&& body) {
    const std::size_t allocs_before = allocations;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i) {
        body();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double ns = std::chrono::duration<double, std::nano>(elapsed).count();
    std::printf("%-28s %9.1f ns/op  %6.2f allocations/op\n", what,
                ns / static_cast<double>(iterations),
                static_cast<double>(allocations - allocs_before) / static_cast<double>(iterations));
}

} // namespace

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
    namespace protocol = csc::protocol;
    const long iterations = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 1000000;
    const long content_bytes = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 100;
    if (iterations <= 0 || content_bytes < 0) {
        std::fprintf(stderr, "usage: csc-codec-bench [ITERATIONS] [CONTENT_BYTES]\n");
        return 2;
    }
    std::string content = "@@00000000000000000000000000000000000000";
    content.resize(static_cast<std::size_t>(content_bytes), 'x');
    const protocol::packet typical = protocol::message{3, "bench-3", content, false};
    const std::string frame = protocol::encode(typical);
    std::printf("frame: %zu bytes, %ld iterations\n", frame.size(), iterations);

    std::size_t sink = 0;
    measure("decode(message)", iterations, [&] {
        const auto r = protocol::decode(frame);
        sink += r ? 1 : 0;
    });
    const auto decoded = protocol::decode(frame);
    if (!decoded) {
        std::fprintf(stderr, "csc-codec-bench: the frame does not decode: %s\n",
                     decoded.detail.c_str());
        return 1;
    }
    measure("encode(message)", iterations, [&] { sink += protocol::encode(decoded.value).size(); });
    protocol::frame_splitter splitter;
    measure("frame_splitter(message)", iterations, [&] {
        splitter.feed(frame);
        std::string_view out;
        while (splitter.next(out) == protocol::frame_splitter::status::frame) {
            sink += out.size();
        }
    });
    protocol::packet cleaned = decoded.value;
    measure("clean_packet(message)", iterations, [&] {
        csc::core::clean_packet(cleaned);
        sink += std::get<protocol::message>(cleaned).content.size();
    });
    std::string relayed;
    measure("append_as_encoded(message)", iterations, [&] {
        relayed.clear();
        sink += protocol::append_as_encoded(relayed, frame, decoded.value) ? 1 : 0;
    });
    // The hub's path for one relayed frame after the splitter: decode into a kept result,
    // validate with what decode proved, splice the sender's identifier into the frame.
    protocol::decode_result kept;
    measure("relay path(message)", iterations, [&] {
        protocol::decode_into(frame, kept);
        const bool changed = csc::core::clean_packet(
            kept.value, {},
            {.printable = kept.plain.printable, .names_without_markup = kept.plain.username_without_markup});
        relayed.clear();
        if (kept.plain.taken && !changed) {
            protocol::append_with_identifier(relayed, frame, kept.plain, 3);
        }
        sink += relayed.size();
    });
    return sink == 0 ? 1 : 0;
}
