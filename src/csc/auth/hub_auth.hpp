#pragma once
// The hub's side of link authentication, sans I/O: it is told the link's handshake and
// the frames that follow, and answers what to send and whether to go on. One object
// per connection; both nonces are fresh per connection, so a recorded exchange never
// passes again.
//
//   no secret:        handshake -> admit (protocol v1 exactly)
//   secret:           handshake(auth, nonce) -> send challenge -> frame(auth proof) -> admit
//                     anything else -> refuse (with a `refused` packet if the link
//                     announced features, so it can log why)

#include "csc/protocol/packet.hpp"

#include <string>
#include <string_view>

namespace csc::auth {

/// What the hub does next with a connection in authentication.
struct hub_step {
    enum class action {
        admit,  ///< send the acknowledge and announce the link
        wait,   ///< send `bytes`, then wait for the link's next frame
        refuse, ///< log `reason`, send `bytes` (if any), close
    };
    action what = action::refuse;
    std::string bytes;
    std::string reason;
};

class hub_auth {
public:
    /// `secret` must outlive this object; empty: no authentication.
    explicit hub_auth(std::string_view secret) : secret_(secret) {}

    /// The link's handshake (`frame`: its raw text, for the extension fields).
    hub_step on_handshake(const protocol::handshake& h, std::string_view frame);
    /// A frame from the link while waiting for its proof.
    hub_step on_frame(std::string_view frame);
    /// True between the challenge and the link's proof.
    bool waiting() const noexcept { return waiting_; }
    /// True once the link proved it knows the secret.
    bool authenticated() const noexcept { return authenticated_; }

private:
    hub_step refuse(std::string reason, bool tell);

    std::string_view secret_;
    std::string link_nonce_;
    std::string hub_nonce_;
    bool tell_ = false; ///< the link announced features: it may receive a `refused`
    bool waiting_ = false;
    bool authenticated_ = false;
};

} // namespace csc::auth
