#pragma once
// Packets shared by the protocol unit tests: one of every type, with and without
// extensions, and strings that stress escaping and framing.

#include "csc/protocol/packet.hpp"

#include <string>
#include <vector>

namespace csc::protocol::test {

/// A string with every character a JSON encoder or a brace counter can trip on.
inline const std::string tricky =
    "braces { } [ ] quote \" backslash \\ \\\" slash / tab\t newline\n cr\r "
    "utf8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 end\\";

/// One packet of every type, extension fields set where the type has them.
inline std::vector<packet> every_packet_with_extensions() {
    const server_info info{"Server \xE2\x98\x85", "00aaff", "[x]"};
    return {
        handshake{1, info, 12, {"sanitized", "future-thing"}},
        acknowledge{3, 0, 7,
                    {{1, {"One", "ff0000", "[1]"}}, {2, {"Two", "00ff00", "[2]"}},
                     {0, {"Host", "0000ff", "[h]"}}},
                    {"sanitized"}},
        connection{4, info, 5},
        disconnect{4},
        join{2, "Alice"},
        leave{2, "Bob"},
        message{2, "Carol", "hello &lt;b&gt;", true},
    };
}

/// The same packets as an original (protocol v1 only) peer sends them: no extensions.
inline std::vector<packet> every_packet_plain() {
    std::vector<packet> out = every_packet_with_extensions();
    for (auto& p : out) {
        if (auto* h = std::get_if<handshake>(&p)) {
            h->features.clear();
        } else if (auto* a = std::get_if<acknowledge>(&p)) {
            a->features.clear();
        } else if (auto* m = std::get_if<message>(&p)) {
            m->sanitized = false;
        }
    }
    return out;
}

/// Packets whose strings contain braces, escapes, newlines and multi-byte UTF-8.
inline std::vector<packet> tricky_packets() {
    return {
        handshake{1, {tricky, "abcdef", "{["}, 0, {"sanitized"}},
        message{1, "}{", tricky, true},
        join{1, "\"}"},
        message{2, "\\", "{\"type\":\"message\"}", false},
        acknowledge{1, 0, 2, {{0, {tricky, "000000", "]}"}}}, {}},
        leave{1, "\xE6\x97\xA5\xE6\x9C\xAC"},
    };
}

} // namespace csc::protocol::test
