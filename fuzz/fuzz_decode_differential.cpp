// Fuzz target: protocol::decode (the hand-written JSON reader) against the nlohmann-based
// decoder it replaced (reference_decode.cpp), on the same hostile frame.
//
//  - both accept, or both refuse with the same error code;
//  - when both accept, the packets are equal;
//  - when both refuse for a reason other than invalid JSON, the details are equal too
//    (an invalid-JSON detail is each parser's own sentence).
//
// One deliberate difference: nlohmann's lexer takes a NUL byte where it expects a token for
// the end of the input, so it accepts `{...}` followed by NUL and anything at all; decode
// refuses that as invalid JSON. For an input holding a NUL byte, decode may therefore refuse
// as invalid JSON what the reference accepts (every other outcome must still agree).

#include "csc/protocol/codec.hpp"
#include "csc/protocol/errc.hpp"
#include "fuzz_check.hpp"
#include "reference_decode.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

namespace protocol = csc::protocol;
using csc::fuzz::check;

[[noreturn]] void mismatch(const char* what, const protocol::decode_result& ours,
                           const protocol::decode_result& theirs, std::string_view input) {
    std::string message = what;
    message += "\n  decode:    " + (ours ? std::string("ok") : ours.error.message() + ": " + ours.detail);
    message += "\n  reference: " +
               (theirs ? std::string("ok") : theirs.error.message() + ": " + theirs.detail);
    check(false, message.c_str(), input);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = csc::fuzz::as_text(data, size);
    const protocol::decode_result ours = protocol::decode(input);
    const protocol::decode_result theirs = csc::fuzz::reference::decode(input);
    if (!ours && ours.error == protocol::errc::invalid_json &&
        input.find('\0') != std::string_view::npos) {
        return 0; // the NUL difference above
    }
    if (static_cast<bool>(ours) != static_cast<bool>(theirs) || ours.error != theirs.error) {
        mismatch("decode and the reference disagree on the outcome", ours, theirs, input);
    }
    if (ours && !(ours.value == theirs.value)) {
        mismatch("decode and the reference decode different packets", ours, theirs, input);
    }
    if (!ours && ours.error != protocol::errc::invalid_json && ours.detail != theirs.detail) {
        mismatch("decode and the reference give different details", ours, theirs, input);
    }
    return 0;
}
