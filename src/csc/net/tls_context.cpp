#include "csc/net/tls_context.hpp"

#include <asio/ip/address.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/verify_context.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstring>

namespace csc::net {
namespace {

/// "'FILE': reason", with OpenSSL's "(SSL routines)"-style suffixes kept.
std::string about(const std::string& file, const std::error_code& ec) {
    return "'" + file + "': " + ec.message();
}

tls_context_result failure(std::string why) { return {nullptr, std::move(why)}; }

std::optional<sha256_digest> digest_of(X509* cert) {
    sha256_digest out{};
    unsigned int len = 0;
    if (cert == nullptr || X509_digest(cert, EVP_sha256(), out.data(), &len) != 1 ||
        len != out.size()) {
        return std::nullopt;
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

std::optional<sha256_digest> parse_sha256_fingerprint(std::string_view text) {
    sha256_digest out{};
    std::size_t nibbles = 0;
    for (const char c : text) {
        if (c == ':' || c == ' ') {
            continue;
        }
        const int v = hex_value(c);
        if (v < 0 || nibbles >= out.size() * 2) {
            return std::nullopt;
        }
        auto& byte = out[nibbles / 2];
        byte = static_cast<unsigned char>(nibbles % 2 == 0 ? v << 4 : byte | v);
        ++nibbles;
    }
    if (nibbles != out.size() * 2) {
        return std::nullopt;
    }
    return out;
}

std::string format_sha256_fingerprint(const sha256_digest& digest) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char b : digest) {
        if (!out.empty()) {
            out.push_back(':');
        }
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 0x0f]);
    }
    return out;
}

std::optional<sha256_digest> certificate_fingerprint(const std::string& pem_file) {
    std::FILE* f = std::fopen(pem_file.c_str(), "rb");
    if (f == nullptr) {
        return std::nullopt;
    }
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    auto out = digest_of(cert);
    X509_free(cert);
    return out;
}

tls_context_result make_tls_server_context(const std::string& cert_file,
                                           const std::string& key_file) {
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    std::error_code ec;
    ctx->use_certificate_chain_file(cert_file, ec);
    if (ec) {
        return failure("cannot use the TLS certificate file " + about(cert_file, ec));
    }
    ctx->use_private_key_file(key_file, asio::ssl::context::pem, ec);
    if (ec) {
        return failure("cannot use the TLS key file " + about(key_file, ec));
    }
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
        return failure("the TLS key file '" + key_file + "' does not match the certificate '" +
                       cert_file + "'");
    }
    return {std::move(ctx), {}};
}

tls_context_result make_tls_client_context(const std::string& host, const std::string& ca_file,
                                           std::string_view fingerprint) {
    std::optional<sha256_digest> pin;
    if (!fingerprint.empty()) {
        pin = parse_sha256_fingerprint(fingerprint);
        if (!pin) {
            return failure("invalid TLS fingerprint (expected the certificate's SHA-256 as 64 "
                           "hex digits, colons allowed)");
        }
    }
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_verify_mode(asio::ssl::verify_peer);
    const bool check_chain = !ca_file.empty() || !pin;
    std::error_code ec;
    if (!ca_file.empty()) {
        ctx->load_verify_file(ca_file, ec);
        if (ec) {
            return failure("cannot use the TLS CA file " + about(ca_file, ec));
        }
    } else if (!pin) {
        ctx->set_default_verify_paths(ec);
        if (ec) {
            return failure("cannot load the system's CA certificates: " + ec.message());
        }
    }
    if (check_chain) {
        // OpenSSL checks the host name as part of the chain (the certificate's SAN).
        X509_VERIFY_PARAM* param = SSL_CTX_get0_param(ctx->native_handle());
        asio::ip::make_address(host, ec);
        const int ok = ec ? X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size())
                          : X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
        if (ok != 1) {
            return failure("cannot verify TLS certificates for the host '" + host + "'");
        }
    }
    if (pin) {
        ctx->set_verify_callback([pin = *pin, check_chain](bool preverified,
                                                           asio::ssl::verify_context& vc) {
            X509_STORE_CTX* store = vc.native_handle();
            if (X509_STORE_CTX_get_error_depth(store) > 0) {
                return check_chain ? preverified : true; // pinning looks at the leaf only
            }
            const auto seen = digest_of(X509_STORE_CTX_get_current_cert(store));
            if (!seen || *seen != pin) {
                X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
                return false;
            }
            return check_chain ? preverified : true;
        });
    }
    return {std::move(ctx), {}};
}

} // namespace csc::net
