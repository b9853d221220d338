// C_VerifySignature* (PKCS#11 3.2), the message-based calls (PKCS#11 3.0 5.13-5.16) and
// C_SessionCancel by RPC.
// Output buffers use the same protocol as C_Sign/C_Encrypt (output_call.h); the per-message
// parameter (CK_GCM_MESSAGE_PARAMS) goes out with its IV and tag buffers and whatever the
// daemon's module wrote into them is copied back into the caller's structure.
#include "remote/basic_calls.h"
#include "remote/output_call.h"
#include "remote/remote_calls.h"
#include "wire/mechanism_codec.h"
#include "wire/message_param_codec.h"

namespace craton::remote {
namespace {

using MessageRpc = Rpc<v1::MessageDataRequest, v1::MessageDataResponse>;

v1::MessageDataRequest message_request(CK_SESSION_HANDLE session, CK_VOID_PTR parameter,
                                       CK_ULONG parameter_len) {
    v1::MessageDataRequest q;
    q.set_session(session);
    wire::encode_message_parameter(parameter, parameter_len, *q.mutable_parameter());
    return q;
}

// Sends a per-message call and writes the parameter back; with `out_len` the answer's output
// is taken as output_call() takes it.
CK_RV message_call(MessageRpc method, const v1::MessageDataRequest& q, CK_VOID_PTR parameter,
                   CK_ULONG parameter_len, CK_BYTE_PTR out = nullptr,
                   CK_ULONG_PTR out_len = nullptr) {
    v1::MessageDataResponse r;
    const CK_RV rv = rpc(method, q, r);
    wire::write_back_message_parameter(r.parameter(), parameter, parameter_len);
    if (out_len == nullptr) return rv;
    return take_output(rv, r.length(), r.data(), out, out_len);
}

CK_RV session_call(Rpc<v1::SessionRequest, v1::RvResponse> method, CK_SESSION_HANDLE session) {
    v1::SessionRequest q;
    q.set_session(session);
    v1::RvResponse r;
    return rpc(method, q, r);
}

}  // namespace

// ---------------------------------------------------------------- C_VerifySignature*

CK_RV VerifySignatureInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                          CK_OBJECT_HANDLE hKey, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen) {
    return guard([&]() -> CK_RV {
        v1::VerifySignatureInitRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_key(hKey);
        q.set_signature(input(pSignature, ulSignatureLen));
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::VerifySignatureInit, q, r);
    });
}

CK_RV VerifySignature(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen) {
    return guard(
        [&] { return data_call(&v1::Pkcs11::Stub::VerifySignature, hSession, pData, ulDataLen); });
}

CK_RV VerifySignatureUpdate(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen) {
    return guard([&] {
        return data_call(&v1::Pkcs11::Stub::VerifySignatureUpdate, hSession, pPart, ulPartLen);
    });
}

#define CRATON_REMOTE_SESSION_CALL(name)                                               \
    CK_RV name(CK_SESSION_HANDLE hSession) {                                           \
        return guard([&] { return session_call(&v1::Pkcs11::Stub::name, hSession); }); \
    }
CRATON_REMOTE_SESSION_CALL(VerifySignatureFinal)
CRATON_REMOTE_SESSION_CALL(MessageEncryptFinal)
CRATON_REMOTE_SESSION_CALL(MessageDecryptFinal)
CRATON_REMOTE_SESSION_CALL(MessageSignFinal)
CRATON_REMOTE_SESSION_CALL(MessageVerifyFinal)
#undef CRATON_REMOTE_SESSION_CALL

// ---------------------------------------------------------------- message-based

#define CRATON_REMOTE_INIT(name)                                                                 \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) { \
        return guard(                                                                            \
            [&] { return init_call(&v1::Pkcs11::Stub::name, hSession, pMechanism, hKey); });     \
    }
CRATON_REMOTE_INIT(MessageEncryptInit)
CRATON_REMOTE_INIT(MessageDecryptInit)
CRATON_REMOTE_INIT(MessageSignInit)
CRATON_REMOTE_INIT(MessageVerifyInit)
#undef CRATON_REMOTE_INIT

// C_EncryptMessage / C_DecryptMessage.
#define CRATON_REMOTE_CRYPT_MESSAGE(name)                                                     \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,   \
               CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen, CK_BYTE_PTR pIn,    \
               CK_ULONG ulInLen, CK_BYTE_PTR pOut, CK_ULONG_PTR pulOutLen) {                  \
        return guard([&] {                                                                    \
            auto q = message_request(hSession, pParameter, ulParameterLen);                   \
            q.set_associated_data(input(pAssociatedData, ulAssociatedDataLen));               \
            q.set_data(input(pIn, ulInLen));                                                  \
            describe_output(q.mutable_output(), pOut, pulOutLen);                             \
            return message_call(&v1::Pkcs11::Stub::name, q, pParameter, ulParameterLen, pOut, \
                                pulOutLen);                                                   \
        });                                                                                   \
    }
CRATON_REMOTE_CRYPT_MESSAGE(EncryptMessage)
CRATON_REMOTE_CRYPT_MESSAGE(DecryptMessage)
#undef CRATON_REMOTE_CRYPT_MESSAGE

#define CRATON_REMOTE_CRYPT_BEGIN(name)                                                     \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen, \
               CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen) {                 \
        return guard([&] {                                                                  \
            auto q = message_request(hSession, pParameter, ulParameterLen);                 \
            q.set_associated_data(input(pAssociatedData, ulAssociatedDataLen));             \
            return message_call(&v1::Pkcs11::Stub::name, q, pParameter, ulParameterLen);    \
        });                                                                                 \
    }
CRATON_REMOTE_CRYPT_BEGIN(EncryptMessageBegin)
CRATON_REMOTE_CRYPT_BEGIN(DecryptMessageBegin)
#undef CRATON_REMOTE_CRYPT_BEGIN

#define CRATON_REMOTE_CRYPT_NEXT(name)                                                        \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,   \
               CK_BYTE_PTR pIn, CK_ULONG ulInLen, CK_BYTE_PTR pOut, CK_ULONG_PTR pulOutLen,   \
               CK_FLAGS flags) {                                                              \
        return guard([&] {                                                                    \
            auto q = message_request(hSession, pParameter, ulParameterLen);                   \
            q.set_data(input(pIn, ulInLen));                                                  \
            describe_output(q.mutable_output(), pOut, pulOutLen);                             \
            q.set_flags(flags);                                                               \
            return message_call(&v1::Pkcs11::Stub::name, q, pParameter, ulParameterLen, pOut, \
                                pulOutLen);                                                   \
        });                                                                                   \
    }
CRATON_REMOTE_CRYPT_NEXT(EncryptMessageNext)
CRATON_REMOTE_CRYPT_NEXT(DecryptMessageNext)
#undef CRATON_REMOTE_CRYPT_NEXT

CK_RV SignMessage(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
                  CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                  CK_ULONG_PTR pulSignatureLen) {
    return guard([&] {
        auto q = message_request(hSession, pParameter, ulParameterLen);
        q.set_data(input(pData, ulDataLen));
        describe_output(q.mutable_output(), pSignature, pulSignatureLen);
        return message_call(&v1::Pkcs11::Stub::SignMessage, q, pParameter, ulParameterLen,
                            pSignature, pulSignatureLen);
    });
}

#define CRATON_REMOTE_SIGN_BEGIN(name)                                                        \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen) { \
        return guard([&] {                                                                    \
            auto q = message_request(hSession, pParameter, ulParameterLen);                   \
            return message_call(&v1::Pkcs11::Stub::name, q, pParameter, ulParameterLen);      \
        });                                                                                   \
    }
CRATON_REMOTE_SIGN_BEGIN(SignMessageBegin)
CRATON_REMOTE_SIGN_BEGIN(VerifyMessageBegin)
#undef CRATON_REMOTE_SIGN_BEGIN

// pulSignatureLen = NULL: a part that does not end the message (no output in the request).
CK_RV SignMessageNext(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
                      CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                      CK_ULONG_PTR pulSignatureLen) {
    return guard([&] {
        auto q = message_request(hSession, pParameter, ulParameterLen);
        q.set_data(input(pData, ulDataLen));
        if (pulSignatureLen == nullptr)
            return message_call(&v1::Pkcs11::Stub::SignMessageNext, q, pParameter, ulParameterLen);
        describe_output(q.mutable_output(), pSignature, pulSignatureLen);
        return message_call(&v1::Pkcs11::Stub::SignMessageNext, q, pParameter, ulParameterLen,
                            pSignature, pulSignatureLen);
    });
}

CK_RV VerifyMessage(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
                    CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                    CK_ULONG ulSignatureLen) {
    return guard([&] {
        auto q = message_request(hSession, pParameter, ulParameterLen);
        q.set_data(input(pData, ulDataLen));
        q.set_has_signature(true);
        q.set_signature(input(pSignature, ulSignatureLen));
        return message_call(&v1::Pkcs11::Stub::VerifyMessage, q, pParameter, ulParameterLen);
    });
}

// pSignature = NULL: a part that does not end the message.
CK_RV VerifyMessageNext(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
                        CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                        CK_ULONG ulSignatureLen) {
    return guard([&] {
        auto q = message_request(hSession, pParameter, ulParameterLen);
        q.set_data(input(pData, ulDataLen));
        if (pSignature != nullptr) {
            q.set_has_signature(true);
            q.set_signature(input(pSignature, ulSignatureLen));
        }
        return message_call(&v1::Pkcs11::Stub::VerifyMessageNext, q, pParameter, ulParameterLen);
    });
}

// ---------------------------------------------------------------- C_SessionCancel

CK_RV SessionCancel(CK_SESSION_HANDLE hSession, CK_FLAGS flags) {
    return guard([&]() -> CK_RV {
        v1::SessionCancelRequest q;
        q.set_session(hSession);
        q.set_flags(flags);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::SessionCancel, q, r);
    });
}

}  // namespace craton::remote
