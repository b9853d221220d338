// Key generation, wrapping, derivation, encapsulation and random numbers.
#include <algorithm>

#include "remote/output_call.h"
#include "remote/remote_calls.h"
#include "wire/attribute_codec.h"
#include "wire/limits.h"
#include "wire/mechanism_codec.h"

namespace craton::remote {

CK_RV GenerateKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                  CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phKey) {
    return guard([&]() -> CK_RV {
        if (phKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::GenerateKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        wire::encode_template(pTemplate, ulCount, *q.mutable_template_());
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::GenerateKey, q, r);
        if (rv == CKR_OK) *phKey = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV GenerateKeyPair(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                      CK_ATTRIBUTE_PTR pPublicKeyTemplate, CK_ULONG ulPublicKeyAttributeCount,
                      CK_ATTRIBUTE_PTR pPrivateKeyTemplate, CK_ULONG ulPrivateKeyAttributeCount,
                      CK_OBJECT_HANDLE_PTR phPublicKey, CK_OBJECT_HANDLE_PTR phPrivateKey) {
    return guard([&]() -> CK_RV {
        if (phPublicKey == nullptr || phPrivateKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::GenerateKeyPairRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        wire::encode_template(pPublicKeyTemplate, ulPublicKeyAttributeCount,
                              *q.mutable_public_template());
        wire::encode_template(pPrivateKeyTemplate, ulPrivateKeyAttributeCount,
                              *q.mutable_private_template());
        v1::KeyPairResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::GenerateKeyPair, q, r);
        if (rv == CKR_OK) {
            *phPublicKey = static_cast<CK_OBJECT_HANDLE>(r.public_key());
            *phPrivateKey = static_cast<CK_OBJECT_HANDLE>(r.private_key());
        }
        return rv;
    });
}

CK_RV WrapKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
              CK_OBJECT_HANDLE hWrappingKey, CK_OBJECT_HANDLE hKey, CK_BYTE_PTR pWrappedKey,
              CK_ULONG_PTR pulWrappedKeyLen) {
    return guard([&]() -> CK_RV {
        v1::WrapKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_wrapping_key(hWrappingKey);
        q.set_key(hKey);
        describe_output(q.mutable_output(), pWrappedKey, pulWrappedKeyLen);
        return output_call(&v1::Pkcs11::Stub::WrapKey, q, pWrappedKey, pulWrappedKeyLen);
    });
}

CK_RV UnwrapKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                CK_OBJECT_HANDLE hUnwrappingKey, CK_BYTE_PTR pWrappedKey, CK_ULONG ulWrappedKeyLen,
                CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey) {
    return guard([&]() -> CK_RV {
        if (phKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::UnwrapKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_unwrapping_key(hUnwrappingKey);
        q.set_wrapped_key(input(pWrappedKey, ulWrappedKeyLen));
        wire::encode_template(pTemplate, ulAttributeCount, *q.mutable_template_());
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::UnwrapKey, q, r);
        if (rv == CKR_OK) *phKey = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV DeriveKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hBaseKey,
                CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey) {
    return guard([&]() -> CK_RV {
        if (phKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::DeriveKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_base_key(hBaseKey);
        wire::encode_template(pTemplate, ulAttributeCount, *q.mutable_template_());
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::DeriveKey, q, r);
        if (rv == CKR_OK) *phKey = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV EncapsulateKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                     CK_OBJECT_HANDLE hPublicKey, CK_ATTRIBUTE_PTR pTemplate,
                     CK_ULONG ulAttributeCount, CK_BYTE_PTR pCiphertext,
                     CK_ULONG_PTR pulCiphertextLen, CK_OBJECT_HANDLE_PTR phKey) {
    return guard([&]() -> CK_RV {
        if (phKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::EncapsulateKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_public_key(hPublicKey);
        wire::encode_template(pTemplate, ulAttributeCount, *q.mutable_template_());
        describe_output(q.mutable_ciphertext(), pCiphertext, pulCiphertextLen);
        v1::EncapsulateKeyResponse r;
        CK_RV rv = rpc(&v1::Pkcs11::Stub::EncapsulateKey, q, r);
        rv = take_output(rv, r.ciphertext_length(), r.ciphertext(), pCiphertext, pulCiphertextLen);
        // The daemon reports CK_INVALID_HANDLE for a length query, as the module does.
        if (rv == CKR_OK) *phKey = static_cast<CK_OBJECT_HANDLE>(r.key());
        return rv;
    });
}

CK_RV DecapsulateKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                     CK_OBJECT_HANDLE hPrivateKey, CK_ATTRIBUTE_PTR pTemplate,
                     CK_ULONG ulAttributeCount, CK_BYTE_PTR pCiphertext, CK_ULONG ulCiphertextLen,
                     CK_OBJECT_HANDLE_PTR phKey) {
    return guard([&]() -> CK_RV {
        if (phKey == nullptr) return CKR_ARGUMENTS_BAD;
        v1::DecapsulateKeyRequest q;
        q.set_session(hSession);
        wire::encode_mechanism(pMechanism, *q.mutable_mechanism());
        q.set_private_key(hPrivateKey);
        wire::encode_template(pTemplate, ulAttributeCount, *q.mutable_template_());
        q.set_ciphertext(input(pCiphertext, ulCiphertextLen));
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::DecapsulateKey, q, r);
        if (rv == CKR_OK) *phKey = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV SeedRandom(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed, CK_ULONG ulSeedLen) {
    return guard([&]() -> CK_RV {
        v1::DataRequest q;
        q.set_session(hSession);
        q.set_data(input(pSeed, ulSeedLen));
        v1::RvResponse r;
        return query_rpc(&v1::Pkcs11::Stub::SeedRandom, q, r);
    });
}

CK_RV GenerateRandom(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pRandomData, CK_ULONG ulRandomLen) {
    return guard([&]() -> CK_RV {
        if (pRandomData == nullptr && ulRandomLen != 0) return CKR_ARGUMENTS_BAD;
        // Large requests go in pieces the daemon accepts; at least one call is made so that a
        // bad session is reported even for zero bytes.
        constexpr CK_ULONG kChunk = 1u << 20;
        CK_ULONG done = 0;
        do {
            v1::GenerateRandomRequest q;
            q.set_session(hSession);
            q.set_length(std::min<CK_ULONG>(kChunk, ulRandomLen - done));
            v1::DataResponse r;
            const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GenerateRandom, q, r);
            if (rv != CKR_OK) return rv;
            if (r.data().size() != q.length()) return CKR_DEVICE_ERROR;
            if (!r.data().empty())
                std::memcpy(pRandomData + done, r.data().data(), r.data().size());
            done += static_cast<CK_ULONG>(r.data().size());
        } while (done < ulRandomLen);
        return CKR_OK;
    });
}

}  // namespace craton::remote
