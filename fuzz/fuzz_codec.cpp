// Fuzz target: protocol::decode on one hostile frame, and the encode/decode round trip.
//
//  - decode never throws or crashes; a failure carries a protocol error code and a detail;
//  - a decoded packet, encoded with or without extensions, is one line ending in '\n' that
//    decodes again to an equal packet (without extensions: features cleared, sanitized false);
//  - encoding is stable: encoding the re-decoded packet gives the same bytes.

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "csc/protocol/packet.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <variant>

namespace {

using csc::fuzz::check;
namespace protocol = csc::protocol;

/// What a peer without extensions receives of `p`.
protocol::packet without_extensions(protocol::packet p) {
    if (auto* h = std::get_if<protocol::handshake>(&p)) {
        h->features.clear();
        h->origin.clear();
        h->session = 0;
    } else if (auto* a = std::get_if<protocol::acknowledge>(&p)) {
        a->features.clear();
        a->epoch.clear();
        a->position.reset();
    } else if (auto* m = std::get_if<protocol::message>(&p)) {
        m->sanitized = false;
        m->delivery = {};
    } else if (auto* j = std::get_if<protocol::join>(&p)) {
        j->delivery = {};
    } else if (auto* l = std::get_if<protocol::leave>(&p)) {
        l->delivery = {};
    }
    return p;
}

void check_round_trip(const protocol::packet& value, bool extensions, std::string_view input) {
    const protocol::encode_options opts{extensions};
    const std::string line = protocol::encode(value, opts);
    check(!line.empty() && line.back() == '\n', "encoding does not end in a newline", input);
    check(line.find_first_of("\r\n") == line.size() - 1, "encoding spans more than one line",
          input);

    const protocol::decode_result again = protocol::decode(line);
    check(static_cast<bool>(again), "an encoded packet does not decode", line);
    const protocol::packet expected = extensions ? value : without_extensions(value);
    check(again.value == expected, "round trip changed the packet", input);
    check(protocol::encode(again.value, opts) == line, "encoding is not stable", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = csc::fuzz::as_text(data, size);
    protocol::decode_result r;
    try {
        r = protocol::decode(input);
    } catch (const std::exception& e) {
        check(false, e.what(), input);
    } catch (...) {
        check(false, "decode threw a non-std exception", input);
    }
    if (!r) {
        check(r.error.category() == protocol::protocol_category(),
              "decode error not from the protocol category", input);
        check(!r.detail.empty(), "decode error without a detail", input);
        return 0;
    }
    check(!protocol::type_name(r.value).empty(), "decoded packet without a type name", input);
    check_round_trip(r.value, true, input);
    check_round_trip(r.value, false, input);
    return 0;
}
