// Key generation, wrapping and derivation functions.
#include "core/template.h"
#include "pkcs11/guard.h"

using namespace craton;

namespace {
Template template_arg(const CK_ATTRIBUTE* attrs, CK_ULONG count) {
    if (attrs == nullptr && count != 0) fail(CKR_ARGUMENTS_BAD);
    return Template::from_caller(attrs, count);
}
}  // namespace

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_GenerateKey)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                          CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                                          CK_OBJECT_HANDLE_PTR phKey) {
    return abi::call([&](Hsm& hsm) {
        if (phKey == nullptr || pMechanism == nullptr) fail(CKR_ARGUMENTS_BAD);
        *phKey = hsm.generate_key(hSession, pMechanism, template_arg(pTemplate, ulCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GenerateKeyPair)(
    CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_ATTRIBUTE_PTR pPublicKeyTemplate,
    CK_ULONG ulPublicKeyAttributeCount, CK_ATTRIBUTE_PTR pPrivateKeyTemplate,
    CK_ULONG ulPrivateKeyAttributeCount, CK_OBJECT_HANDLE_PTR phPublicKey,
    CK_OBJECT_HANDLE_PTR phPrivateKey) {
    return abi::call([&](Hsm& hsm) {
        if (phPublicKey == nullptr || phPrivateKey == nullptr || pMechanism == nullptr) {
            fail(CKR_ARGUMENTS_BAD);
        }
        const auto [pub, priv] = hsm.generate_key_pair(
            hSession, pMechanism, template_arg(pPublicKeyTemplate, ulPublicKeyAttributeCount),
            template_arg(pPrivateKeyTemplate, ulPrivateKeyAttributeCount));
        *phPublicKey = pub;
        *phPrivateKey = priv;
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_WrapKey)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                      CK_OBJECT_HANDLE hWrappingKey, CK_OBJECT_HANDLE hKey,
                                      CK_BYTE_PTR pWrappedKey, CK_ULONG_PTR pulWrappedKeyLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.wrap_key(hSession, pMechanism, hWrappingKey, hKey,
                     OutputBuffer(pWrappedKey, pulWrappedKeyLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_UnwrapKey)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                        CK_OBJECT_HANDLE hUnwrappingKey, CK_BYTE_PTR pWrappedKey,
                                        CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate,
                                        CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey) {
    return abi::call([&](Hsm& hsm) {
        if (phKey == nullptr || pWrappedKey == nullptr) fail(CKR_ARGUMENTS_BAD);
        *phKey = hsm.unwrap_key(hSession, pMechanism, hUnwrappingKey,
                                abi::data_arg(pWrappedKey, ulWrappedKeyLen),
                                template_arg(pTemplate, ulAttributeCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DeriveKey)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                        CK_OBJECT_HANDLE hBaseKey, CK_ATTRIBUTE_PTR pTemplate,
                                        CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey) {
    return abi::call([&](Hsm& hsm) {
        if (phKey == nullptr) fail(CKR_ARGUMENTS_BAD);
        *phKey = hsm.derive_key(hSession, pMechanism, hBaseKey,
                                template_arg(pTemplate, ulAttributeCount));
    });
}

}  // extern "C"
