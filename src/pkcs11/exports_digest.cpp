// Digest and random-number functions.
#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_DigestInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism) {
    return abi::call([&](Hsm& hsm) { hsm.digest_init(hSession, pMechanism); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Digest)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData,
                                     CK_ULONG ulDataLen, CK_BYTE_PTR pDigest,
                                     CK_ULONG_PTR pulDigestLen) {
    return abi::call([&](Hsm& hsm) {
        if (pulDigestLen == nullptr || (pData == nullptr && ulDataLen != 0)) {
            abi::fail_ending_operation(hsm, hSession, OpKind::Digest);
        }
        hsm.digest(hSession, abi::data_arg(pData, ulDataLen), OutputBuffer(pDigest, pulDigestLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DigestUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                           CK_ULONG ulPartLen) {
    return abi::call([&](Hsm& hsm) {
        if (pPart == nullptr && ulPartLen != 0) {
            abi::fail_ending_operation(hsm, hSession, OpKind::Digest);
        }
        hsm.digest_update(hSession, abi::data_arg(pPart, ulPartLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DigestKey)(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey) {
    return abi::call([&](Hsm& hsm) { hsm.digest_key(hSession, hKey); });
}

CK_DECLARE_FUNCTION(CK_RV, C_DigestFinal)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pDigest,
                                          CK_ULONG_PTR pulDigestLen) {
    return abi::call([&](Hsm& hsm) {
        if (pulDigestLen == nullptr) abi::fail_ending_operation(hsm, hSession, OpKind::Digest);
        hsm.digest_final(hSession, OutputBuffer(pDigest, pulDigestLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SeedRandom)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed,
                                         CK_ULONG ulSeedLen) {
    return abi::call([&](Hsm& hsm) { hsm.seed_random(hSession, abi::data_arg(pSeed, ulSeedLen)); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GenerateRandom)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pRandomData,
                                             CK_ULONG ulRandomLen) {
    return abi::call([&](Hsm& hsm) {
        if (pRandomData == nullptr && ulRandomLen != 0) fail(CKR_ARGUMENTS_BAD);
        hsm.generate_random(hSession, std::span<std::uint8_t>(pRandomData, ulRandomLen));
    });
}

}  // extern "C"
