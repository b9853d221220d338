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

#define CRATON_INIT_RPC(name)                                                        \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context,                   \
                                     const v1::OperationInitRequest* request,        \
                                     v1::RvResponse* response) {                     \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV { \
            const CK_SESSION_HANDLE s = own(caller, request->session());             \
            wire::NativeMechanism m(request->mechanism());                           \
            return p11_->C_##name(s, m.get(), ck_ulong(request->key()));             \
        });                                                                          \
    }
CRATON_INIT_RPC(MessageEncryptInit)
CRATON_INIT_RPC(MessageDecryptInit)
CRATON_INIT_RPC(MessageSignInit)
CRATON_INIT_RPC(MessageVerifyInit)
#undef CRATON_INIT_RPC

// Every per-message call: `call(session, parameter)` makes the module call; the parameter's
// buffers after it (generated IV, tag) go back whatever the rv, since the local module leaves
// them written on some errors too, and the client copies only what changed.
#define CRATON_MESSAGE_RPC(name, ...)                                                \
    grpc::Status Pkcs11Service::name(grpc::ServerContext* context,                   \
                                     const v1::MessageDataRequest* request,          \
                                     v1::MessageDataResponse* response) {            \
        return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV { \
            const CK_SESSION_HANDLE s = own(caller, request->session());             \
            wire::NativeMessageParameter param(request->parameter());                \
            const CK_RV rv = [&]() -> CK_RV { __VA_ARGS__ }();                       \
            param.answer(*response->mutable_parameter());                            \
            return rv;                                                               \
        });                                                                          \
    }

#define CRATON_AAD request->associated_data()
#define CRATON_IN input_bytes(request->data()), input_length(request->data())
#define CRATON_SIG input_bytes(request->signature()), input_length(request->signature())

CRATON_MESSAGE_RPC(
    EncryptMessage,
    return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
        return p11_->C_EncryptMessage(s, param.data(), param.size(), input_bytes(CRATON_AAD),
                                      input_length(CRATON_AAD), CRATON_IN, out, len);
    });)
CRATON_MESSAGE_RPC(
    DecryptMessage,
    return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
        return p11_->C_DecryptMessage(s, param.data(), param.size(), input_bytes(CRATON_AAD),
                                      input_length(CRATON_AAD), CRATON_IN, out, len);
    });)
CRATON_MESSAGE_RPC(EncryptMessageBegin,
                   return p11_->C_EncryptMessageBegin(s, param.data(), param.size(),
                                                      input_bytes(CRATON_AAD),
                                                      input_length(CRATON_AAD));)
CRATON_MESSAGE_RPC(DecryptMessageBegin,
                   return p11_->C_DecryptMessageBegin(s, param.data(), param.size(),
                                                      input_bytes(CRATON_AAD),
                                                      input_length(CRATON_AAD));)
CRATON_MESSAGE_RPC(EncryptMessageNext, const CK_FLAGS flags = ck_ulong(request->flags());
                   return with_output(request->output(), response,
                                      [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
                                          return p11_->C_EncryptMessageNext(s, param.data(),
                                                                            param.size(), CRATON_IN,
                                                                            out, len, flags);
                                      });)
CRATON_MESSAGE_RPC(DecryptMessageNext, const CK_FLAGS flags = ck_ulong(request->flags());
                   return with_output(request->output(), response,
                                      [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
                                          return p11_->C_DecryptMessageNext(s, param.data(),
                                                                            param.size(), CRATON_IN,
                                                                            out, len, flags);
                                      });)
CRATON_MESSAGE_RPC(SignMessage, return with_output(request->output(), response,
                                                   [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
                                                       return p11_->C_SignMessage(
                                                           s, param.data(), param.size(), CRATON_IN,
                                                           out, len);
                                                   });)
CRATON_MESSAGE_RPC(SignMessageBegin,
                   return p11_->C_SignMessageBegin(s, param.data(), param.size());)
// No output buffer in the request means pulSignatureLen = NULL: a part that does not end the
// message.
CRATON_MESSAGE_RPC(
    SignMessageNext,
    if (!request->has_output()) return p11_->C_SignMessageNext(s, param.data(), param.size(),
                                                               CRATON_IN, nullptr, nullptr);
    return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
        return p11_->C_SignMessageNext(s, param.data(), param.size(), CRATON_IN, out, len);
    });)
CRATON_MESSAGE_RPC(VerifyMessage, return p11_->C_VerifyMessage(s, param.data(), param.size(),
                                                               CRATON_IN, CRATON_SIG);)
CRATON_MESSAGE_RPC(VerifyMessageBegin,
                   return p11_->C_VerifyMessageBegin(s, param.data(), param.size());)
CRATON_MESSAGE_RPC(
    VerifyMessageNext,
    if (!request->has_signature()) return p11_->C_VerifyMessageNext(s, param.data(), param.size(),
                                                                    CRATON_IN, nullptr, 0);
    return p11_->C_VerifyMessageNext(s, param.data(), param.size(), CRATON_IN, CRATON_SIG);)

grpc::Status Pkcs11Service::SessionCancel(grpc::ServerContext* context,
                                          const v1::SessionCancelRequest* request,
                                          v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_SessionCancel(own(caller, request->session()), ck_ulong(request->flags()));
    });
}

#undef CRATON_SIG
#undef CRATON_IN
#undef CRATON_AAD
#undef CRATON_MESSAGE_RPC

}  // namespace craton::daemon
