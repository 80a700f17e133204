#pragma once
// The extension packets and fields of feature "auth" (docs/protocol.md, "Extensions"),
// kept apart from protocol::packet: they only ever cross a connection before its
// acknowledge, so the relay's codec never sees them.
//
//   link -> hub  handshake + "features":[..., "auth"], "nonce": LINK_NONCE
//   hub -> link  {"type":"challenge","nonce":HUB_NONCE,"proof":HMAC(hub label | link | hub)}
//   link -> hub  {"type":"auth","proof":HMAC(link label | hub nonce | link nonce)}
//   hub -> link  acknowledge (with "auth" in its features)
//   either way   {"type":"refused","reason":"..."} just before closing

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace csc::auth {

/// The feature name announced in the handshake and the acknowledge.
inline constexpr std::string_view feature = "auth";

/// hub -> link: the hub's nonce and its proof that it knows the secret.
struct challenge {
    std::string nonce;
    std::string proof;
    bool operator==(const challenge&) const = default;
};

/// link -> hub (`"type":"auth"`): the link's proof that it knows the secret.
struct proof {
    std::string value;
    bool operator==(const proof&) const = default;
};

/// Either way: why the sender is closing the connection.
struct refused {
    std::string reason;
    bool operator==(const refused&) const = default;
};

using auth_packet = std::variant<challenge, proof, refused>;

/// One line, newline-terminated, as the protocol codec writes packets.
std::string encode(const auth_packet& p);

/// What decode made of a frame.
struct decoded {
    /// The auth packet; empty when the frame is none (or is a malformed one: see error).
    std::optional<auth_packet> value;
    /// Set when the frame names an auth packet type but is malformed.
    std::string error;
};

/// Reads one frame as an auth packet; never throws. A frame of another type (or not
/// JSON at all) gives an empty result with no error: it is for the protocol codec.
decoded decode(std::string_view frame);

/// `encoded_handshake` (one line from protocol::encode) with `"nonce":NONCE` added.
std::string add_nonce(std::string encoded_handshake, std::string_view nonce);

/// The `nonce` field of a handshake frame, if it is a string.
std::optional<std::string> nonce_of(std::string_view handshake_frame);

} // namespace csc::auth
