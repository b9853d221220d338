// Dual-function updates: one input continues two active operations (core/hsm_dual.cpp).
#include "pkcs11/guard.h"

using namespace craton;

namespace {
CK_RV dual(CK_SESSION_HANDLE session, Hsm::DualUpdate which, CK_BYTE_PTR in, CK_ULONG in_len,
           CK_BYTE_PTR out, CK_ULONG_PTR out_len) {
    return abi::call([&](Hsm& hsm) {
        hsm.dual_update(session, which, abi::data_arg(in, in_len), OutputBuffer(out, out_len));
    });
}
}  // namespace

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_DigestEncryptUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                                  CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart,
                                                  CK_ULONG_PTR pulEncryptedPartLen) {
    return dual(hSession, Hsm::DualUpdate::DigestEncrypt, pPart, ulPartLen, pEncryptedPart,
                pulEncryptedPartLen);
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptDigestUpdate)(CK_SESSION_HANDLE hSession,
                                                  CK_BYTE_PTR pEncryptedPart,
                                                  CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                                  CK_ULONG_PTR pulPartLen) {
    return dual(hSession, Hsm::DualUpdate::DecryptDigest, pEncryptedPart, ulEncryptedPartLen,
                pPart, pulPartLen);
}

CK_DECLARE_FUNCTION(CK_RV, C_SignEncryptUpdate)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart,
                                                CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart,
                                                CK_ULONG_PTR pulEncryptedPartLen) {
    return dual(hSession, Hsm::DualUpdate::SignEncrypt, pPart, ulPartLen, pEncryptedPart,
                pulEncryptedPartLen);
}

CK_DECLARE_FUNCTION(CK_RV, C_DecryptVerifyUpdate)(CK_SESSION_HANDLE hSession,
                                                  CK_BYTE_PTR pEncryptedPart,
                                                  CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart,
                                                  CK_ULONG_PTR pulPartLen) {
    return dual(hSession, Hsm::DualUpdate::DecryptVerify, pEncryptedPart, ulEncryptedPartLen,
                pPart, pulPartLen);
}

}  // extern "C"
