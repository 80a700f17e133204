#include "csc/protocol/packet.hpp"

#include "csc/protocol/overloaded.hpp"

namespace csc::protocol {
std::string_view to_string(whisper_result r) noexcept {
    switch (r) {
    case whisper_result::delivered: return "delivered";
    case whisper_result::offline: return "offline";
    case whisper_result::unsupported: return "unsupported";
    case whisper_result::unknown: break;
    }
    return "unknown";
}

whisper_result whisper_result_from(std::string_view text) noexcept {
    for (const auto r : {whisper_result::delivered, whisper_result::offline,
                         whisper_result::unsupported}) {
        if (text == to_string(r)) {
            return r;
        }
    }
    return whisper_result::unknown;
}

std::string_view type_name(const packet& p) {
    return std::visit(overloaded{
                          [](const handshake&) { return std::string_view{"handshake"}; },
                          [](const acknowledge&) { return std::string_view{"acknowledge"}; },
                          [](const connection&) { return std::string_view{"connection"}; },
                          [](const disconnect&) { return std::string_view{"disconnect"}; },
                          [](const join&) { return std::string_view{"join"}; },
                          [](const leave&) { return std::string_view{"leave"}; },
                          [](const message&) { return std::string_view{"message"}; },
                          [](const ack&) { return std::string_view{"ack"}; },
                          [](const resume&) { return std::string_view{"resume"}; },
                          [](const ping&) { return std::string_view{"ping"}; },
                          [](const pong&) { return std::string_view{"pong"}; },
                          [](const players&) { return std::string_view{"players"}; },
                          [](const whisper&) { return std::string_view{"whisper"}; },
                          [](const whisper_status&) { return std::string_view{"whisperStatus"}; },
                      },
                      p);
}

identifier origin_of(const packet& p) {
    return std::visit(overloaded{
                          [](const handshake&) -> identifier { return -1; },
                          [](const acknowledge&) -> identifier { return -1; },
                          [](const ack&) -> identifier { return -1; },
                          [](const resume&) -> identifier { return -1; },
                          [](const ping&) -> identifier { return -1; },
                          [](const pong&) -> identifier { return -1; },
                          [](const auto& v) -> identifier { return v.id; },
                      },
                      p);
}

} // namespace csc::protocol
