// Message-based signing and verification (core/hsm_message_sign.cpp).
#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_MessageSignInit)(CK_SESSION_HANDLE hSession,
                                              CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.message_sign_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignMessage)(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter,
                                          CK_ULONG ulParameterLen, CK_BYTE_PTR pData,
                                          CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                                          CK_ULONG_PTR pulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.sign_message(hSession, pParameter, ulParameterLen, abi::data_arg(pData, ulDataLen),
                         OutputBuffer(pSignature, pulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignMessageBegin)(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter,
                                               CK_ULONG ulParameterLen) {
    return abi::call(
        [&](Hsm& hsm) { hsm.sign_message_begin(hSession, pParameter, ulParameterLen); });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignMessageNext)(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter,
                                              CK_ULONG ulParameterLen, CK_BYTE_PTR pData,
                                              CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                                              CK_ULONG_PTR pulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.sign_message_next(hSession, pParameter, ulParameterLen,
                              abi::data_arg(pData, ulDataLen), pSignature, pulSignatureLen);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageSignFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.message_sign_final(hSession); });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageVerifyInit)(CK_SESSION_HANDLE hSession,
                                                CK_MECHANISM_PTR pMechanism,
                                                CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.message_verify_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessage)(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter,
                                            CK_ULONG ulParameterLen, CK_BYTE_PTR pData,
                                            CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                                            CK_ULONG ulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.verify_message(hSession, pParameter, ulParameterLen, abi::data_arg(pData, ulDataLen),
                           abi::data_arg(pSignature, ulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessageBegin)(CK_SESSION_HANDLE hSession,
                                                 CK_VOID_PTR pParameter,
                                                 CK_ULONG ulParameterLen) {
    return abi::call(
        [&](Hsm& hsm) { hsm.verify_message_begin(hSession, pParameter, ulParameterLen); });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessageNext)(CK_SESSION_HANDLE hSession,
                                                CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
                                                CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                                                CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        // No signature: a part that does not end the message.
        std::optional<ByteView> signature;
        if (pSignature != nullptr) signature = abi::data_arg(pSignature, ulSignatureLen);
        hsm.verify_message_next(hSession, pParameter, ulParameterLen,
                                abi::data_arg(pData, ulDataLen), signature);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageVerifyFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.message_verify_final(hSession); });
}

}  // extern "C"
