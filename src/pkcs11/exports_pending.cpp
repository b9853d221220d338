// Functions whose capability arrives with later work (see README, "Not supported yet").
//
// Each still validates the library state and the session handle, so callers get the precise
// error for those, and then answers CKR_FUNCTION_NOT_SUPPORTED.
#include "pkcs11/guard.h"

using namespace craton;

namespace {
CK_RV pending(CK_SESSION_HANDLE session) {
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(session);
        return CKR_FUNCTION_NOT_SUPPORTED;
    });
}
}  // namespace

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_SignRecoverInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    (void)pMechanism;
    (void)hKey;
    return pending(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_SignRecover)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen) {
    (void)pData;
    (void)ulDataLen;
    (void)pSignature;
    (void)pulSignatureLen;
    return pending(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyRecoverInit)(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey) {
    (void)pMechanism;
    (void)hKey;
    return pending(hSession);
}

CK_DECLARE_FUNCTION(CK_RV, C_VerifyRecover)(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen) {
    (void)pSignature;
    (void)ulSignatureLen;
    (void)pData;
    (void)pulDataLen;
    return pending(hSession);
}

}  // extern "C"
