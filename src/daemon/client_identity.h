// Who is calling: the TLS client certificate gRPC verified against the pinned client CA.
#pragma once

#include <optional>
#include <string>

#include <grpcpp/server_context.h>

namespace craton::daemon {

struct ClientIdentity {
    std::string fingerprint;  // SHA-256 of the certificate (DER), lower-case hex
    std::string subject;      // one-line RFC 2253 subject, for logs
    // Key of this caller's sessions in the SessionRegistry: the fingerprint plus the remote
    // module's channel id (client_channel.h), so two processes with one certificate do not
    // share sessions. Set by Pkcs11Service::admit().
    std::string session_owner;
};

// The identity of the peer of `context`; nullopt when the peer presented no certificate
// (possible only when the daemon runs with client certificates switched off for development).
std::optional<ClientIdentity> identify_client(const grpc::ServerContext& context);

// The SHA-256 fingerprint and subject of a PEM certificate; nullopt if it does not parse.
std::optional<ClientIdentity> identity_of_pem(const std::string& pem);

}  // namespace craton::daemon
