#include "csc/auth/hub_auth.hpp"

#include "csc/auth/auth_packets.hpp"
#include "csc/auth/crypto.hpp"
#include "csc/core/validate.hpp"

#include <algorithm>

namespace csc::auth {
namespace {

/// Cap on a peer's refusal reason in our log lines.
constexpr std::size_t max_reason = 120;

} // namespace

hub_step hub_auth::refuse(std::string reason, bool tell) {
    waiting_ = false;
    hub_step step{hub_step::action::refuse, {}, std::move(reason)};
    if (tell) {
        step.bytes = encode(refused{step.reason});
    }
    return step;
}

hub_step hub_auth::on_handshake(const protocol::handshake& h, std::string_view frame) {
    if (secret_.empty()) {
        return {hub_step::action::admit, {}, {}};
    }
    tell_ = !h.features.empty();
    const bool announced =
        std::find(h.features.begin(), h.features.end(), feature) != h.features.end();
    if (!announced) {
        return refuse("authentication required", tell_);
    }
    auto nonce = nonce_of(frame);
    if (!nonce || !is_hex64(*nonce)) {
        return refuse("authentication failed: the handshake has no valid nonce", tell_);
    }
    link_nonce_ = std::move(*nonce);
    hub_nonce_ = make_nonce();
    if (hub_nonce_.empty()) {
        return refuse("authentication failed: no random nonce available on the hub", tell_);
    }
    waiting_ = true;
    return {hub_step::action::wait,
            encode(challenge{hub_nonce_, make_proof(secret_, hub_label, link_nonce_, hub_nonce_)}),
            {}};
}

hub_step hub_auth::on_frame(std::string_view frame) {
    if (!waiting_) {
        return refuse("authentication failed: unexpected packet", tell_);
    }
    const decoded d = decode(frame);
    if (!d.value) {
        return refuse(d.error.empty() ? "authentication failed: expected an auth packet"
                                      : "authentication failed: " + d.error,
                      tell_);
    }
    if (const auto* r = std::get_if<refused>(&*d.value)) {
        return refuse("it refused the hub: " + core::clean_label(r->reason, max_reason), false);
    }
    const auto* p = std::get_if<proof>(&*d.value);
    if (p == nullptr) {
        return refuse("authentication failed: expected an auth packet", tell_);
    }
    const std::string expected = make_proof(secret_, link_label, hub_nonce_, link_nonce_);
    if (!proofs_equal(expected, p->value)) {
        return refuse("authentication failed: wrong secret", tell_);
    }
    waiting_ = false;
    authenticated_ = true;
    return {hub_step::action::admit, {}, {}};
}

} // namespace csc::auth
