// Encrypt, decrypt, digest, sign and verify: single-part and multi-part.
#include "daemon/pkcs11_service.h"
#include "wire/mechanism_codec.h"

namespace craton::daemon {

CRATON_DAEMON_INIT_RPC(EncryptInit)
CRATON_DAEMON_INIT_RPC(DecryptInit)
CRATON_DAEMON_INIT_RPC(SignInit)
CRATON_DAEMON_INIT_RPC(VerifyInit)

grpc::Status Pkcs11Service::DigestInit(grpc::ServerContext* context,
                                       const v1::OperationInitRequest* request,
                                       v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        return p11_->C_DigestInit(s, m.get());
    });
}

// Calls of the shape f(session, in, in_len, out, &out_len).
#define CRATON_DATA_RPC(name)                                                                      \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context, const v1::DataRequest* request, \
                                     v1::DataResponse* response) {                                 \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {               \
            const CK_SESSION_HANDLE s = own(caller, request->session());                           \
            if (request->has_init()) return CKR_ARGUMENTS_BAD; /* Sign's alone */                  \
            return with_output(request->output(), response,                                        \
                               [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {                            \
                                   return p11_->C_##name(s, input_bytes(request->data()),          \
                                                         input_length(request->data()), out, len); \
                               });                                                                 \
        });                                                                                        \
    }
CRATON_DATA_RPC(Encrypt)
CRATON_DATA_RPC(EncryptUpdate)
CRATON_DATA_RPC(Decrypt)
CRATON_DATA_RPC(DecryptUpdate)
CRATON_DATA_RPC(Digest)
CRATON_DATA_RPC(DigestEncryptUpdate)
CRATON_DATA_RPC(DecryptDigestUpdate)
CRATON_DATA_RPC(SignEncryptUpdate)
CRATON_DATA_RPC(DecryptVerifyUpdate)
#undef CRATON_DATA_RPC

// Calls of the shape f(session, out, &out_len).
#define CRATON_FINAL_RPC(name)                                                                     \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context, const v1::DataRequest* request, \
                                     v1::DataResponse* response) {                                 \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {               \
            const CK_SESSION_HANDLE s = own(caller, request->session());                           \
            if (request->has_init()) return CKR_ARGUMENTS_BAD; /* Sign's alone */                  \
            return with_output(                                                                    \
                request->output(), response,                                                       \
                [&](CK_BYTE_PTR out, CK_ULONG_PTR len) { return p11_->C_##name(s, out, len); });   \
        });                                                                                        \
    }
CRATON_FINAL_RPC(EncryptFinal)
CRATON_FINAL_RPC(DecryptFinal)
CRATON_FINAL_RPC(DigestFinal)
CRATON_FINAL_RPC(SignFinal)
#undef CRATON_FINAL_RPC

// Calls of the shape f(session, in, in_len).
#define CRATON_UPDATE_RPC(name)                                                                    \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context, const v1::DataRequest* request, \
                                     v1::RvResponse* response) {                                   \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {               \
            const CK_SESSION_HANDLE s = own(caller, request->session());                           \
            if (request->has_init()) return CKR_ARGUMENTS_BAD; /* Sign's alone */                  \
            return p11_->C_##name(s, input_bytes(request->data()), input_length(request->data())); \
        });                                                                                        \
    }
CRATON_UPDATE_RPC(DigestUpdate)
CRATON_UPDATE_RPC(SignUpdate)
CRATON_UPDATE_RPC(VerifyUpdate)
#undef CRATON_UPDATE_RPC

// C_Sign, after the C_SignInit the client held back when it sent one (docs/remote.md,
// "Held-back inits"): the pair costs the client one round trip.
grpc::Status Pkcs11Service::Sign(grpc::ServerContext* context, const v1::DataRequest* request,
                                 v1::DataResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        if (request->has_init()) {
            const CK_RV rv = run_init(p11_->C_SignInit, s, request->init());
            if (rv != CKR_OK) {
                response->set_init_failed(true);
                return rv;
            }
        }
        return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
            return p11_->C_Sign(s, input_bytes(request->data()), input_length(request->data()), out,
                                len);
        });
    });
}

CK_RV Pkcs11Service::run_init(CK_C_EncryptInit init, CK_SESSION_HANDLE s,
                              const v1::OperationInitRequest& request) const {
    // The init belongs to the session of the call it rides on, and to no other.
    if (ck_ulong(request.session()) != s) return CKR_ARGUMENTS_BAD;
    wire::NativeMechanism m(request.mechanism());
    return init(s, m.get(), ck_ulong(request.key()));
}

grpc::Status Pkcs11Service::DigestKey(grpc::ServerContext* context,
                                      const v1::ObjectRequest* request, v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_DigestKey(own(caller, request->session()), ck_ulong(request->object()));
    });
}

grpc::Status Pkcs11Service::Verify(grpc::ServerContext* context, const v1::VerifyRequest* request,
                                   v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        if (request->has_init()) {
            const CK_RV rv = run_init(p11_->C_VerifyInit, s, request->init());
            if (rv != CKR_OK) {
                response->set_init_failed(true);
                return rv;
            }
        }
        return p11_->C_Verify(s, input_bytes(request->data()), input_length(request->data()),
                              input_bytes(request->signature()),
                              input_length(request->signature()));
    });
}

grpc::Status Pkcs11Service::VerifyFinal(grpc::ServerContext* context,
                                        const v1::VerifyRequest* request,
                                        v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        if (request->has_init()) return CKR_ARGUMENTS_BAD;  // Verify's alone
        return p11_->C_VerifyFinal(s, input_bytes(request->signature()),
                                   input_length(request->signature()));
    });
}

}  // namespace craton::daemon
