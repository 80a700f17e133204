#include "csc/auth/link_auth.hpp"

#include "csc/auth/auth_packets.hpp"
#include "csc/auth/crypto.hpp"
#include "csc/core/validate.hpp"
#include "csc/protocol/codec.hpp"

namespace csc::auth {
namespace {

/// Cap on a peer's refusal reason in our log lines.
constexpr std::size_t max_reason = 120;

} // namespace

link_step link_auth::refuse(std::string reason, bool tell, std::string_view told) const {
    link_step step{link_step::action::refuse, {}, std::move(reason)};
    if (tell) {
        step.bytes = encode(refused{"authentication failed: " + std::string(told)});
    }
    return step;
}

std::string link_auth::handshake(protocol::handshake hello) {
    hub_verified_ = false;
    answered_ = false;
    nonce_.clear();
    if (!enabled()) {
        return protocol::encode(hello);
    }
    nonce_ = make_nonce();
    hello.features.emplace_back(feature);
    return add_nonce(protocol::encode(hello), nonce_);
}

link_step link_auth::on_frame(std::string_view frame, bool& handled) {
    decoded d = decode(frame);
    handled = d.value.has_value() || !d.error.empty();
    if (!handled) {
        return {};
    }
    if (!d.value) {
        return refuse("the hub sent a malformed auth packet (" + d.error + ")", enabled(),
                      "malformed auth packet");
    }
    if (const auto* r = std::get_if<refused>(&*d.value)) {
        return refuse("the hub refused us: " + core::clean_label(r->reason, max_reason), false);
    }
    const auto* c = std::get_if<challenge>(&*d.value);
    if (c == nullptr) {
        return refuse("the hub sent an auth packet meant for a hub", enabled(),
                      "unexpected auth packet");
    }
    if (!enabled()) {
        return refuse("the hub requires authentication, and no secret is configured", false);
    }
    if (answered_) {
        return refuse("the hub sent a second challenge", true, "a second challenge");
    }
    if (nonce_.empty()) {
        return refuse("no random nonce available for authentication", true,
                      "no nonce on the link");
    }
    if (!is_hex64(c->nonce) ||
        !proofs_equal(make_proof(secret_, hub_label, nonce_, c->nonce), c->proof)) {
        return refuse("the hub failed to prove it knows the secret (wrong secret on one side?)",
                      true, "wrong secret (the hub's proof does not match the link's secret)");
    }
    hub_verified_ = true;
    answered_ = true;
    return {link_step::action::proceed, encode(proof{make_proof(secret_, link_label, c->nonce, nonce_)}),
            {}};
}

link_step link_auth::on_acknowledge() const {
    if (enabled() && !hub_verified_) {
        return refuse("the hub did not authenticate itself (no secret configured there, or an "
                      "original host), refusing it",
                      true, "the hub did not authenticate itself (no secret on the hub?)");
    }
    return {};
}

} // namespace csc::auth
