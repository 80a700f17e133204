#include "csc/auth/auth_packets.hpp"

#include "csc/protocol/overloaded.hpp"

#include <nlohmann/json.hpp>

namespace csc::auth {
namespace {

using json = nlohmann::json;

using protocol::overloaded;

/// `type` first, as every packet we write.
std::string line(const nlohmann::ordered_json& j) {
    std::string out = j.dump(-1, ' ', false, json::error_handler_t::replace);
    out.push_back('\n');
    return out;
}

json parse_object(std::string_view frame) {
    json j = json::parse(frame, nullptr, false);
    return j.is_object() ? j : json();
}

/// The string field `key`, or nullopt (missing or not a string).
std::optional<std::string> string_field(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

} // namespace

std::string encode(const auth_packet& p) {
    return std::visit(
        overloaded{
            [](const challenge& c) {
                return line({{"type", "challenge"}, {"nonce", c.nonce}, {"proof", c.proof}});
            },
            [](const proof& a) { return line({{"type", "auth"}, {"proof", a.value}}); },
            [](const refused& r) { return line({{"type", "refused"}, {"reason", r.reason}}); },
        },
        p);
}

decoded decode(std::string_view frame) {
    const json j = parse_object(frame);
    if (!j.is_object()) {
        return {};
    }
    const auto type = string_field(j, "type");
    if (!type) {
        return {};
    }
    if (*type == "challenge") {
        auto nonce = string_field(j, "nonce");
        auto hub_proof = string_field(j, "proof");
        if (!nonce || !hub_proof) {
            return {std::nullopt, "challenge without string fields 'nonce' and 'proof'"};
        }
        return {challenge{std::move(*nonce), std::move(*hub_proof)}, {}};
    }
    if (*type == "auth") {
        auto value = string_field(j, "proof");
        if (!value) {
            return {std::nullopt, "auth without a string field 'proof'"};
        }
        return {proof{std::move(*value)}, {}};
    }
    if (*type == "refused") {
        // A reason is helpful, never required.
        return {refused{string_field(j, "reason").value_or("no reason given")}, {}};
    }
    return {};
}

std::string add_nonce(std::string encoded_handshake, std::string_view nonce) {
    const auto end = encoded_handshake.rfind('}');
    if (end == std::string::npos) {
        return encoded_handshake;
    }
    std::string field = ",\"nonce\":";
    field.append(json(std::string(nonce)).dump(-1, ' ', false, json::error_handler_t::replace));
    encoded_handshake.insert(end, field);
    return encoded_handshake;
}

std::optional<std::string> nonce_of(std::string_view handshake_frame) {
    const json j = parse_object(handshake_frame);
    if (!j.is_object()) {
        return std::nullopt;
    }
    return string_field(j, "nonce");
}

} // namespace csc::auth
