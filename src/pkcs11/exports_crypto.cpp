// Encryption, decryption, signing and verification functions.
#include "pkcs11/guard.h"

using namespace craton;

namespace {
// Input the call cannot read: NULL with a non-zero length.
bool unreadable(const CK_BYTE* data, CK_ULONG len) {
    return data == nullptr && len != 0;
}

// A bad pointer in a call that continues or finishes an operation ends that operation, as any
// other error does (abi::fail_ending_operation); checked before the core sees the call.
void check_step_args(Hsm& hsm, CK_SESSION_HANDLE session, OpKind kind, bool bad) {
    if (bad) abi::fail_ending_operation(hsm, session, kind);
}
}  // namespace

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_EncryptInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                          CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.encrypt_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Encrypt)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData,
                                      CK_ULONG ulDataLen, CK_BYTE_PTR pEncryptedData,
                                      CK_ULONG_PTR pulEncryptedDataLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Encrypt,
                        pulEncryptedDataLen == nullptr || unreadable(pData, ulDataLen));
        hsm.encrypt(hSession, abi::data_arg(pData, ulDataLen),
                    OutputBuffer(pEncryptedData, pulEncryptedDataLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_EncryptUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                            CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart,
                                            CK_ULONG_PTR pulEncryptedPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Encrypt,
                        pulEncryptedPartLen == nullptr || unreadable(pPart, ulPartLen));
        hsm.encrypt_update(hSession, abi::data_arg(pPart, ulPartLen),
                           OutputBuffer(pEncryptedPart, pulEncryptedPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_EncryptFinal)(CK_SESSION_HANDLE hSession,
                                           CK_BYTE_PTR pLastEncryptedPart,
                                           CK_ULONG_PTR pulLastEncryptedPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Encrypt, pulLastEncryptedPartLen == nullptr);
        hsm.encrypt_final(hSession, OutputBuffer(pLastEncryptedPart, pulLastEncryptedPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                          CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.decrypt_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Decrypt)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedData,
                                      CK_ULONG ulEncryptedDataLen, CK_BYTE_PTR pData,
                                      CK_ULONG_PTR pulDataLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Decrypt,
                        pulDataLen == nullptr || unreadable(pEncryptedData, ulEncryptedDataLen));
        hsm.decrypt(hSession, abi::data_arg(pEncryptedData, ulEncryptedDataLen),
                    OutputBuffer(pData, pulDataLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart,
                                            CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                            CK_ULONG_PTR pulPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Decrypt,
                        pulPartLen == nullptr || unreadable(pEncryptedPart, ulEncryptedPartLen));
        hsm.decrypt_update(hSession, abi::data_arg(pEncryptedPart, ulEncryptedPartLen),
                           OutputBuffer(pPart, pulPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptFinal)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastPart,
                                           CK_ULONG_PTR pulLastPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Decrypt, pulLastPartLen == nullptr);
        hsm.decrypt_final(hSession, OutputBuffer(pLastPart, pulLastPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                       CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.sign_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Sign)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData,
                                   CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                                   CK_ULONG_PTR pulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Sign,
                        pulSignatureLen == nullptr || unreadable(pData, ulDataLen));
        hsm.sign(hSession, abi::data_arg(pData, ulDataLen),
                 OutputBuffer(pSignature, pulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                         CK_ULONG ulPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Sign, unreadable(pPart, ulPartLen));
        hsm.sign_update(hSession, abi::data_arg(pPart, ulPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SignFinal)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                                        CK_ULONG_PTR pulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Sign, pulSignatureLen == nullptr);
        hsm.sign_final(hSession, OutputBuffer(pSignature, pulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                         CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.verify_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Verify)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData,
                                     CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
                                     CK_ULONG ulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Verify,
                        unreadable(pData, ulDataLen) || unreadable(pSignature, ulSignatureLen));
        hsm.verify(hSession, abi::data_arg(pData, ulDataLen),
                   abi::data_arg(pSignature, ulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                           CK_ULONG ulPartLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Verify, unreadable(pPart, ulPartLen));
        hsm.verify_update(hSession, abi::data_arg(pPart, ulPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyFinal)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                                          CK_ULONG ulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        check_step_args(hsm, hSession, OpKind::Verify, unreadable(pSignature, ulSignatureLen));
        hsm.verify_final(hSession, abi::data_arg(pSignature, ulSignatureLen));
    });
}

}  // extern "C"
