// Server info, slots, tokens, mechanisms, sessions and login.
#include <algorithm>

#include "daemon/client_channel.h"
#include "daemon/pkcs11_service.h"

namespace craton::daemon {
namespace {

void set_version(v1::Version* out, const CK_VERSION& v) {
    out->set_major(v.major);
    out->set_minor(v.minor);
}

template <std::size_t N>
std::string field(const CK_UTF8CHAR (&text)[N]) {
    return std::string(reinterpret_cast<const char*>(text), N);
}

}  // namespace

Pkcs11Service::Pkcs11Service(CK_FUNCTION_LIST_3_2* module, config::DaemonConfig config,
                             SessionRegistry& sessions, bool allow_anonymous)
    : p11_(module),
      config_(std::move(config)),
      sessions_(sessions),
      allow_anonymous_(allow_anonymous),
      limiter_(config_.max_calls_per_client),
      login_throttle_(config_.login_failures_per_client,
                      std::chrono::seconds(config_.login_lockout_seconds)) {}

grpc::Status Pkcs11Service::admit(const grpc::ServerContext& context, ClientIdentity& caller) {
    auto id = identify_client(context);
    if (!id) {
        // Reached only when the transport let a peer without a certificate through, i.e. the
        // development flag is on.
        if (!allow_anonymous_)
            return {grpc::StatusCode::UNAUTHENTICATED, "client certificate required"};
        id = ClientIdentity{"anonymous", "anonymous", {}};
    }
    const auto& allowed = config_.allowed_client_fingerprints;
    if (!allowed.empty() &&
        std::find(allowed.begin(), allowed.end(), id->fingerprint) == allowed.end()) {
        log_line("warn", "client_refused",
                 "reason=fingerprint_not_allowed fingerprint=" + id->fingerprint);
        return {grpc::StatusCode::PERMISSION_DENIED, "client certificate not on the allow-list"};
    }
    id->session_owner = session_owner_of(id->fingerprint, context);
    sessions_.touch(id->session_owner);
    caller = std::move(*id);
    return grpc::Status::OK;
}

CK_SESSION_HANDLE Pkcs11Service::own(const ClientIdentity& caller, std::uint64_t session) const {
    if (!sessions_.owned_by(session, caller.session_owner)) fail(CKR_SESSION_HANDLE_INVALID);
    return ck_ulong(session);
}

bool Pkcs11Service::slot_allowed(const ClientIdentity& caller, std::uint64_t slot) const {
    const auto it = config_.client_slots.find(caller.fingerprint);
    if (it == config_.client_slots.end()) return true;
    return std::find(it->second.begin(), it->second.end(), slot) != it->second.end();
}

CK_SLOT_ID Pkcs11Service::allowed_slot(const ClientIdentity& caller, std::uint64_t slot) const {
    if (!slot_allowed(caller, slot)) fail(CKR_SLOT_ID_INVALID);
    return ck_ulong(slot);
}

void Pkcs11Service::close_sessions(const std::vector<std::uint64_t>& handles) {
    for (std::uint64_t h : handles) {
        sessions_.remove(h);
        (void)p11_->C_CloseSession(static_cast<CK_SESSION_HANDLE>(h));
    }
}

grpc::Status Pkcs11Service::ServerInfo(grpc::ServerContext* context, const v1::Empty*,
                                       v1::ServerInfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        response->set_daemon_version(CRATON_DAEMON_VERSION);
        response->set_protocol_version(1);
        response->set_client_fingerprint(caller.fingerprint);
        response->set_client_subject(caller.subject);
        response->set_held_back_inits(true);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::EndClient(grpc::ServerContext* context, const v1::Empty*,
                                      v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        close_sessions(sessions_.sessions_of(caller.session_owner));
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetInfo(grpc::ServerContext* context, const v1::Empty*,
                                    v1::InfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity&) -> CK_RV {
        CK_INFO info{};
        const CK_RV rv = p11_->C_GetInfo(&info);
        if (rv != CKR_OK) return rv;
        set_version(response->mutable_cryptoki_version(), info.cryptokiVersion);
        response->set_manufacturer_id(field(info.manufacturerID));
        response->set_flags(info.flags);
        response->set_library_description(field(info.libraryDescription));
        set_version(response->mutable_library_version(), info.libraryVersion);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetSlotList(grpc::ServerContext* context,
                                        const v1::SlotListRequest* request,
                                        v1::UlongListResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_BBOOL present = request->token_present() ? CK_TRUE : CK_FALSE;
        CK_ULONG count = 0;
        CK_RV rv = p11_->C_GetSlotList(present, nullptr, &count);
        if (rv != CKR_OK) return rv;
        std::vector<CK_SLOT_ID> slots(count);
        rv = p11_->C_GetSlotList(present, slots.data(), &count);
        if (rv != CKR_OK) return rv;
        slots.resize(count);
        for (CK_SLOT_ID s : slots) {
            if (slot_allowed(caller, s)) response->add_values(s);
        }
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetSlotInfo(grpc::ServerContext* context,
                                        const v1::SlotRequest* request,
                                        v1::SlotInfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        CK_SLOT_INFO info{};
        const CK_RV rv = p11_->C_GetSlotInfo(allowed_slot(caller, request->slot()), &info);
        if (rv != CKR_OK) return rv;
        response->set_slot_description(field(info.slotDescription));
        response->set_manufacturer_id(field(info.manufacturerID));
        response->set_flags(info.flags);
        set_version(response->mutable_hardware_version(), info.hardwareVersion);
        set_version(response->mutable_firmware_version(), info.firmwareVersion);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetTokenInfo(grpc::ServerContext* context,
                                         const v1::SlotRequest* request,
                                         v1::TokenInfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        CK_TOKEN_INFO t{};
        const CK_RV rv = p11_->C_GetTokenInfo(allowed_slot(caller, request->slot()), &t);
        if (rv != CKR_OK) return rv;
        response->set_label(field(t.label));
        response->set_manufacturer_id(field(t.manufacturerID));
        response->set_model(field(t.model));
        response->set_serial_number(field(t.serialNumber));
        response->set_flags(t.flags);
        response->set_max_session_count(t.ulMaxSessionCount);
        response->set_session_count(t.ulSessionCount);
        response->set_max_rw_session_count(t.ulMaxRwSessionCount);
        response->set_rw_session_count(t.ulRwSessionCount);
        response->set_max_pin_len(t.ulMaxPinLen);
        response->set_min_pin_len(t.ulMinPinLen);
        response->set_total_public_memory(t.ulTotalPublicMemory);
        response->set_free_public_memory(t.ulFreePublicMemory);
        response->set_total_private_memory(t.ulTotalPrivateMemory);
        response->set_free_private_memory(t.ulFreePrivateMemory);
        set_version(response->mutable_hardware_version(), t.hardwareVersion);
        set_version(response->mutable_firmware_version(), t.firmwareVersion);
        response->set_utc_time(field(t.utcTime));
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetMechanismList(grpc::ServerContext* context,
                                             const v1::SlotRequest* request,
                                             v1::UlongListResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SLOT_ID slot = allowed_slot(caller, request->slot());
        CK_ULONG count = 0;
        CK_RV rv = p11_->C_GetMechanismList(slot, nullptr, &count);
        if (rv != CKR_OK) return rv;
        std::vector<CK_MECHANISM_TYPE> list(count);
        rv = p11_->C_GetMechanismList(slot, list.data(), &count);
        if (rv != CKR_OK) return rv;
        for (CK_ULONG i = 0; i < count; ++i) response->add_values(list[i]);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetMechanismInfo(grpc::ServerContext* context,
                                             const v1::MechanismInfoRequest* request,
                                             v1::MechanismInfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        CK_MECHANISM_INFO info{};
        const CK_RV rv = p11_->C_GetMechanismInfo(allowed_slot(caller, request->slot()),
                                                  ck_ulong(request->mechanism()), &info);
        if (rv != CKR_OK) return rv;
        response->set_min_key_size(info.ulMinKeySize);
        response->set_max_key_size(info.ulMaxKeySize);
        response->set_flags(info.flags);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::InitToken(grpc::ServerContext* context,
                                      const v1::InitTokenRequest* request,
                                      v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        PinArgument so_pin(request->so_pin());
        const CK_SLOT_ID slot = allowed_slot(caller, request->slot());
        if (request->label().size() != 32) return CKR_ARGUMENTS_BAD;
        std::string label = request->label();
        log_line("info", "init_token",
                 "client=" + caller.fingerprint + " slot=" + std::to_string(slot));
        return p11_->C_InitToken(slot, so_pin.data(), so_pin.size(),
                                 reinterpret_cast<CK_UTF8CHAR_PTR>(label.data()));
    });
}

grpc::Status Pkcs11Service::InitPIN(grpc::ServerContext* context, const v1::PinRequest* request,
                                    v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        PinArgument pin(request->pin());
        return p11_->C_InitPIN(own(caller, request->session()), pin.data(), pin.size());
    });
}

grpc::Status Pkcs11Service::SetPIN(grpc::ServerContext* context, const v1::SetPinRequest* request,
                                   v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        PinArgument old_pin(request->old_pin());
        PinArgument new_pin(request->new_pin());
        return p11_->C_SetPIN(own(caller, request->session()), old_pin.data(), old_pin.size(),
                              new_pin.data(), new_pin.size());
    });
}

grpc::Status Pkcs11Service::OpenSession(grpc::ServerContext* context,
                                        const v1::OpenSessionRequest* request,
                                        v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SLOT_ID slot = allowed_slot(caller, request->slot());
        CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
        // Notify callbacks cannot cross the network; the module does not use them anyway.
        const CK_RV rv =
            p11_->C_OpenSession(slot, ck_ulong(request->flags()), nullptr, nullptr, &handle);
        if (rv != CKR_OK) return rv;
        sessions_.add(handle, slot, caller.session_owner);
        response->set_object(handle);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::CloseSession(grpc::ServerContext* context,
                                         const v1::SessionRequest* request,
                                         v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        const CK_RV rv = p11_->C_CloseSession(s);
        if (rv == CKR_OK || rv == CKR_SESSION_HANDLE_INVALID) sessions_.remove(s);
        return rv;
    });
}

grpc::Status Pkcs11Service::CloseAllSessions(grpc::ServerContext* context,
                                             const v1::SlotRequest* request,
                                             v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        // Only the caller's sessions: the module's C_CloseAllSessions would close other
        // clients' sessions on the slot too.
        const CK_SLOT_ID slot = allowed_slot(caller, request->slot());
        CK_SLOT_INFO info{};
        const CK_RV rv = p11_->C_GetSlotInfo(slot, &info);
        if (rv != CKR_OK) return rv;
        close_sessions(sessions_.sessions_of(caller.session_owner, slot));
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::GetSessionInfo(grpc::ServerContext* context,
                                           const v1::SessionRequest* request,
                                           v1::SessionInfoResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        CK_SESSION_INFO info{};
        const CK_RV rv = p11_->C_GetSessionInfo(own(caller, request->session()), &info);
        if (rv != CKR_OK) return rv;
        response->set_slot(info.slotID);
        response->set_state(info.state);
        response->set_flags(info.flags);
        response->set_device_error(info.ulDeviceError);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::Login(grpc::ServerContext* context, const v1::LoginRequest* request,
                                  v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        PinArgument pin(request->pin());
        const CK_SESSION_HANDLE session = own(caller, request->session());
        if (!login_throttle_.allowed(caller.fingerprint, ClientLoginThrottle::Clock::now())) {
            log_line("warn", "login_throttled", "client=" + caller.fingerprint);
            return CKR_FUNCTION_FAILED;
        }
        const CK_RV rv =
            p11_->C_Login(session, ck_ulong(request->user_type()), pin.data(), pin.size());
        login_throttle_.record(caller.fingerprint, rv, ClientLoginThrottle::Clock::now());
        log_line(rv == CKR_OK ? "info" : "warn", "login",
                 "client=" + caller.fingerprint + " user_type=" +
                     std::to_string(request->user_type()) + " rv=" + std::to_string(rv));
        return rv;
    });
}

grpc::Status Pkcs11Service::Logout(grpc::ServerContext* context, const v1::SessionRequest* request,
                                   v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_Logout(own(caller, request->session()));
    });
}

}  // namespace craton::daemon
