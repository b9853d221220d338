// The craton.hsm.v1.Pkcs11 service: each RPC checks who calls, then makes the one matching
// call on the module's function table and returns its CK_RV.
//
// Implementation split by topic: service_general.cpp (info, slots, tokens, sessions, login),
// service_objects.cpp, service_crypto.cpp (encrypt ... verify),
// service_message.cpp (C_VerifySignature*, message-based calls), service_keys.cpp (key
// generation, wrap/unwrap/derive, encapsulation, random).
#pragma once

#include <algorithm>
#include <new>
#include <string>
#include <vector>

#include <openssl/crypto.h>

#include <craton/pkcs11/pkcs11.h>

#include "config/daemon_config.h"
#include "core/error.h"
#include "craton/hsm/v1/pkcs11.grpc.pb.h"
#include "daemon/call_limiter.h"
#include "daemon/client_identity.h"
#include "daemon/client_login_throttle.h"
#include "daemon/log.h"
#include "daemon/session_registry.h"
#include "wire/limits.h"

namespace craton::daemon {

namespace v1 = ::craton::hsm::v1;

// name, request, response of every RPC
#define CRATON_DAEMON_RPCS(X)                                                 \
    X(ServerInfo, Empty, ServerInfoResponse)                                  \
    X(EndClient, Empty, RvResponse)                                           \
    X(GetInfo, Empty, InfoResponse)                                           \
    X(GetSlotList, SlotListRequest, UlongListResponse)                        \
    X(GetSlotInfo, SlotRequest, SlotInfoResponse)                             \
    X(GetTokenInfo, SlotRequest, TokenInfoResponse)                           \
    X(GetMechanismList, SlotRequest, UlongListResponse)                       \
    X(GetMechanismInfo, MechanismInfoRequest, MechanismInfoResponse)          \
    X(InitToken, InitTokenRequest, RvResponse)                                \
    X(InitPIN, PinRequest, RvResponse)                                        \
    X(SetPIN, SetPinRequest, RvResponse)                                      \
    X(OpenSession, OpenSessionRequest, ObjectResponse)                        \
    X(CloseSession, SessionRequest, RvResponse)                               \
    X(CloseAllSessions, SlotRequest, RvResponse)                              \
    X(GetSessionInfo, SessionRequest, SessionInfoResponse)                    \
    X(Login, LoginRequest, RvResponse)                                        \
    X(Logout, SessionRequest, RvResponse)                                     \
    X(CreateObject, TemplateRequest, ObjectResponse)                          \
    X(CopyObject, TemplateRequest, ObjectResponse)                            \
    X(DestroyObject, ObjectRequest, RvResponse)                               \
    X(GetObjectSize, ObjectRequest, UlongResponse)                            \
    X(GetAttributeValue, GetAttributeValueRequest, GetAttributeValueResponse) \
    X(SetAttributeValue, TemplateRequest, RvResponse)                         \
    X(FindObjectsInit, TemplateRequest, RvResponse)                           \
    X(FindObjects, FindObjectsRequest, UlongListResponse)                     \
    X(FindObjectsFinal, SessionRequest, RvResponse)                           \
    X(EncryptInit, OperationInitRequest, RvResponse)                          \
    X(Encrypt, DataRequest, DataResponse)                                     \
    X(EncryptUpdate, DataRequest, DataResponse)                               \
    X(EncryptFinal, DataRequest, DataResponse)                                \
    X(DecryptInit, OperationInitRequest, RvResponse)                          \
    X(Decrypt, DataRequest, DataResponse)                                     \
    X(DecryptUpdate, DataRequest, DataResponse)                               \
    X(DecryptFinal, DataRequest, DataResponse)                                \
    X(DigestInit, OperationInitRequest, RvResponse)                           \
    X(Digest, DataRequest, DataResponse)                                      \
    X(DigestUpdate, DataRequest, RvResponse)                                  \
    X(DigestKey, ObjectRequest, RvResponse)                                   \
    X(DigestFinal, DataRequest, DataResponse)                                 \
    X(SignInit, OperationInitRequest, RvResponse)                             \
    X(Sign, DataRequest, DataResponse)                                        \
    X(SignUpdate, DataRequest, RvResponse)                                    \
    X(SignFinal, DataRequest, DataResponse)                                   \
    X(VerifyInit, OperationInitRequest, RvResponse)                           \
    X(Verify, VerifyRequest, RvResponse)                                      \
    X(VerifyUpdate, DataRequest, RvResponse)                                  \
    X(VerifyFinal, VerifyRequest, RvResponse)                                 \
    X(GenerateKey, GenerateKeyRequest, ObjectResponse)                        \
    X(GenerateKeyPair, GenerateKeyPairRequest, KeyPairResponse)               \
    X(WrapKey, WrapKeyRequest, DataResponse)                                  \
    X(UnwrapKey, UnwrapKeyRequest, ObjectResponse)                            \
    X(DeriveKey, DeriveKeyRequest, ObjectResponse)                            \
    X(EncapsulateKey, EncapsulateKeyRequest, EncapsulateKeyResponse)          \
    X(DecapsulateKey, DecapsulateKeyRequest, ObjectResponse)                  \
    X(SeedRandom, DataRequest, RvResponse)                                    \
    X(GenerateRandom, GenerateRandomRequest, DataResponse)                    \
    X(VerifySignatureInit, VerifySignatureInitRequest, RvResponse)            \
    X(VerifySignature, DataRequest, RvResponse)                               \
    X(VerifySignatureUpdate, DataRequest, RvResponse)                         \
    X(VerifySignatureFinal, SessionRequest, RvResponse)                       \
    X(MessageEncryptInit, OperationInitRequest, RvResponse)                   \
    X(EncryptMessage, MessageDataRequest, MessageDataResponse)                \
    X(EncryptMessageBegin, MessageDataRequest, MessageDataResponse)           \
    X(EncryptMessageNext, MessageDataRequest, MessageDataResponse)            \
    X(MessageEncryptFinal, SessionRequest, RvResponse)                        \
    X(MessageDecryptInit, OperationInitRequest, RvResponse)                   \
    X(DecryptMessage, MessageDataRequest, MessageDataResponse)                \
    X(DecryptMessageBegin, MessageDataRequest, MessageDataResponse)           \
    X(DecryptMessageNext, MessageDataRequest, MessageDataResponse)            \
    X(MessageDecryptFinal, SessionRequest, RvResponse)                        \
    X(MessageSignInit, OperationInitRequest, RvResponse)                      \
    X(SignMessage, MessageDataRequest, MessageDataResponse)                   \
    X(SignMessageBegin, MessageDataRequest, MessageDataResponse)              \
    X(SignMessageNext, MessageDataRequest, MessageDataResponse)               \
    X(MessageSignFinal, SessionRequest, RvResponse)                           \
    X(MessageVerifyInit, OperationInitRequest, RvResponse)                    \
    X(VerifyMessage, MessageDataRequest, MessageDataResponse)                 \
    X(VerifyMessageBegin, MessageDataRequest, MessageDataResponse)            \
    X(VerifyMessageNext, MessageDataRequest, MessageDataResponse)             \
    X(MessageVerifyFinal, SessionRequest, RvResponse)                         \
    X(SessionCancel, SessionCancelRequest, RvResponse)                        \
    X(DigestEncryptUpdate, DataRequest, DataResponse)                         \
    X(DecryptDigestUpdate, DataRequest, DataResponse)                         \
    X(SignEncryptUpdate, DataRequest, DataResponse)                           \
    X(DecryptVerifyUpdate, DataRequest, DataResponse)

class Pkcs11Service final : public v1::Pkcs11::Service {
  public:
    // `allow_anonymous`: serve peers without a certificate (development flag only).
    Pkcs11Service(CK_FUNCTION_LIST_3_2* module, config::DaemonConfig config,
                  SessionRegistry& sessions, bool allow_anonymous);

#define CRATON_DECLARE_RPC(name, req, resp)                                                     \
    grpc::Status name(grpc::ServerContext* context, const v1::req* request, v1::resp* response) \
        override;
    CRATON_DAEMON_RPCS(CRATON_DECLARE_RPC)
#undef CRATON_DECLARE_RPC

    // Names each call's client in the module's audit records (LoadedModule::set_client()).
    void set_audit_client_hook(CK_RV (*set_client)(const char*)) {
        set_client_ = set_client;
    }

    // Closes sessions on the module (idle reaping, EndClient); ignores handles already gone.
    void close_sessions(const std::vector<std::uint64_t>& handles);

  private:
    // Identifies the caller, refuses it with a gRPC status if it may not call at all, then runs
    // `body(caller)` and stores its CK_RV in the response. Nothing thrown leaves an RPC.
    template <class Response, class Body>
    grpc::Status serve(grpc::ServerContext* context, Response* response, Body&& body) {
        ClientIdentity caller;
        if (grpc::Status refused = admit(*context, caller); !refused.ok()) return refused;
        CallLimiter::Place place(limiter_, caller.fingerprint);
        if (!place)
            return {grpc::StatusCode::RESOURCE_EXHAUSTED,
                    "too many calls in flight from this client"};
        // The module's audit records of this call name the client (thread-local in the module,
        // cleared again below). The development mode's "anonymous" is not a fingerprint: the
        // module refuses it and records no client.
        if (set_client_ != nullptr) set_client_(caller.fingerprint.c_str());
        CK_RV rv;
        try {
            rv = body(static_cast<const ClientIdentity&>(caller));
        } catch (const Pkcs11Error& e) {
            rv = e.rv();
        } catch (const std::bad_alloc&) {
            rv = CKR_HOST_MEMORY;
        } catch (...) {
            log_line("error", "unexpected_internal_error");
            rv = CKR_GENERAL_ERROR;
        }
        if (set_client_ != nullptr) set_client_(nullptr);
        response->set_rv(rv);
        // Again at the end, so a long call (an RSA key generation) does not count as idle time.
        sessions_.touch(caller.session_owner);
        return grpc::Status::OK;
    }

    grpc::Status admit(const grpc::ServerContext& context, ClientIdentity& caller);
    // Throws Pkcs11Error(CKR_SESSION_HANDLE_INVALID) unless `caller` opened `session`.
    CK_SESSION_HANDLE own(const ClientIdentity& caller, std::uint64_t session) const;
    // Runs an init call of the f(session, mechanism, key) shape (`init`: C_EncryptInit,
    // C_MessageSignInit, ...) on session `s`, which `request` must name: the init RPCs, and the
    // C_SignInit or C_VerifyInit a client sent along with its C_Sign or C_Verify.
    CK_RV run_init(CK_C_EncryptInit init, CK_SESSION_HANDLE s,
                   const v1::OperationInitRequest& request) const;
    bool slot_allowed(const ClientIdentity& caller, std::uint64_t slot) const;
    CK_SLOT_ID allowed_slot(const ClientIdentity& caller, std::uint64_t slot) const;

    // Calls `call(buffer, &length)` the way the client's buffer protocol asked and stores the
    // result in `response` (length, and the bytes on success).
    template <class Response, class Call>
    static CK_RV with_output(const v1::OutputBuffer& spec, Response* response, Call&& call) {
        const bool query = spec.query_length();
        CK_ULONG length = query ? 0
                                : static_cast<CK_ULONG>(std::min<std::uint64_t>(
                                      spec.capacity(), wire::kMaxOutputBytes));
        std::string buffer(length, '\0');
        const CK_RV rv =
            call(query ? nullptr : reinterpret_cast<CK_BYTE_PTR>(buffer.data()), &length);
        response->set_length(length);
        if (rv == CKR_OK && !query)
            response->set_data(buffer.data(), std::min<std::size_t>(length, buffer.size()));
        if (!buffer.empty()) OPENSSL_cleanse(buffer.data(), buffer.size());
        return rv;
    }

    CK_FUNCTION_LIST_3_2* p11_;
    config::DaemonConfig config_;
    SessionRegistry& sessions_;
    bool allow_anonymous_;
    CallLimiter limiter_;
    ClientLoginThrottle login_throttle_;
    CK_RV (*set_client_)(const char*) = nullptr;
};

// Input bytes of a request as the module's pointer type; the module never writes through it.
inline CK_BYTE_PTR input_bytes(const std::string& bytes) {
    return reinterpret_cast<CK_BYTE_PTR>(const_cast<char*>(bytes.data()));
}

// A uint64 from the wire as a CK_ULONG of this machine (they differ on 32-bit hosts).
inline CK_ULONG ck_ulong(std::uint64_t v) {
    if (v > static_cast<std::uint64_t>(static_cast<CK_ULONG>(-1))) fail(CKR_ARGUMENTS_BAD);
    return static_cast<CK_ULONG>(v);
}

// The init RPCs (service_crypto.cpp, service_message.cpp): one definition per call name.
#define CRATON_DAEMON_INIT_RPC(name)                                                    \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context,                      \
                                     const v1::OperationInitRequest* request,           \
                                     v1::RvResponse* response) {                        \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {    \
            return run_init(p11_->C_##name, own(caller, request->session()), *request); \
        });                                                                             \
    }

inline CK_ULONG input_length(const std::string& bytes) {
    return static_cast<CK_ULONG>(bytes.size());
}

// A PIN taken out of a request: copied, the request's copy wiped at once, ours when done.
class PinArgument {
  public:
    explicit PinArgument(const std::string& wire_pin) : pin_(wire_pin.begin(), wire_pin.end()) {
        // The request message is the daemon's own memory; wiping it in place is the only way
        // to make sure the PIN does not outlive the call in gRPC's buffers.
        if (!wire_pin.empty()) OPENSSL_cleanse(const_cast<char*>(wire_pin.data()), wire_pin.size());
    }
    ~PinArgument() {
        if (!pin_.empty()) OPENSSL_cleanse(pin_.data(), pin_.size());
    }
    PinArgument(const PinArgument&) = delete;
    PinArgument& operator=(const PinArgument&) = delete;
    CK_UTF8CHAR_PTR data() { return pin_.empty() ? empty_ : pin_.data(); }
    CK_ULONG size() const { return static_cast<CK_ULONG>(pin_.size()); }

  private:
    std::vector<CK_UTF8CHAR> pin_;
    CK_UTF8CHAR empty_[1] = {0};
};

}  // namespace craton::daemon
