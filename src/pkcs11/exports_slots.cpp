// Slot, token and mechanism functions.
#include <cstring>

#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_GetSlotList)(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList,
                                          CK_ULONG_PTR pulCount) {
    // Every slot holds a (software) token, so tokenPresent does not narrow the list.
    (void)tokenPresent;
    return abi::call([&](Hsm& hsm) { return abi::write_list(hsm.slot_list(), pSlotList, pulCount); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetSlotInfo)(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo) {
    return abi::call([&](Hsm& hsm) {
        if (pInfo == nullptr) fail(CKR_ARGUMENTS_BAD);
        hsm.slot_info(slotID, *pInfo);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetTokenInfo)(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo) {
    return abi::call([&](Hsm& hsm) {
        if (pInfo == nullptr) fail(CKR_ARGUMENTS_BAD);
        hsm.token_info(slotID, *pInfo);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetMechanismList)(CK_SLOT_ID slotID,
                                               CK_MECHANISM_TYPE_PTR pMechanismList,
                                               CK_ULONG_PTR pulCount) {
    return abi::call([&](Hsm& hsm) {
        return abi::write_list(hsm.mechanism_list(slotID), pMechanismList, pulCount);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetMechanismInfo)(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type,
                                               CK_MECHANISM_INFO_PTR pInfo) {
    return abi::call([&](Hsm& hsm) {
        if (pInfo == nullptr) fail(CKR_ARGUMENTS_BAD);
        hsm.mechanism_info(slotID, type, *pInfo);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_InitToken)(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                                        CK_UTF8CHAR_PTR pLabel) {
    return abi::call([&](Hsm& hsm) {
        if (pLabel == nullptr) fail(CKR_ARGUMENTS_BAD);
        std::array<char, 32> label;
        std::memcpy(label.data(), pLabel, label.size());
        hsm.init_token(slotID, abi::pin_arg(pPin, ulPinLen), label);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_WaitForSlotEvent)(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot,
                                               CK_VOID_PTR pReserved) {
    return abi::call([&](Hsm&) {
        if (pSlot == nullptr || pReserved != nullptr) fail(CKR_ARGUMENTS_BAD);
        // Software tokens are never inserted or removed, so there is never an event; a
        // blocking wait would never return, which the specification permits us to refuse.
        if (flags & CKF_DONT_BLOCK) fail(CKR_NO_EVENT);
        fail(CKR_FUNCTION_NOT_SUPPORTED);
    });
}

}  // extern "C"
