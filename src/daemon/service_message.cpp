// The RPCs added after the first release of protocol v1: PKCS#11 3.2 C_VerifySignature*, the
// message-based encrypt/decrypt/sign/verify calls and C_SessionCancel (the dual-function
// updates are with their single-function shapes in service_crypto.cpp). As everywhere in the
// service, each one is the matching call on the loaded module's function table; the buffer protocol
// goes through with_output(), and the per-message parameter through wire::NativeMessageParameter,
// whose buffers (IV, tag) the module may write and which go back in the response.
#include "daemon/pkcs11_service.h"
#include "wire/mechanism_codec.h"
#include "wire/message_param_codec.h"

namespace craton::daemon {

grpc::Status Pkcs11Service::VerifySignatureInit(grpc::ServerContext* context,
                                                const v1::VerifySignatureInitRequest* request,
                                                v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        return p11_->C_VerifySignatureInit(s, m.get(), ck_ulong(request->key()),
                                           input_bytes(request->signature()),
                                           input_length(request->signature()));
    });
}

#define CRATON_UPDATE_RPC(name)                                                                    \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context, const v1::DataRequest* request, \
                                     v1::RvResponse* response) {                                   \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {               \
            const CK_SESSION_HANDLE s = own(caller, request->session());                           \
            return p11_->C_##name(s, input_bytes(request->data()), input_length(request->data())); \
        });                                                                                        \
    }
CRATON_UPDATE_RPC(VerifySignature)
CRATON_UPDATE_RPC(VerifySignatureUpdate)
#undef CRATON_UPDATE_RPC

// Calls of the shape f(session).
#define CRATON_SESSION_RPC(name)                                                     \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context,                   \
                                     const v1::SessionRequest* request,              \
                                     v1::RvResponse* response) {                     \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV { \
            return p11_->C_##name(own(caller, request->session()));                  \
        });                                                                          \
    }
CRATON_SESSION_RPC(VerifySignatureFinal)
CRATON_SESSION_RPC(MessageEncryptFinal)
CRATON_SESSION_RPC(MessageDecryptFinal)
CRATON_SESSION_RPC(MessageSignFinal)
CRATON_SESSION_RPC(MessageVerifyFinal)
#undef CRATON_SESSION_RPC

CRATON_DAEMON_INIT_RPC(MessageEncryptInit)
CRATON_DAEMON_INIT_RPC(MessageDecryptInit)
CRATON_DAEMON_INIT_RPC(MessageSignInit)
CRATON_DAEMON_INIT_RPC(MessageVerifyInit)

namespace {

// Runs one per-message call with the request's parameter rebuilt for the module, then puts the
// parameter's buffers (generated IV, tag) into the response whatever the rv: the module may have
// written them before failing, as it would have the caller's in process, and the client copies
// back only what changed.
template <class Call>
CK_RV with_message_parameter(const v1::MessageDataRequest& request,
                             v1::MessageDataResponse* response, Call&& call) {
    wire::NativeMessageParameter param(request.parameter());
    const CK_RV rv = call(param.data(), param.size());
    param.answer(*response->mutable_parameter());
    return rv;
}

CK_BYTE_PTR aad_bytes(const v1::MessageDataRequest& r) {
    return input_bytes(r.associated_data());
}
CK_ULONG aad_length(const v1::MessageDataRequest& r) {
    return input_length(r.associated_data());
}

}  // namespace

#define CRATON_MESSAGE_RPC(name)                                            \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context,          \
                                     const v1::MessageDataRequest* request, \
                                     v1::MessageDataResponse* response)

// C_EncryptMessage, C_DecryptMessage: f(s, param, aad, in, out, &out_len).
#define CRATON_CRYPT_MESSAGE_RPC(name)                                                            \
    CRATON_MESSAGE_RPC(name) {                                                                    \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {              \
            const CK_SESSION_HANDLE s = own(caller, request->session());                          \
            return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {      \
                return with_output(                                                               \
                    request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {         \
                        return p11_->C_##name(s, p, p_len, aad_bytes(*request),                   \
                                              aad_length(*request), input_bytes(request->data()), \
                                              input_length(request->data()), out, len);           \
                    });                                                                           \
            });                                                                                   \
        });                                                                                       \
    }
CRATON_CRYPT_MESSAGE_RPC(EncryptMessage)
CRATON_CRYPT_MESSAGE_RPC(DecryptMessage)
#undef CRATON_CRYPT_MESSAGE_RPC

// C_EncryptMessageBegin, C_DecryptMessageBegin: f(s, param, aad).
#define CRATON_CRYPT_BEGIN_RPC(name)                                                           \
    CRATON_MESSAGE_RPC(name) {                                                                 \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {           \
            const CK_SESSION_HANDLE s = own(caller, request->session());                       \
            return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {   \
                return p11_->C_##name(s, p, p_len, aad_bytes(*request), aad_length(*request)); \
            });                                                                                \
        });                                                                                    \
    }
CRATON_CRYPT_BEGIN_RPC(EncryptMessageBegin)
CRATON_CRYPT_BEGIN_RPC(DecryptMessageBegin)
#undef CRATON_CRYPT_BEGIN_RPC

// C_EncryptMessageNext, C_DecryptMessageNext: f(s, param, in, out, &out_len, flags).
#define CRATON_CRYPT_NEXT_RPC(name)                                                            \
    CRATON_MESSAGE_RPC(name) {                                                                 \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {           \
            const CK_SESSION_HANDLE s = own(caller, request->session());                       \
            const CK_FLAGS flags = ck_ulong(request->flags());                                 \
            return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {   \
                return with_output(                                                            \
                    request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {      \
                        return p11_->C_##name(s, p, p_len, input_bytes(request->data()),       \
                                              input_length(request->data()), out, len, flags); \
                    });                                                                        \
            });                                                                                \
        });                                                                                    \
    }
CRATON_CRYPT_NEXT_RPC(EncryptMessageNext)
CRATON_CRYPT_NEXT_RPC(DecryptMessageNext)
#undef CRATON_CRYPT_NEXT_RPC

// C_SignMessageBegin, C_VerifyMessageBegin: f(s, param).
#define CRATON_SIGN_BEGIN_RPC(name)                                                          \
    CRATON_MESSAGE_RPC(name) {                                                               \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {         \
            const CK_SESSION_HANDLE s = own(caller, request->session());                     \
            return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) { \
                return p11_->C_##name(s, p, p_len);                                          \
            });                                                                              \
        });                                                                                  \
    }
CRATON_SIGN_BEGIN_RPC(SignMessageBegin)
CRATON_SIGN_BEGIN_RPC(VerifyMessageBegin)
#undef CRATON_SIGN_BEGIN_RPC

CRATON_MESSAGE_RPC(SignMessage) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {
            return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
                return p11_->C_SignMessage(s, p, p_len, input_bytes(request->data()),
                                           input_length(request->data()), out, len);
            });
        });
    });
}

// No output buffer in the request means pulSignatureLen = NULL: a part that does not end the
// message.
CRATON_MESSAGE_RPC(SignMessageNext) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {
            CK_BYTE_PTR in = input_bytes(request->data());
            const CK_ULONG in_len = input_length(request->data());
            if (!request->has_output())
                return p11_->C_SignMessageNext(s, p, p_len, in, in_len, nullptr, nullptr);
            return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
                return p11_->C_SignMessageNext(s, p, p_len, in, in_len, out, len);
            });
        });
    });
}

CRATON_MESSAGE_RPC(VerifyMessage) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {
            return p11_->C_VerifyMessage(
                s, p, p_len, input_bytes(request->data()), input_length(request->data()),
                input_bytes(request->signature()), input_length(request->signature()));
        });
    });
}

// has_signature false means pSignature = NULL: a part that does not end the message.
CRATON_MESSAGE_RPC(VerifyMessageNext) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        return with_message_parameter(*request, response, [&](void* p, CK_ULONG p_len) {
            const bool last = request->has_signature();
            return p11_->C_VerifyMessageNext(s, p, p_len, input_bytes(request->data()),
                                             input_length(request->data()),
                                             last ? input_bytes(request->signature()) : nullptr,
                                             last ? input_length(request->signature()) : 0);
        });
    });
}

#undef CRATON_MESSAGE_RPC

grpc::Status Pkcs11Service::SessionCancel(grpc::ServerContext* context,
                                          const v1::SessionCancelRequest* request,
                                          v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_SessionCancel(own(caller, request->session()), ck_ulong(request->flags()));
    });
}

}  // namespace craton::daemon
