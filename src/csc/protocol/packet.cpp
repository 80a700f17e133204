#include "csc/protocol/packet.hpp"

#include "csc/protocol/overloaded.hpp"

namespace csc::protocol {
namespace {

} // namespace

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
