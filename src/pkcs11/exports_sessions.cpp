// Session and authentication functions.
#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_OpenSession)(CK_SLOT_ID slotID, CK_FLAGS flags,
                                          CK_VOID_PTR pApplication, CK_NOTIFY Notify,
                                          CK_SESSION_HANDLE_PTR phSession) {
    // Notify callbacks are optional for the token to use; we have no events to report.
    (void)pApplication;
    (void)Notify;
    return abi::call([&](Hsm& hsm) {
        if (phSession == nullptr) fail(CKR_ARGUMENTS_BAD);
        *phSession = hsm.open_session(slotID, flags);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_CloseSession)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.close_session(hSession); });
}

CK_DECLARE_FUNCTION(CK_RV, C_CloseAllSessions)(CK_SLOT_ID slotID) {
    return abi::call([&](Hsm& hsm) { hsm.close_all_sessions(slotID); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetSessionInfo)(CK_SESSION_HANDLE hSession,
                                             CK_SESSION_INFO_PTR pInfo) {
    return abi::call([&](Hsm& hsm) {
        if (pInfo == nullptr) fail(CKR_ARGUMENTS_BAD);
        hsm.session_info(hSession, *pInfo);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_Login)(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType,
                                    CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen) {
    return abi::call(
        [&](Hsm& hsm) { hsm.login(hSession, userType, abi::pin_arg(pPin, ulPinLen)); });
}

CK_DECLARE_FUNCTION(CK_RV, C_LoginUser)(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType,
                                        CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                                        CK_UTF8CHAR_PTR pUsername, CK_ULONG ulUsernameLen) {
    return abi::call([&](Hsm& hsm) {
        // Tokens without named users ignore the user name (PKCS#11 3.0, C_LoginUser).
        (void)abi::data_arg(pUsername, ulUsernameLen);
        hsm.login(hSession, userType, abi::pin_arg(pPin, ulPinLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_Logout)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.logout(hSession); });
}

CK_DECLARE_FUNCTION(CK_RV, C_InitPIN)(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin,
                                      CK_ULONG ulPinLen) {
    return abi::call([&](Hsm& hsm) { hsm.init_pin(hSession, abi::pin_arg(pPin, ulPinLen)); });
}

CK_DECLARE_FUNCTION(CK_RV, C_SetPIN)(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin,
                                     CK_ULONG ulOldLen, CK_UTF8CHAR_PTR pNewPin,
                                     CK_ULONG ulNewLen) {
    return abi::call([&](Hsm& hsm) {
        hsm.set_pin(hSession, abi::pin_arg(pOldPin, ulOldLen), abi::pin_arg(pNewPin, ulNewLen));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SessionCancel)(CK_SESSION_HANDLE hSession, CK_FLAGS flags) {
    return abi::call([&](Hsm& hsm) { hsm.session_cancel(hSession, flags); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetOperationState)(CK_SESSION_HANDLE hSession,
                                                CK_BYTE_PTR pOperationState,
                                                CK_ULONG_PTR pulOperationStateLen) {
    (void)pOperationState;
    (void)pulOperationStateLen;
    // Exporting operation state would put key schedules outside the module.
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(hSession);
        fail(CKR_FUNCTION_NOT_SUPPORTED);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SetOperationState)(CK_SESSION_HANDLE hSession,
                                                CK_BYTE_PTR pOperationState,
                                                CK_ULONG ulOperationStateLen,
                                                CK_OBJECT_HANDLE hEncryptionKey,
                                                CK_OBJECT_HANDLE hAuthenticationKey) {
    (void)pOperationState;
    (void)ulOperationStateLen;
    (void)hEncryptionKey;
    (void)hAuthenticationKey;
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(hSession);
        fail(CKR_FUNCTION_NOT_SUPPORTED);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetFunctionStatus)(CK_SESSION_HANDLE hSession) {
    // Legacy: parallel functions do not exist; the specification fixes this answer.
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(hSession);
        return CKR_FUNCTION_NOT_PARALLEL;
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_CancelFunction)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) {
        (void)hsm.session(hSession);
        return CKR_FUNCTION_NOT_PARALLEL;
    });
}

}  // extern "C"
