// craton.hsm.v1.ClientLifetime: closes a client's sessions when its connection ends.
//
// The remote module holds one Attach call open while it is initialised. This handler blocks
// reading it; the read fails as soon as the client ends the call or its connection closes
// (process killed, network gone: gRPC cancels every call of a transport that closes). Then
// every session filed under the caller's (fingerprint, channel id) is closed on the module.
// Why a held call: gRPC 1.51's synchronous server has no per-connection callback and tells a
// unary handler nothing after it returns; a streaming call open for the connection's life is
// the one disconnect signal its public API gives (docs/remote.md, "Security properties").
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "config/daemon_config.h"
#include "craton/hsm/v1/connection.grpc.pb.h"
#include "daemon/session_registry.h"

namespace craton::daemon {

class LifetimeService final : public ::craton::hsm::v1::ClientLifetime::Service {
  public:
    using CloseSessions = std::function<void(const std::vector<std::uint64_t>&)>;

    // Held calls one identity may have open at once: each holds a server thread.
    static constexpr std::size_t kMaxAttachedPerClient = 256;

    LifetimeService(const config::DaemonConfig& config, SessionRegistry& sessions,
                    CloseSessions close, bool allow_anonymous);

    grpc::Status Attach(grpc::ServerContext* context,
                        grpc::ServerReader<::craton::hsm::v1::AttachRequest>* reader,
                        ::craton::hsm::v1::AttachResponse* response) override;

    // At daemon shutdown: refuses new Attach calls and ends the held ones (closing their
    // sessions), so the drain does not wait its full bound for calls that never end by
    // themselves.
    void end_all();

  private:
    const std::vector<std::string>& allowed_;
    SessionRegistry& sessions_;
    CloseSessions close_;
    bool allow_anonymous_;
    std::mutex mutex_;
    bool ending_ = false;
    std::set<grpc::ServerContext*> held_;
    std::map<std::string, std::size_t> per_client_;
};

}  // namespace craton::daemon
