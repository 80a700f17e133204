#pragma once
// The link's side of link authentication, sans I/O. With a secret, the link announces
// "auth" and a fresh nonce in its handshake, checks the hub's proof in its challenge
// (a hub without the secret is refused: authentication is mutual), answers with its
// own proof, and refuses an acknowledge that came without a valid challenge.
// Without a secret it adds nothing and refuses any challenge (it cannot answer one).

#include "csc/protocol/packet.hpp"

#include <string>
#include <string_view>

namespace csc::auth {

/// What the link does after an auth packet or an acknowledge.
struct link_step {
    enum class action {
        proceed, ///< carry on (send `bytes` if any)
        refuse,  ///< log `reason` (a warning), send `bytes` (if any), close
    };
    action what = action::proceed;
    std::string bytes;
    std::string reason;
};

class link_auth {
public:
    /// `secret` is copied; empty: no authentication.
    explicit link_auth(std::string secret) : secret_(std::move(secret)) {}

    /// True with a secret.
    bool enabled() const noexcept { return !secret_.empty(); }
    /// Starts a new connection: a fresh nonce, nothing verified. Returns the handshake
    /// line to send (`hello` with "auth" and the nonce added when enabled).
    std::string handshake(protocol::handshake hello);
    /// A frame before the acknowledge that may be an auth packet. Sets `handled` to
    /// false (and returns `proceed` with no bytes) when it is none.
    link_step on_frame(std::string_view frame, bool& handled);
    /// The acknowledge arrived: refused when enabled and the hub never proved itself.
    link_step on_acknowledge() const;

private:
    /// A refusal logged as `reason`; `tell`: the hub gets a `refused` packet saying `told`.
    link_step refuse(std::string reason, bool tell, std::string_view told = {}) const;

    std::string secret_;
    std::string nonce_;
    bool hub_verified_ = false;
    bool answered_ = false;
};

} // namespace csc::auth
