#pragma once
// TLS over TCP under byte_stream (asio::ssl over OpenSSL). The handshake is left
// pending: frame_session::start() runs it on the hub side; the link runs it itself,
// within its connect timeout, before it builds the session.

#include "csc/net/byte_stream.hpp"

#include <memory>
#include <string>

namespace asio::ssl {
class context;
} // namespace asio::ssl

namespace csc::net {

/// Which end of the TLS handshake we are.
enum class tls_role { client, server };

/// A TLS stream over a connected socket, its handshake pending. `server_name` (client
/// role, host names only) goes out as SNI. The stream keeps `context` alive.
std::unique_ptr<byte_stream> make_tls_stream(asio::ip::tcp::socket socket,
                                             std::shared_ptr<asio::ssl::context> context,
                                             tls_role role, const std::string& server_name = {});

} // namespace csc::net
