// The remote module's channel id and the session-owner key built from it.
//
// A remote module picks a random channel id at C_Initialize and sends it as the
// `craton-channel-id` metadata on every call (proto/craton/hsm/v1/connection.proto). The
// daemon files a session under "<fingerprint>#<channel id>", so two processes using one client
// certificate own separate sessions and a dead process's sessions can be closed without
// touching the other's. A caller that sends no (or a malformed) id keeps the fingerprint alone
// as its key: older remote modules and plain gRPC clients behave as before.
#pragma once

#include <string>
#include <string_view>

#include <grpcpp/server_context.h>

namespace craton::daemon {

inline constexpr const char* kChannelIdMetadata = "craton-channel-id";

// Whether `id` is an acceptable channel id: 16 to 64 lower-case hex characters.
bool is_channel_id(std::string_view id);

// The caller's channel id when acceptable, else "".
std::string channel_id_of(const grpc::ServerContext& context);

// The SessionRegistry key of a caller.
std::string session_owner_of(const std::string& fingerprint, const grpc::ServerContext& context);

}  // namespace craton::daemon
