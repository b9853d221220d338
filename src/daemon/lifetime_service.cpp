#include "daemon/lifetime_service.h"

#include <algorithm>
#include <utility>

#include "daemon/client_channel.h"
#include "daemon/client_identity.h"
#include "daemon/log.h"

namespace craton::daemon {

namespace v1 = ::craton::hsm::v1;

LifetimeService::LifetimeService(const config::DaemonConfig& config, SessionRegistry& sessions,
                                 CloseSessions close, bool allow_anonymous)
    : allowed_(config.allowed_client_fingerprints),
      sessions_(sessions),
      close_(std::move(close)),
      allow_anonymous_(allow_anonymous) {}

grpc::Status LifetimeService::Attach(grpc::ServerContext* context,
                                     grpc::ServerReader<v1::AttachRequest>* reader,
                                     v1::AttachResponse*) {
    try {
        // The same admission as every Pkcs11 RPC (Pkcs11Service::admit).
        auto id = identify_client(*context);
        if (!id) {
            if (!allow_anonymous_)
                return {grpc::StatusCode::UNAUTHENTICATED, "client certificate required"};
            id = ClientIdentity{"anonymous", "anonymous", {}};
        }
        if (!allowed_.empty() &&
            std::find(allowed_.begin(), allowed_.end(), id->fingerprint) == allowed_.end())
            return {grpc::StatusCode::PERMISSION_DENIED,
                    "client certificate not on the allow-list"};
        // Without a channel id the owner key would be the bare fingerprint, shared by every
        // older client of that certificate: ending this call must not close their sessions.
        if (channel_id_of(*context).empty())
            return {grpc::StatusCode::INVALID_ARGUMENT, "craton-channel-id metadata required"};
        const std::string owner = session_owner_of(id->fingerprint, *context);
        {
            std::lock_guard lock(mutex_);
            if (ending_) return {grpc::StatusCode::UNAVAILABLE, "daemon stopping"};
            if (per_client_[id->fingerprint] >= kMaxAttachedPerClient)
                return {grpc::StatusCode::RESOURCE_EXHAUSTED, "too many connections"};
            ++per_client_[id->fingerprint];
            held_.insert(context);
        }
        v1::AttachRequest ignored;
        while (reader->Read(&ignored)) {
        }
        {
            std::lock_guard lock(mutex_);
            held_.erase(context);
            if (--per_client_[id->fingerprint] == 0) per_client_.erase(id->fingerprint);
        }
        const auto handles = sessions_.sessions_of(owner);
        close_(handles);
        sessions_.forget(owner);
        log_line(
            "info", "connection_closed",
            "client=" + id->fingerprint + " sessions_closed=" + std::to_string(handles.size()));
        return grpc::Status::OK;
    } catch (...) {
        // Nothing thrown leaves an RPC handler (as in Pkcs11Service::serve).
        log_line("error", "unexpected_internal_error");
        return {grpc::StatusCode::INTERNAL, "internal error"};
    }
}

void LifetimeService::end_all() {
    std::lock_guard lock(mutex_);
    ending_ = true;
    // The handlers erase their context under this mutex before returning, so each one here is
    // still alive; TryCancel may be called from any thread.
    for (grpc::ServerContext* context : held_) context->TryCancel();
}

}  // namespace craton::daemon
