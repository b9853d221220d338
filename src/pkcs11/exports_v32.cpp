// Functions PKCS#11 3.2 adds: key encapsulation, verification with the signature given at init,
// session validation flags; asynchronous sessions and authenticated wrapping are not offered.
#include "core/template.h"
#include "pkcs11/guard.h"

using namespace craton;

namespace {
Template template_arg(const CK_ATTRIBUTE* attrs, CK_ULONG count) {
    if (attrs == nullptr && count != 0) fail(CKR_ARGUMENTS_BAD);
    return Template::from_caller(attrs, count);
}

// Checks the library state and the session handle, so callers get those errors precisely.
CK_RV not_supported(CK_SESSION_HANDLE session) {
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(session);
        return CKR_FUNCTION_NOT_SUPPORTED;
    });
}
}  // namespace

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_EncapsulateKey)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hPublicKey,
 CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_BYTE_PTR pCiphertext,
 CK_ULONG_PTR pulCiphertextLen, CK_OBJECT_HANDLE_PTR phKey) {
    return abi::call([&](Hsm& hsm) {
        if (phKey == nullptr || pMechanism == nullptr) fail(CKR_ARGUMENTS_BAD);
        *phKey = hsm.encapsulate_key(hSession, pMechanism, hPublicKey,
                                     template_arg(pTemplate, ulAttributeCount),
                                     OutputBuffer(pCiphertext, pulCiphertextLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DecapsulateKey)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hPrivateKey,
 CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_BYTE_PTR pCiphertext,
 CK_ULONG ulCiphertextLen, CK_OBJECT_HANDLE_PTR phKey) {
    return abi::call([&](Hsm& hsm) {
        if (phKey == nullptr || pMechanism == nullptr || pCiphertext == nullptr) {
            fail(CKR_ARGUMENTS_BAD);
        }
        *phKey = hsm.decapsulate_key(hSession, pMechanism, hPrivateKey,
                                     template_arg(pTemplate, ulAttributeCount),
                                     abi::data_arg(pCiphertext, ulCiphertextLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureInit)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey,
 CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.verify_signature_init(hSession, pMechanism, hKey,
                                  abi::data_arg(pSignature, ulSignatureLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifySignature)
(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen) {
    return abi::call([&](Hsm& hsm) {
        // A bad pointer ends the operation as any other error does.
        if (pData == nullptr && ulDataLen != 0) {
            abi::fail_ending_operation(hsm, hSession, OpKind::VerifySignature);
        }
        hsm.verify_signature(hSession, abi::data_arg(pData, ulDataLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureUpdate)
(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen) {
    return abi::call([&](Hsm& hsm) {
        if (pPart == nullptr && ulPartLen != 0) {
            abi::fail_ending_operation(hsm, hSession, OpKind::VerifySignature);
        }
        hsm.verify_signature_update(hSession, abi::data_arg(pPart, ulPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.verify_signature_final(hSession); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetSessionValidationFlags)
(CK_SESSION_HANDLE hSession, CK_SESSION_VALIDATION_FLAGS_TYPE type, CK_FLAGS_PTR pFlags) {
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(hSession);
        if (pFlags == nullptr || type != CKS_LAST_VALIDATION_OK) fail(CKR_ARGUMENTS_BAD);
        // The module holds no validation objects, so no operation is reported as validated.
        *pFlags = 0;
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_AsyncComplete)
(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pFunctionName, CK_ASYNC_DATA_PTR pResult) {
    (void)pFunctionName;
    (void)pResult;
    return not_supported(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_AsyncGetID)
(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pFunctionName, CK_ULONG_PTR pulID) {
    (void)pFunctionName;
    (void)pulID;
    return not_supported(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_AsyncJoin)
(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pFunctionName, CK_ULONG ulID, CK_BYTE_PTR pData,
 CK_ULONG ulData) {
    (void)pFunctionName;
    (void)ulID;
    (void)pData;
    (void)ulData;
    return not_supported(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_WrapKeyAuthenticated)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hWrappingKey,
 CK_OBJECT_HANDLE hKey, CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen,
 CK_BYTE_PTR pWrappedKey, CK_ULONG_PTR pulWrappedKeyLen) {
    (void)pMechanism;
    (void)hWrappingKey;
    (void)hKey;
    (void)pAssociatedData;
    (void)ulAssociatedDataLen;
    (void)pWrappedKey;
    (void)pulWrappedKeyLen;
    return not_supported(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_UnwrapKeyAuthenticated)
(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hUnwrappingKey,
 CK_BYTE_PTR pWrappedKey, CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate,
 CK_ULONG ulAttributeCount, CK_BYTE_PTR pAssociatedData, CK_ULONG ulAssociatedDataLen,
 CK_OBJECT_HANDLE_PTR phKey) {
    (void)pMechanism;
    (void)hUnwrappingKey;
    (void)pWrappedKey;
    (void)ulWrappedKeyLen;
    (void)pTemplate;
    (void)ulAttributeCount;
    (void)pAssociatedData;
    (void)ulAssociatedDataLen;
    (void)phKey;
    return not_supported(hSession);
}

}  // extern "C"
