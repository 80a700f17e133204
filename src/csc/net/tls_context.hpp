#pragma once
// TLS contexts for links (asio::ssl over OpenSSL), TLS 1.2 and later only.
//   hub:   certificate chain + private key from PEM files
//   link:  verifies the hub with a CA file (chain + host name), or pins the SHA-256
//          fingerprint of the hub's leaf certificate, or both; neither: the system's CAs
// Every failure comes back as a sentence naming the file or value at fault.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace asio::ssl {
class context;
} // namespace asio::ssl

namespace csc::net {

/// A SHA-256 digest.
using sha256_digest = std::array<unsigned char, 32>;

/// A context, or why there is none (`context` null and `error` set).
struct tls_context_result {
    std::shared_ptr<asio::ssl::context> context;
    std::string error;
};

/// The hub's context: certificate chain and key (PEM), checked to belong together.
tls_context_result make_tls_server_context(const std::string& cert_file,
                                           const std::string& key_file);

/// The link's context for a hub reached as `host`. `ca_file` (PEM) verifies the chain
/// and the host name; `fingerprint` pins the leaf certificate.
tls_context_result make_tls_client_context(const std::string& host, const std::string& ca_file,
                                           std::string_view fingerprint);

/// 64 hex digits, either case, colons (or spaces) allowed between them; nullopt otherwise.
std::optional<sha256_digest> parse_sha256_fingerprint(std::string_view text);

/// "AB:CD:..." form of a digest.
std::string format_sha256_fingerprint(const sha256_digest& digest);

/// The SHA-256 fingerprint of the first certificate of a PEM file, or nullopt.
std::optional<sha256_digest> certificate_fingerprint(const std::string& pem_file);

} // namespace csc::net
