#include "test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace csc::tls_test {
namespace {

struct key_deleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct cert_deleter {
    void operator()(X509* c) const { X509_free(c); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, key_deleter>;
using cert_ptr = std::unique_ptr<X509, cert_deleter>;

void check(bool ok, const char* step) {
    if (!ok) {
        throw std::runtime_error(std::string("test certificates: ") + step + " failed");
    }
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, value);
    check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(ext);
}

/// A certificate for `common_name` with `key`, signed by `issuer` (self-signed when null).
cert_ptr make_certificate(const std::string& common_name, EVP_PKEY* key, X509* issuer,
                          EVP_PKEY* issuer_key, bool is_ca, long serial) {
    cert_ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509* c = cert.get();
    check(X509_set_version(c, 2) == 1, "X509_set_version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(c), serial) == 1, "serial");
    X509_gmtime_adj(X509_getm_notBefore(c), -3600);
    X509_gmtime_adj(X509_getm_notAfter(c), 7L * 24 * 3600);
    check(X509_set_pubkey(c, key) == 1, "X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(c);
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                     -1, -1, 0) == 1,
          "subject name");
    X509* signer = issuer != nullptr ? issuer : c;
    check(X509_set_issuer_name(c, X509_get_subject_name(signer)) == 1, "issuer name");
    add_extension(c, signer, NID_subject_key_identifier, "hash");
    if (is_ca) {
        add_extension(c, signer, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(c, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_extension(c, signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(c, signer, NID_authority_key_identifier, "keyid:always");
        add_extension(c, signer, NID_key_usage, "critical,digitalSignature");
        add_extension(c, signer, NID_ext_key_usage, "serverAuth");
        add_extension(c, signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    }
    check(X509_sign(c, issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

std::string fingerprint_of(X509* cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    check(X509_digest(cert, EVP_sha256(), md, &len) == 1, "X509_digest");
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        if (!out.empty()) {
            out.push_back(':');
        }
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 0x0f]);
    }
    return out;
}

pem_pair write_pair(const std::filesystem::path& dir, const std::string& stem, X509* cert,
                    EVP_PKEY* key) {
    pem_pair out{(dir / (stem + ".crt")).string(), (dir / (stem + ".key")).string(),
                 fingerprint_of(cert)};
    std::FILE* f = std::fopen(out.cert_file.c_str(), "wb");
    check(f != nullptr, "open certificate file");
    const bool cert_ok = PEM_write_X509(f, cert) == 1;
    std::fclose(f);
    check(cert_ok, "PEM_write_X509");
    f = std::fopen(out.key_file.c_str(), "wb");
    check(f != nullptr, "open key file");
    const bool key_ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    std::fclose(f);
    check(key_ok, "PEM_write_PrivateKey");
    return out;
}

key_ptr make_key() {
    key_ptr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

std::filesystem::path fresh_dir() {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path() /
               ("csc-tls-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

test_certificates::test_certificates() : dir_(fresh_dir()) {
    const auto ca_key = make_key();
    const auto ca_cert = make_certificate("csc test CA", ca_key.get(), nullptr, nullptr, true, 1);
    const auto hub_key = make_key();
    const auto hub_cert =
        make_certificate("localhost", hub_key.get(), ca_cert.get(), ca_key.get(), false, 2);
    const auto other_ca_key = make_key();
    const auto other_ca_cert =
        make_certificate("another CA", other_ca_key.get(), nullptr, nullptr, true, 3);
    const auto other_key = make_key();
    const auto other_cert = make_certificate("localhost", other_key.get(), other_ca_cert.get(),
                                             other_ca_key.get(), false, 4);
    ca = write_pair(dir_, "ca", ca_cert.get(), ca_key.get());
    hub = write_pair(dir_, "hub", hub_cert.get(), hub_key.get());
    other_ca = write_pair(dir_, "other-ca", other_ca_cert.get(), other_ca_key.get());
    other = write_pair(dir_, "other", other_cert.get(), other_key.get());
}

test_certificates::~test_certificates() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string compact_lowercase(const std::string& fingerprint) {
    std::string out;
    for (const char c : fingerprint) {
        if (c != ':') {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

} // namespace csc::tls_test
