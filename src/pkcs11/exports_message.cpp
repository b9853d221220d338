// Message-based encryption and decryption functions (PKCS#11 3.0).
#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_MessageEncryptInit)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.message_encrypt_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessage)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen, CK_BYTE_PTR pPlaintext,
 CK_ULONG ulPlaintextLen, CK_BYTE_PTR pCiphertext, CK_ULONG_PTR pulCiphertextLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.encrypt_message(hSession, pParameter, ulParameterLen,
                            abi::data_arg(pAssociatedData, ulAssociatedDataLen),
                            abi::data_arg(pPlaintext, ulPlaintextLen),
                            OutputBuffer(pCiphertext, pulCiphertextLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessageBegin)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.encrypt_message_begin(hSession, pParameter, ulParameterLen,
                                  abi::data_arg(pAssociatedData, ulAssociatedDataLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessageNext)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pPlaintextPart, CK_ULONG ulPlaintextPartLen, CK_BYTE_PTR pCiphertextPart,
 CK_ULONG_PTR pulCiphertextPartLen, CK_FLAGS flags) {
    return abi::call([&](Hsm& hsm) {
        hsm.encrypt_message_next(hSession, pParameter, ulParameterLen,
                                 abi::data_arg(pPlaintextPart, ulPlaintextPartLen),
                                 OutputBuffer(pCiphertextPart, pulCiphertextPartLen), flags);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageEncryptFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.message_encrypt_final(hSession); });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageDecryptInit)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.message_decrypt_init(hSession, pMechanism, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessage)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen, CK_BYTE_PTR pCiphertext,
 CK_ULONG ulCiphertextLen, CK_BYTE_PTR pPlaintext, CK_ULONG_PTR pulPlaintextLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.decrypt_message(hSession, pParameter, ulParameterLen,
                            abi::data_arg(pAssociatedData, ulAssociatedDataLen),
                            abi::data_arg(pCiphertext, ulCiphertextLen),
                            OutputBuffer(pPlaintext, pulPlaintextLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessageBegin)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.decrypt_message_begin(hSession, pParameter, ulParameterLen,
                                  abi::data_arg(pAssociatedData, ulAssociatedDataLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessageNext)
(CK_SESSION_HANDLE hSession, CK_VOID_PTR pParameter, CK_ULONG ulParameterLen,
 CK_BYTE_PTR pCiphertextPart, CK_ULONG ulCiphertextPartLen, CK_BYTE_PTR pPlaintextPart,
 CK_ULONG_PTR pulPlaintextPartLen, CK_FLAGS flags) {
    return abi::call([&](Hsm& hsm) {
        hsm.decrypt_message_next(hSession, pParameter, ulParameterLen,
                                 abi::data_arg(pCiphertextPart, ulCiphertextPartLen),
                                 OutputBuffer(pPlaintextPart, pulPlaintextPartLen), flags);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_MessageDecryptFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.message_decrypt_final(hSession); });
}

}  // extern "C"
