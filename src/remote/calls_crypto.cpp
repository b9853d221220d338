// Encrypt, decrypt, digest, sign and verify: single-part and multi-part (C_SignInit, C_Sign,
// C_VerifyInit and C_Verify, which hold inits back, are in calls_sign_verify.cpp).
#include "remote/basic_calls.h"
#include "remote/output_call.h"
#include "remote/remote_calls.h"

namespace craton::remote {
namespace {

CK_RV data_out(Rpc<v1::DataRequest, v1::DataResponse> method, CK_SESSION_HANDLE session,
               CK_BYTE_PTR in, CK_ULONG in_len, CK_BYTE_PTR out, CK_ULONG_PTR out_len) {
    v1::DataRequest q;
    q.set_session(session);
    q.set_data(input(in, in_len));
    describe_output(q.mutable_output(), out, out_len);
    return output_call(method, q, out, out_len);
}

CK_RV final_out(Rpc<v1::DataRequest, v1::DataResponse> method, CK_SESSION_HANDLE session,
                CK_BYTE_PTR out, CK_ULONG_PTR out_len) {
    v1::DataRequest q;
    q.set_session(session);
    describe_output(q.mutable_output(), out, out_len);
    return output_call(method, q, out, out_len);
}

}  // namespace

#define CRATON_REMOTE_INIT(name)                                                                 \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) { \
        return guard(                                                                            \
            [&] { return init_call(&v1::Pkcs11::Stub::name, hSession, pMechanism, hKey); });     \
    }
CRATON_REMOTE_INIT(EncryptInit)
CRATON_REMOTE_INIT(DecryptInit)
#undef CRATON_REMOTE_INIT

CK_RV DigestInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism) {
    return guard([&] {
        return init_call(&v1::Pkcs11::Stub::DigestInit, hSession, pMechanism, CK_INVALID_HANDLE);
    });
}

#define CRATON_REMOTE_DATA(name)                                                                \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pIn, CK_ULONG ulInLen, CK_BYTE_PTR pOut, \
               CK_ULONG_PTR pulOutLen) {                                                        \
        return guard([&] {                                                                      \
            return data_out(&v1::Pkcs11::Stub::name, hSession, pIn, ulInLen, pOut, pulOutLen);  \
        });                                                                                     \
    }
CRATON_REMOTE_DATA(Encrypt)
CRATON_REMOTE_DATA(EncryptUpdate)
CRATON_REMOTE_DATA(Decrypt)
CRATON_REMOTE_DATA(DecryptUpdate)
CRATON_REMOTE_DATA(Digest)
CRATON_REMOTE_DATA(DigestEncryptUpdate)
CRATON_REMOTE_DATA(DecryptDigestUpdate)
CRATON_REMOTE_DATA(SignEncryptUpdate)
CRATON_REMOTE_DATA(DecryptVerifyUpdate)
#undef CRATON_REMOTE_DATA

#define CRATON_REMOTE_FINAL(name)                                                           \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOut, CK_ULONG_PTR pulOutLen) {      \
        return guard(                                                                       \
            [&] { return final_out(&v1::Pkcs11::Stub::name, hSession, pOut, pulOutLen); }); \
    }
CRATON_REMOTE_FINAL(EncryptFinal)
CRATON_REMOTE_FINAL(DecryptFinal)
CRATON_REMOTE_FINAL(DigestFinal)
CRATON_REMOTE_FINAL(SignFinal)
#undef CRATON_REMOTE_FINAL

#define CRATON_REMOTE_UPDATE(name)                                                           \
    CK_RV name(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen) {          \
        return guard(                                                                        \
            [&] { return data_call(&v1::Pkcs11::Stub::name, hSession, pPart, ulPartLen); }); \
    }
CRATON_REMOTE_UPDATE(DigestUpdate)
CRATON_REMOTE_UPDATE(SignUpdate)
CRATON_REMOTE_UPDATE(VerifyUpdate)
#undef CRATON_REMOTE_UPDATE

CK_RV DigestKey(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey) {
    return guard([&]() -> CK_RV {
        v1::ObjectRequest q;
        q.set_session(hSession);
        q.set_object(hKey);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::DigestKey, q, r);
    });
}

CK_RV VerifyFinal(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen) {
    return guard([&]() -> CK_RV {
        v1::VerifyRequest q;
        q.set_session(hSession);
        q.set_signature(input(pSignature, ulSignatureLen));
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::VerifyFinal, q, r);
    });
}

}  // namespace craton::remote
