#pragma once
// Certificates made at test time with OpenSSL's API (EC P-256, SHA-256 signatures),
// written as PEM files to a fresh temporary folder that is removed afterwards:
//   ca        a CA certificate
//   hub       a leaf for "localhost" and 127.0.0.1, signed by `ca`
//   other_ca  an unrelated CA;  other  a leaf signed by it (another certificate)

#include <filesystem>
#include <string>

namespace csc::tls_test {

/// One certificate and its private key, as PEM files.
struct pem_pair {
    std::string cert_file;
    std::string key_file;
    /// SHA-256 of the certificate, "AB:CD:..." (uppercase, colons).
    std::string fingerprint;
};

class test_certificates {
public:
    /// Makes every certificate; throws std::runtime_error naming the OpenSSL step that failed.
    test_certificates();
    ~test_certificates();
    test_certificates(const test_certificates&) = delete;
    test_certificates& operator=(const test_certificates&) = delete;

    /// The folder holding the files.
    const std::filesystem::path& dir() const noexcept { return dir_; }
    /// A path in that folder (for files that tests write or expect missing).
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    pem_pair ca;
    pem_pair hub;
    pem_pair other_ca;
    pem_pair other;

private:
    std::filesystem::path dir_;
};

/// "ab:cd:..." -> "abcd..." lowercase without colons (another accepted spelling).
std::string compact_lowercase(const std::string& fingerprint);

} // namespace csc::tls_test
