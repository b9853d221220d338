/*
 * Craton HSM - PKCS#11 entry points.
 *
 * Prototypes of every C_* function of PKCS#11 2.40, 3.0 and 3.2, the
 * matching CK_C_* pointer types, and the three function tables a module hands
 * out (CK_FUNCTION_LIST, CK_FUNCTION_LIST_3_0, CK_FUNCTION_LIST_3_2). Table
 * layouts are ABI: each newer table is the older one with entries appended,
 * which is what lets a 2.40 client use a 3.x table through a narrower type.
 *
 * The CRATON_P11_FUNCTIONS_* X-macros enumerate the function names in table
 * order so that our ABI layer can build dispatch tables, trampolines and
 * logging shims without retyping the list. Each X(name) is invoked once per
 * function; CK_##name is the matching pointer type.
 *
 * Included by <craton/pkcs11/pkcs11.h>; do not include it on its own.
 */
#ifndef CRATON_PKCS11_FUNCTIONS_H
#define CRATON_PKCS11_FUNCTIONS_H

#ifndef CRATON_PKCS11_TYPES_H
#error "include <craton/pkcs11/pkcs11.h> rather than pkcs11_functions.h"
#endif

/* ------------------------------------------------------------------------ */
/* Name lists                                                               */
/* ------------------------------------------------------------------------ */

/*
 * The 68 entry points of PKCS#11 2.40, in CK_FUNCTION_LIST order.
 */
#define CRATON_P11_FUNCTIONS_V2(X) \
    X(C_Initialize)                \
    X(C_Finalize)                  \
    X(C_GetInfo)                   \
    X(C_GetFunctionList)           \
    X(C_GetSlotList)               \
    X(C_GetSlotInfo)               \
    X(C_GetTokenInfo)              \
    X(C_GetMechanismList)          \
    X(C_GetMechanismInfo)          \
    X(C_InitToken)                 \
    X(C_InitPIN)                   \
    X(C_SetPIN)                    \
    X(C_OpenSession)               \
    X(C_CloseSession)              \
    X(C_CloseAllSessions)          \
    X(C_GetSessionInfo)            \
    X(C_GetOperationState)         \
    X(C_SetOperationState)         \
    X(C_Login)                     \
    X(C_Logout)                    \
    X(C_CreateObject)              \
    X(C_CopyObject)                \
    X(C_DestroyObject)             \
    X(C_GetObjectSize)             \
    X(C_GetAttributeValue)         \
    X(C_SetAttributeValue)         \
    X(C_FindObjectsInit)           \
    X(C_FindObjects)               \
    X(C_FindObjectsFinal)          \
    X(C_EncryptInit)               \
    X(C_Encrypt)                   \
    X(C_EncryptUpdate)             \
    X(C_EncryptFinal)              \
    X(C_DecryptInit)               \
    X(C_Decrypt)                   \
    X(C_DecryptUpdate)             \
    X(C_DecryptFinal)              \
    X(C_DigestInit)                \
    X(C_Digest)                    \
    X(C_DigestUpdate)              \
    X(C_DigestKey)                 \
    X(C_DigestFinal)               \
    X(C_SignInit)                  \
    X(C_Sign)                      \
    X(C_SignUpdate)                \
    X(C_SignFinal)                 \
    X(C_SignRecoverInit)           \
    X(C_SignRecover)               \
    X(C_VerifyInit)                \
    X(C_Verify)                    \
    X(C_VerifyUpdate)              \
    X(C_VerifyFinal)               \
    X(C_VerifyRecoverInit)         \
    X(C_VerifyRecover)             \
    X(C_DigestEncryptUpdate)       \
    X(C_DecryptDigestUpdate)       \
    X(C_SignEncryptUpdate)         \
    X(C_DecryptVerifyUpdate)       \
    X(C_GenerateKey)               \
    X(C_GenerateKeyPair)           \
    X(C_WrapKey)                   \
    X(C_UnwrapKey)                 \
    X(C_DeriveKey)                 \
    X(C_SeedRandom)                \
    X(C_GenerateRandom)            \
    X(C_GetFunctionStatus)         \
    X(C_CancelFunction)            \
    X(C_WaitForSlotEvent)

/*
 * The 24 entry points 3.0 appends after C_WaitForSlotEvent, in
 * CK_FUNCTION_LIST_3_0 order.
 */
#define CRATON_P11_FUNCTIONS_V30_ADDED(X) \
    X(C_GetInterfaceList)                 \
    X(C_GetInterface)                     \
    X(C_LoginUser)                        \
    X(C_SessionCancel)                    \
    X(C_MessageEncryptInit)               \
    X(C_EncryptMessage)                   \
    X(C_EncryptMessageBegin)              \
    X(C_EncryptMessageNext)               \
    X(C_MessageEncryptFinal)              \
    X(C_MessageDecryptInit)               \
    X(C_DecryptMessage)                   \
    X(C_DecryptMessageBegin)              \
    X(C_DecryptMessageNext)               \
    X(C_MessageDecryptFinal)              \
    X(C_MessageSignInit)                  \
    X(C_SignMessage)                      \
    X(C_SignMessageBegin)                 \
    X(C_SignMessageNext)                  \
    X(C_MessageSignFinal)                 \
    X(C_MessageVerifyInit)                \
    X(C_VerifyMessage)                    \
    X(C_VerifyMessageBegin)               \
    X(C_VerifyMessageNext)                \
    X(C_MessageVerifyFinal)

/*
 * The 12 entry points 3.2 appends after C_MessageVerifyFinal, in
 * CK_FUNCTION_LIST_3_2 order.
 */
#define CRATON_P11_FUNCTIONS_V32_ADDED(X) \
    X(C_EncapsulateKey)                   \
    X(C_DecapsulateKey)                   \
    X(C_VerifySignatureInit)              \
    X(C_VerifySignature)                  \
    X(C_VerifySignatureUpdate)            \
    X(C_VerifySignatureFinal)             \
    X(C_GetSessionValidationFlags)        \
    X(C_AsyncComplete)                    \
    X(C_AsyncGetID)                       \
    X(C_AsyncJoin)                        \
    X(C_WrapKeyAuthenticated)             \
    X(C_UnwrapKeyAuthenticated)

/* Every entry point of CK_FUNCTION_LIST_3_2, in table order. */
#define CRATON_P11_FUNCTIONS_ALL(X)   \
    CRATON_P11_FUNCTIONS_V2(X)        \
    CRATON_P11_FUNCTIONS_V30_ADDED(X) \
    CRATON_P11_FUNCTIONS_V32_ADDED(X)

/* ------------------------------------------------------------------------ */
/* Prototypes                                                               */
/* ------------------------------------------------------------------------ */

/*
 * A module exports these symbols; clients that load a module with dlopen()
 * should instead go through C_GetFunctionList/C_GetInterface and the tables
 * below, so that they bind to the module they loaded rather than to whatever
 * happens to be linked first.
 */

/* PKCS#11 2.40 */
/* clang-format off */
CK_DECLARE_FUNCTION(CK_RV, C_Initialize)(
    CK_VOID_PTR pInitArgs);
CK_DECLARE_FUNCTION(CK_RV, C_Finalize)(
    CK_VOID_PTR pReserved);
CK_DECLARE_FUNCTION(CK_RV, C_GetInfo)(
    CK_INFO_PTR pInfo);
CK_DECLARE_FUNCTION(CK_RV, C_GetFunctionList)(
    CK_FUNCTION_LIST_PTR_PTR ppFunctionList);
CK_DECLARE_FUNCTION(CK_RV, C_GetSlotList)(
    CK_BBOOL       tokenPresent,
    CK_SLOT_ID_PTR pSlotList,
    CK_ULONG_PTR   pulCount);
CK_DECLARE_FUNCTION(CK_RV, C_GetSlotInfo)(
    CK_SLOT_ID       slotID,
    CK_SLOT_INFO_PTR pInfo);
CK_DECLARE_FUNCTION(CK_RV, C_GetTokenInfo)(
    CK_SLOT_ID        slotID,
    CK_TOKEN_INFO_PTR pInfo);
CK_DECLARE_FUNCTION(CK_RV, C_GetMechanismList)(
    CK_SLOT_ID            slotID,
    CK_MECHANISM_TYPE_PTR pMechanismList,
    CK_ULONG_PTR          pulCount);
CK_DECLARE_FUNCTION(CK_RV, C_GetMechanismInfo)(
    CK_SLOT_ID            slotID,
    CK_MECHANISM_TYPE     type,
    CK_MECHANISM_INFO_PTR pInfo);
CK_DECLARE_FUNCTION(CK_RV, C_InitToken)(
    CK_SLOT_ID      slotID,
    CK_UTF8CHAR_PTR pPin,
    CK_ULONG        ulPinLen,
    CK_UTF8CHAR_PTR pLabel);
CK_DECLARE_FUNCTION(CK_RV, C_InitPIN)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen);
CK_DECLARE_FUNCTION(CK_RV, C_SetPIN)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pOldPin,
    CK_ULONG          ulOldLen,
    CK_UTF8CHAR_PTR   pNewPin,
    CK_ULONG          ulNewLen);
CK_DECLARE_FUNCTION(CK_RV, C_OpenSession)(
    CK_SLOT_ID            slotID,
    CK_FLAGS              flags,
    CK_VOID_PTR           pApplication,
    CK_NOTIFY             Notify,
    CK_SESSION_HANDLE_PTR phSession);
CK_DECLARE_FUNCTION(CK_RV, C_CloseSession)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_CloseAllSessions)(
    CK_SLOT_ID slotID);
CK_DECLARE_FUNCTION(CK_RV, C_GetSessionInfo)(
    CK_SESSION_HANDLE   hSession,
    CK_SESSION_INFO_PTR pInfo);
CK_DECLARE_FUNCTION(CK_RV, C_GetOperationState)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pOperationState,
    CK_ULONG_PTR      pulOperationStateLen);
CK_DECLARE_FUNCTION(CK_RV, C_SetOperationState)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pOperationState,
    CK_ULONG          ulOperationStateLen,
    CK_OBJECT_HANDLE  hEncryptionKey,
    CK_OBJECT_HANDLE  hAuthenticationKey);
CK_DECLARE_FUNCTION(CK_RV, C_Login)(
    CK_SESSION_HANDLE hSession,
    CK_USER_TYPE      userType,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen);
CK_DECLARE_FUNCTION(CK_RV, C_Logout)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_CreateObject)(
    CK_SESSION_HANDLE    hSession,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phObject);
CK_DECLARE_FUNCTION(CK_RV, C_CopyObject)(
    CK_SESSION_HANDLE    hSession,
    CK_OBJECT_HANDLE     hObject,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phNewObject);
CK_DECLARE_FUNCTION(CK_RV, C_DestroyObject)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject);
CK_DECLARE_FUNCTION(CK_RV, C_GetObjectSize)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ULONG_PTR      pulSize);
CK_DECLARE_FUNCTION(CK_RV, C_GetAttributeValue)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
CK_DECLARE_FUNCTION(CK_RV, C_SetAttributeValue)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
CK_DECLARE_FUNCTION(CK_RV, C_FindObjectsInit)(
    CK_SESSION_HANDLE hSession,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
CK_DECLARE_FUNCTION(CK_RV, C_FindObjects)(
    CK_SESSION_HANDLE    hSession,
    CK_OBJECT_HANDLE_PTR phObject,
    CK_ULONG             ulMaxObjectCount,
    CK_ULONG_PTR         pulObjectCount);
CK_DECLARE_FUNCTION(CK_RV, C_FindObjectsFinal)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_Encrypt)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pEncryptedData,
    CK_ULONG_PTR      pulEncryptedDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pLastEncryptedPart,
    CK_ULONG_PTR      pulLastEncryptedPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_Decrypt)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedData,
    CK_ULONG          ulEncryptedDataLen,
    CK_BYTE_PTR       pData,
    CK_ULONG_PTR      pulDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pLastPart,
    CK_ULONG_PTR      pulLastPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DigestInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism);
CK_DECLARE_FUNCTION(CK_RV, C_Digest)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pDigest,
    CK_ULONG_PTR      pulDigestLen);
CK_DECLARE_FUNCTION(CK_RV, C_DigestUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DigestKey)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_DigestFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pDigest,
    CK_ULONG_PTR      pulDigestLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_Sign)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignRecoverInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_SignRecover)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_Verify)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyRecoverInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyRecover)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen,
    CK_BYTE_PTR       pData,
    CK_ULONG_PTR      pulDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_DigestEncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptDigestUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignEncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptVerifyUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_GenerateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phKey);
CK_DECLARE_FUNCTION(CK_RV, C_GenerateKeyPair)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_ATTRIBUTE_PTR     pPublicKeyTemplate,
    CK_ULONG             ulPublicKeyAttributeCount,
    CK_ATTRIBUTE_PTR     pPrivateKeyTemplate,
    CK_ULONG             ulPrivateKeyAttributeCount,
    CK_OBJECT_HANDLE_PTR phPublicKey,
    CK_OBJECT_HANDLE_PTR phPrivateKey);
CK_DECLARE_FUNCTION(CK_RV, C_WrapKey)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hWrappingKey,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pWrappedKey,
    CK_ULONG_PTR      pulWrappedKeyLen);
CK_DECLARE_FUNCTION(CK_RV, C_UnwrapKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hUnwrappingKey,
    CK_BYTE_PTR          pWrappedKey,
    CK_ULONG             ulWrappedKeyLen,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_OBJECT_HANDLE_PTR phKey);
CK_DECLARE_FUNCTION(CK_RV, C_DeriveKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hBaseKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_OBJECT_HANDLE_PTR phKey);
CK_DECLARE_FUNCTION(CK_RV, C_SeedRandom)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSeed,
    CK_ULONG          ulSeedLen);
CK_DECLARE_FUNCTION(CK_RV, C_GenerateRandom)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pRandomData,
    CK_ULONG          ulRandomLen);
CK_DECLARE_FUNCTION(CK_RV, C_GetFunctionStatus)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_CancelFunction)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_WaitForSlotEvent)(
    CK_FLAGS       flags,
    CK_SLOT_ID_PTR pSlot,
    CK_VOID_PTR    pReserved);
/* clang-format on */

/* Added by PKCS#11 3.0 */
/* clang-format off */
CK_DECLARE_FUNCTION(CK_RV, C_GetInterfaceList)(
    CK_INTERFACE_PTR pInterfacesList,
    CK_ULONG_PTR     pulCount);
CK_DECLARE_FUNCTION(CK_RV, C_GetInterface)(
    CK_UTF8CHAR_PTR      pInterfaceName,
    CK_VERSION_PTR       pVersion,
    CK_INTERFACE_PTR_PTR ppInterface,
    CK_FLAGS             flags);
CK_DECLARE_FUNCTION(CK_RV, C_LoginUser)(
    CK_SESSION_HANDLE hSession,
    CK_USER_TYPE      userType,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen,
    CK_UTF8CHAR_PTR   pUsername,
    CK_ULONG          ulUsernameLen);
CK_DECLARE_FUNCTION(CK_RV, C_SessionCancel)(
    CK_SESSION_HANDLE hSession,
    CK_FLAGS          flags);
CK_DECLARE_FUNCTION(CK_RV, C_MessageEncryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pPlaintext,
    CK_ULONG          ulPlaintextLen,
    CK_BYTE_PTR       pCiphertext,
    CK_ULONG_PTR      pulCiphertextLen);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_EncryptMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pPlaintextPart,
    CK_ULONG          ulPlaintextPartLen,
    CK_BYTE_PTR       pCiphertextPart,
    CK_ULONG_PTR      pulCiphertextPartLen,
    CK_FLAGS          flags);
CK_DECLARE_FUNCTION(CK_RV, C_MessageEncryptFinal)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_MessageDecryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pCiphertext,
    CK_ULONG          ulCiphertextLen,
    CK_BYTE_PTR       pPlaintext,
    CK_ULONG_PTR      pulPlaintextLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_DecryptMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pCiphertextPart,
    CK_ULONG          ulCiphertextPartLen,
    CK_BYTE_PTR       pPlaintextPart,
    CK_ULONG_PTR      pulPlaintextPartLen,
    CK_FLAGS          flags);
CK_DECLARE_FUNCTION(CK_RV, C_MessageDecryptFinal)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_MessageSignInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_SignMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen);
CK_DECLARE_FUNCTION(CK_RV, C_SignMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_MessageSignFinal)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_MessageVerifyInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifyMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_MessageVerifyFinal)(
    CK_SESSION_HANDLE hSession);
/* clang-format on */

/* Added by PKCS#11 3.2 */
/* clang-format off */
CK_DECLARE_FUNCTION(CK_RV, C_EncapsulateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hPublicKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pCiphertext,
    CK_ULONG_PTR         pulCiphertextLen,
    CK_OBJECT_HANDLE_PTR phKey);
CK_DECLARE_FUNCTION(CK_RV, C_DecapsulateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hPrivateKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pCiphertext,
    CK_ULONG             ulCiphertextLen,
    CK_OBJECT_HANDLE_PTR phKey);
CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifySignature)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
CK_DECLARE_FUNCTION(CK_RV, C_VerifySignatureFinal)(
    CK_SESSION_HANDLE hSession);
CK_DECLARE_FUNCTION(CK_RV, C_GetSessionValidationFlags)(
    CK_SESSION_HANDLE                hSession,
    CK_SESSION_VALIDATION_FLAGS_TYPE type,
    CK_FLAGS_PTR                     pFlags);
CK_DECLARE_FUNCTION(CK_RV, C_AsyncComplete)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ASYNC_DATA_PTR pResult);
CK_DECLARE_FUNCTION(CK_RV, C_AsyncGetID)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ULONG_PTR      pulID);
CK_DECLARE_FUNCTION(CK_RV, C_AsyncJoin)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ULONG          ulID,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulData);
CK_DECLARE_FUNCTION(CK_RV, C_WrapKeyAuthenticated)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hWrappingKey,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pWrappedKey,
    CK_ULONG_PTR      pulWrappedKeyLen);
CK_DECLARE_FUNCTION(CK_RV, C_UnwrapKeyAuthenticated)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hUnwrappingKey,
    CK_BYTE_PTR          pWrappedKey,
    CK_ULONG             ulWrappedKeyLen,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pAssociatedData,
    CK_ULONG             ulAssociatedDataLen,
    CK_OBJECT_HANDLE_PTR phKey);
/* clang-format on */

/* ------------------------------------------------------------------------ */
/* Pointer types                                                            */
/* ------------------------------------------------------------------------ */

/* clang-format off */
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Initialize)(
    CK_VOID_PTR pInitArgs);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Finalize)(
    CK_VOID_PTR pReserved);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetInfo)(
    CK_INFO_PTR pInfo);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetFunctionList)(
    CK_FUNCTION_LIST_PTR_PTR ppFunctionList);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetSlotList)(
    CK_BBOOL       tokenPresent,
    CK_SLOT_ID_PTR pSlotList,
    CK_ULONG_PTR   pulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetSlotInfo)(
    CK_SLOT_ID       slotID,
    CK_SLOT_INFO_PTR pInfo);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetTokenInfo)(
    CK_SLOT_ID        slotID,
    CK_TOKEN_INFO_PTR pInfo);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetMechanismList)(
    CK_SLOT_ID            slotID,
    CK_MECHANISM_TYPE_PTR pMechanismList,
    CK_ULONG_PTR          pulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetMechanismInfo)(
    CK_SLOT_ID            slotID,
    CK_MECHANISM_TYPE     type,
    CK_MECHANISM_INFO_PTR pInfo);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_InitToken)(
    CK_SLOT_ID      slotID,
    CK_UTF8CHAR_PTR pPin,
    CK_ULONG        ulPinLen,
    CK_UTF8CHAR_PTR pLabel);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_InitPIN)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SetPIN)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pOldPin,
    CK_ULONG          ulOldLen,
    CK_UTF8CHAR_PTR   pNewPin,
    CK_ULONG          ulNewLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_OpenSession)(
    CK_SLOT_ID            slotID,
    CK_FLAGS              flags,
    CK_VOID_PTR           pApplication,
    CK_NOTIFY             Notify,
    CK_SESSION_HANDLE_PTR phSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_CloseSession)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_CloseAllSessions)(
    CK_SLOT_ID slotID);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetSessionInfo)(
    CK_SESSION_HANDLE   hSession,
    CK_SESSION_INFO_PTR pInfo);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetOperationState)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pOperationState,
    CK_ULONG_PTR      pulOperationStateLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SetOperationState)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pOperationState,
    CK_ULONG          ulOperationStateLen,
    CK_OBJECT_HANDLE  hEncryptionKey,
    CK_OBJECT_HANDLE  hAuthenticationKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Login)(
    CK_SESSION_HANDLE hSession,
    CK_USER_TYPE      userType,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Logout)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_CreateObject)(
    CK_SESSION_HANDLE    hSession,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phObject);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_CopyObject)(
    CK_SESSION_HANDLE    hSession,
    CK_OBJECT_HANDLE     hObject,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phNewObject);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DestroyObject)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetObjectSize)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ULONG_PTR      pulSize);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetAttributeValue)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SetAttributeValue)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hObject,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_FindObjectsInit)(
    CK_SESSION_HANDLE hSession,
    CK_ATTRIBUTE_PTR  pTemplate,
    CK_ULONG          ulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_FindObjects)(
    CK_SESSION_HANDLE    hSession,
    CK_OBJECT_HANDLE_PTR phObject,
    CK_ULONG             ulMaxObjectCount,
    CK_ULONG_PTR         pulObjectCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_FindObjectsFinal)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Encrypt)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pEncryptedData,
    CK_ULONG_PTR      pulEncryptedDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pLastEncryptedPart,
    CK_ULONG_PTR      pulLastEncryptedPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Decrypt)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedData,
    CK_ULONG          ulEncryptedDataLen,
    CK_BYTE_PTR       pData,
    CK_ULONG_PTR      pulDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pLastPart,
    CK_ULONG_PTR      pulLastPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DigestInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Digest)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pDigest,
    CK_ULONG_PTR      pulDigestLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DigestUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DigestKey)(
    CK_SESSION_HANDLE hSession,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DigestFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pDigest,
    CK_ULONG_PTR      pulDigestLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Sign)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignRecoverInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignRecover)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_Verify)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyFinal)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyRecoverInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyRecover)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen,
    CK_BYTE_PTR       pData,
    CK_ULONG_PTR      pulDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DigestEncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptDigestUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignEncryptUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG_PTR      pulEncryptedPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptVerifyUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pEncryptedPart,
    CK_ULONG          ulEncryptedPartLen,
    CK_BYTE_PTR       pPart,
    CK_ULONG_PTR      pulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GenerateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulCount,
    CK_OBJECT_HANDLE_PTR phKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GenerateKeyPair)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_ATTRIBUTE_PTR     pPublicKeyTemplate,
    CK_ULONG             ulPublicKeyAttributeCount,
    CK_ATTRIBUTE_PTR     pPrivateKeyTemplate,
    CK_ULONG             ulPrivateKeyAttributeCount,
    CK_OBJECT_HANDLE_PTR phPublicKey,
    CK_OBJECT_HANDLE_PTR phPrivateKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_WrapKey)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hWrappingKey,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pWrappedKey,
    CK_ULONG_PTR      pulWrappedKeyLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_UnwrapKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hUnwrappingKey,
    CK_BYTE_PTR          pWrappedKey,
    CK_ULONG             ulWrappedKeyLen,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_OBJECT_HANDLE_PTR phKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DeriveKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hBaseKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_OBJECT_HANDLE_PTR phKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SeedRandom)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pSeed,
    CK_ULONG          ulSeedLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GenerateRandom)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pRandomData,
    CK_ULONG          ulRandomLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetFunctionStatus)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_CancelFunction)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_WaitForSlotEvent)(
    CK_FLAGS       flags,
    CK_SLOT_ID_PTR pSlot,
    CK_VOID_PTR    pReserved);
/* clang-format on */

/* clang-format off */
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetInterfaceList)(
    CK_INTERFACE_PTR pInterfacesList,
    CK_ULONG_PTR     pulCount);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetInterface)(
    CK_UTF8CHAR_PTR      pInterfaceName,
    CK_VERSION_PTR       pVersion,
    CK_INTERFACE_PTR_PTR ppInterface,
    CK_FLAGS             flags);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_LoginUser)(
    CK_SESSION_HANDLE hSession,
    CK_USER_TYPE      userType,
    CK_UTF8CHAR_PTR   pPin,
    CK_ULONG          ulPinLen,
    CK_UTF8CHAR_PTR   pUsername,
    CK_ULONG          ulUsernameLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SessionCancel)(
    CK_SESSION_HANDLE hSession,
    CK_FLAGS          flags);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageEncryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pPlaintext,
    CK_ULONG          ulPlaintextLen,
    CK_BYTE_PTR       pCiphertext,
    CK_ULONG_PTR      pulCiphertextLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncryptMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pPlaintextPart,
    CK_ULONG          ulPlaintextPartLen,
    CK_BYTE_PTR       pCiphertextPart,
    CK_ULONG_PTR      pulCiphertextPartLen,
    CK_FLAGS          flags);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageEncryptFinal)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageDecryptInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pCiphertext,
    CK_ULONG          ulCiphertextLen,
    CK_BYTE_PTR       pPlaintext,
    CK_ULONG_PTR      pulPlaintextLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecryptMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pCiphertextPart,
    CK_ULONG          ulCiphertextPartLen,
    CK_BYTE_PTR       pPlaintextPart,
    CK_ULONG_PTR      pulPlaintextPartLen,
    CK_FLAGS          flags);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageDecryptFinal)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageSignInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_SignMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG_PTR      pulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageSignFinal)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageVerifyInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyMessage)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyMessageBegin)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifyMessageNext)(
    CK_SESSION_HANDLE hSession,
    CK_VOID_PTR       pParameter,
    CK_ULONG          ulParameterLen,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_MessageVerifyFinal)(
    CK_SESSION_HANDLE hSession);
/* clang-format on */

/* clang-format off */
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_EncapsulateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hPublicKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pCiphertext,
    CK_ULONG_PTR         pulCiphertextLen,
    CK_OBJECT_HANDLE_PTR phKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_DecapsulateKey)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hPrivateKey,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pCiphertext,
    CK_ULONG             ulCiphertextLen,
    CK_OBJECT_HANDLE_PTR phKey);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifySignatureInit)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pSignature,
    CK_ULONG          ulSignatureLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifySignature)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulDataLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifySignatureUpdate)(
    CK_SESSION_HANDLE hSession,
    CK_BYTE_PTR       pPart,
    CK_ULONG          ulPartLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_VerifySignatureFinal)(
    CK_SESSION_HANDLE hSession);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_GetSessionValidationFlags)(
    CK_SESSION_HANDLE                hSession,
    CK_SESSION_VALIDATION_FLAGS_TYPE type,
    CK_FLAGS_PTR                     pFlags);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_AsyncComplete)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ASYNC_DATA_PTR pResult);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_AsyncGetID)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ULONG_PTR      pulID);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_AsyncJoin)(
    CK_SESSION_HANDLE hSession,
    CK_UTF8CHAR_PTR   pFunctionName,
    CK_ULONG          ulID,
    CK_BYTE_PTR       pData,
    CK_ULONG          ulData);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_WrapKeyAuthenticated)(
    CK_SESSION_HANDLE hSession,
    CK_MECHANISM_PTR  pMechanism,
    CK_OBJECT_HANDLE  hWrappingKey,
    CK_OBJECT_HANDLE  hKey,
    CK_BYTE_PTR       pAssociatedData,
    CK_ULONG          ulAssociatedDataLen,
    CK_BYTE_PTR       pWrappedKey,
    CK_ULONG_PTR      pulWrappedKeyLen);
typedef CK_DECLARE_FUNCTION_POINTER(CK_RV, CK_C_UnwrapKeyAuthenticated)(
    CK_SESSION_HANDLE    hSession,
    CK_MECHANISM_PTR     pMechanism,
    CK_OBJECT_HANDLE     hUnwrappingKey,
    CK_BYTE_PTR          pWrappedKey,
    CK_ULONG             ulWrappedKeyLen,
    CK_ATTRIBUTE_PTR     pTemplate,
    CK_ULONG             ulAttributeCount,
    CK_BYTE_PTR          pAssociatedData,
    CK_ULONG             ulAssociatedDataLen,
    CK_OBJECT_HANDLE_PTR phKey);
/* clang-format on */

/* ------------------------------------------------------------------------ */
/* Function tables                                                          */
/* ------------------------------------------------------------------------ */

/*
 * version is the Cryptoki version the table implements; clients use it to
 * decide how many entries they may touch, so it must never exceed what the
 * table really contains.
 */
struct CK_FUNCTION_LIST {
    CK_VERSION version;
    CK_C_Initialize C_Initialize;
    CK_C_Finalize C_Finalize;
    CK_C_GetInfo C_GetInfo;
    CK_C_GetFunctionList C_GetFunctionList;
    CK_C_GetSlotList C_GetSlotList;
    CK_C_GetSlotInfo C_GetSlotInfo;
    CK_C_GetTokenInfo C_GetTokenInfo;
    CK_C_GetMechanismList C_GetMechanismList;
    CK_C_GetMechanismInfo C_GetMechanismInfo;
    CK_C_InitToken C_InitToken;
    CK_C_InitPIN C_InitPIN;
    CK_C_SetPIN C_SetPIN;
    CK_C_OpenSession C_OpenSession;
    CK_C_CloseSession C_CloseSession;
    CK_C_CloseAllSessions C_CloseAllSessions;
    CK_C_GetSessionInfo C_GetSessionInfo;
    CK_C_GetOperationState C_GetOperationState;
    CK_C_SetOperationState C_SetOperationState;
    CK_C_Login C_Login;
    CK_C_Logout C_Logout;
    CK_C_CreateObject C_CreateObject;
    CK_C_CopyObject C_CopyObject;
    CK_C_DestroyObject C_DestroyObject;
    CK_C_GetObjectSize C_GetObjectSize;
    CK_C_GetAttributeValue C_GetAttributeValue;
    CK_C_SetAttributeValue C_SetAttributeValue;
    CK_C_FindObjectsInit C_FindObjectsInit;
    CK_C_FindObjects C_FindObjects;
    CK_C_FindObjectsFinal C_FindObjectsFinal;
    CK_C_EncryptInit C_EncryptInit;
    CK_C_Encrypt C_Encrypt;
    CK_C_EncryptUpdate C_EncryptUpdate;
    CK_C_EncryptFinal C_EncryptFinal;
    CK_C_DecryptInit C_DecryptInit;
    CK_C_Decrypt C_Decrypt;
    CK_C_DecryptUpdate C_DecryptUpdate;
    CK_C_DecryptFinal C_DecryptFinal;
    CK_C_DigestInit C_DigestInit;
    CK_C_Digest C_Digest;
    CK_C_DigestUpdate C_DigestUpdate;
    CK_C_DigestKey C_DigestKey;
    CK_C_DigestFinal C_DigestFinal;
    CK_C_SignInit C_SignInit;
    CK_C_Sign C_Sign;
    CK_C_SignUpdate C_SignUpdate;
    CK_C_SignFinal C_SignFinal;
    CK_C_SignRecoverInit C_SignRecoverInit;
    CK_C_SignRecover C_SignRecover;
    CK_C_VerifyInit C_VerifyInit;
    CK_C_Verify C_Verify;
    CK_C_VerifyUpdate C_VerifyUpdate;
    CK_C_VerifyFinal C_VerifyFinal;
    CK_C_VerifyRecoverInit C_VerifyRecoverInit;
    CK_C_VerifyRecover C_VerifyRecover;
    CK_C_DigestEncryptUpdate C_DigestEncryptUpdate;
    CK_C_DecryptDigestUpdate C_DecryptDigestUpdate;
    CK_C_SignEncryptUpdate C_SignEncryptUpdate;
    CK_C_DecryptVerifyUpdate C_DecryptVerifyUpdate;
    CK_C_GenerateKey C_GenerateKey;
    CK_C_GenerateKeyPair C_GenerateKeyPair;
    CK_C_WrapKey C_WrapKey;
    CK_C_UnwrapKey C_UnwrapKey;
    CK_C_DeriveKey C_DeriveKey;
    CK_C_SeedRandom C_SeedRandom;
    CK_C_GenerateRandom C_GenerateRandom;
    CK_C_GetFunctionStatus C_GetFunctionStatus;
    CK_C_CancelFunction C_CancelFunction;
    CK_C_WaitForSlotEvent C_WaitForSlotEvent;
};

struct CK_FUNCTION_LIST_3_0 {
    CK_VERSION version;
    CK_C_Initialize C_Initialize;
    CK_C_Finalize C_Finalize;
    CK_C_GetInfo C_GetInfo;
    CK_C_GetFunctionList C_GetFunctionList;
    CK_C_GetSlotList C_GetSlotList;
    CK_C_GetSlotInfo C_GetSlotInfo;
    CK_C_GetTokenInfo C_GetTokenInfo;
    CK_C_GetMechanismList C_GetMechanismList;
    CK_C_GetMechanismInfo C_GetMechanismInfo;
    CK_C_InitToken C_InitToken;
    CK_C_InitPIN C_InitPIN;
    CK_C_SetPIN C_SetPIN;
    CK_C_OpenSession C_OpenSession;
    CK_C_CloseSession C_CloseSession;
    CK_C_CloseAllSessions C_CloseAllSessions;
    CK_C_GetSessionInfo C_GetSessionInfo;
    CK_C_GetOperationState C_GetOperationState;
    CK_C_SetOperationState C_SetOperationState;
    CK_C_Login C_Login;
    CK_C_Logout C_Logout;
    CK_C_CreateObject C_CreateObject;
    CK_C_CopyObject C_CopyObject;
    CK_C_DestroyObject C_DestroyObject;
    CK_C_GetObjectSize C_GetObjectSize;
    CK_C_GetAttributeValue C_GetAttributeValue;
    CK_C_SetAttributeValue C_SetAttributeValue;
    CK_C_FindObjectsInit C_FindObjectsInit;
    CK_C_FindObjects C_FindObjects;
    CK_C_FindObjectsFinal C_FindObjectsFinal;
    CK_C_EncryptInit C_EncryptInit;
    CK_C_Encrypt C_Encrypt;
    CK_C_EncryptUpdate C_EncryptUpdate;
    CK_C_EncryptFinal C_EncryptFinal;
    CK_C_DecryptInit C_DecryptInit;
    CK_C_Decrypt C_Decrypt;
    CK_C_DecryptUpdate C_DecryptUpdate;
    CK_C_DecryptFinal C_DecryptFinal;
    CK_C_DigestInit C_DigestInit;
    CK_C_Digest C_Digest;
    CK_C_DigestUpdate C_DigestUpdate;
    CK_C_DigestKey C_DigestKey;
    CK_C_DigestFinal C_DigestFinal;
    CK_C_SignInit C_SignInit;
    CK_C_Sign C_Sign;
    CK_C_SignUpdate C_SignUpdate;
    CK_C_SignFinal C_SignFinal;
    CK_C_SignRecoverInit C_SignRecoverInit;
    CK_C_SignRecover C_SignRecover;
    CK_C_VerifyInit C_VerifyInit;
    CK_C_Verify C_Verify;
    CK_C_VerifyUpdate C_VerifyUpdate;
    CK_C_VerifyFinal C_VerifyFinal;
    CK_C_VerifyRecoverInit C_VerifyRecoverInit;
    CK_C_VerifyRecover C_VerifyRecover;
    CK_C_DigestEncryptUpdate C_DigestEncryptUpdate;
    CK_C_DecryptDigestUpdate C_DecryptDigestUpdate;
    CK_C_SignEncryptUpdate C_SignEncryptUpdate;
    CK_C_DecryptVerifyUpdate C_DecryptVerifyUpdate;
    CK_C_GenerateKey C_GenerateKey;
    CK_C_GenerateKeyPair C_GenerateKeyPair;
    CK_C_WrapKey C_WrapKey;
    CK_C_UnwrapKey C_UnwrapKey;
    CK_C_DeriveKey C_DeriveKey;
    CK_C_SeedRandom C_SeedRandom;
    CK_C_GenerateRandom C_GenerateRandom;
    CK_C_GetFunctionStatus C_GetFunctionStatus;
    CK_C_CancelFunction C_CancelFunction;
    CK_C_WaitForSlotEvent C_WaitForSlotEvent;
    CK_C_GetInterfaceList C_GetInterfaceList;
    CK_C_GetInterface C_GetInterface;
    CK_C_LoginUser C_LoginUser;
    CK_C_SessionCancel C_SessionCancel;
    CK_C_MessageEncryptInit C_MessageEncryptInit;
    CK_C_EncryptMessage C_EncryptMessage;
    CK_C_EncryptMessageBegin C_EncryptMessageBegin;
    CK_C_EncryptMessageNext C_EncryptMessageNext;
    CK_C_MessageEncryptFinal C_MessageEncryptFinal;
    CK_C_MessageDecryptInit C_MessageDecryptInit;
    CK_C_DecryptMessage C_DecryptMessage;
    CK_C_DecryptMessageBegin C_DecryptMessageBegin;
    CK_C_DecryptMessageNext C_DecryptMessageNext;
    CK_C_MessageDecryptFinal C_MessageDecryptFinal;
    CK_C_MessageSignInit C_MessageSignInit;
    CK_C_SignMessage C_SignMessage;
    CK_C_SignMessageBegin C_SignMessageBegin;
    CK_C_SignMessageNext C_SignMessageNext;
    CK_C_MessageSignFinal C_MessageSignFinal;
    CK_C_MessageVerifyInit C_MessageVerifyInit;
    CK_C_VerifyMessage C_VerifyMessage;
    CK_C_VerifyMessageBegin C_VerifyMessageBegin;
    CK_C_VerifyMessageNext C_VerifyMessageNext;
    CK_C_MessageVerifyFinal C_MessageVerifyFinal;
};

struct CK_FUNCTION_LIST_3_2 {
    CK_VERSION version;
    CK_C_Initialize C_Initialize;
    CK_C_Finalize C_Finalize;
    CK_C_GetInfo C_GetInfo;
    CK_C_GetFunctionList C_GetFunctionList;
    CK_C_GetSlotList C_GetSlotList;
    CK_C_GetSlotInfo C_GetSlotInfo;
    CK_C_GetTokenInfo C_GetTokenInfo;
    CK_C_GetMechanismList C_GetMechanismList;
    CK_C_GetMechanismInfo C_GetMechanismInfo;
    CK_C_InitToken C_InitToken;
    CK_C_InitPIN C_InitPIN;
    CK_C_SetPIN C_SetPIN;
    CK_C_OpenSession C_OpenSession;
    CK_C_CloseSession C_CloseSession;
    CK_C_CloseAllSessions C_CloseAllSessions;
    CK_C_GetSessionInfo C_GetSessionInfo;
    CK_C_GetOperationState C_GetOperationState;
    CK_C_SetOperationState C_SetOperationState;
    CK_C_Login C_Login;
    CK_C_Logout C_Logout;
    CK_C_CreateObject C_CreateObject;
    CK_C_CopyObject C_CopyObject;
    CK_C_DestroyObject C_DestroyObject;
    CK_C_GetObjectSize C_GetObjectSize;
    CK_C_GetAttributeValue C_GetAttributeValue;
    CK_C_SetAttributeValue C_SetAttributeValue;
    CK_C_FindObjectsInit C_FindObjectsInit;
    CK_C_FindObjects C_FindObjects;
    CK_C_FindObjectsFinal C_FindObjectsFinal;
    CK_C_EncryptInit C_EncryptInit;
    CK_C_Encrypt C_Encrypt;
    CK_C_EncryptUpdate C_EncryptUpdate;
    CK_C_EncryptFinal C_EncryptFinal;
    CK_C_DecryptInit C_DecryptInit;
    CK_C_Decrypt C_Decrypt;
    CK_C_DecryptUpdate C_DecryptUpdate;
    CK_C_DecryptFinal C_DecryptFinal;
    CK_C_DigestInit C_DigestInit;
    CK_C_Digest C_Digest;
    CK_C_DigestUpdate C_DigestUpdate;
    CK_C_DigestKey C_DigestKey;
    CK_C_DigestFinal C_DigestFinal;
    CK_C_SignInit C_SignInit;
    CK_C_Sign C_Sign;
    CK_C_SignUpdate C_SignUpdate;
    CK_C_SignFinal C_SignFinal;
    CK_C_SignRecoverInit C_SignRecoverInit;
    CK_C_SignRecover C_SignRecover;
    CK_C_VerifyInit C_VerifyInit;
    CK_C_Verify C_Verify;
    CK_C_VerifyUpdate C_VerifyUpdate;
    CK_C_VerifyFinal C_VerifyFinal;
    CK_C_VerifyRecoverInit C_VerifyRecoverInit;
    CK_C_VerifyRecover C_VerifyRecover;
    CK_C_DigestEncryptUpdate C_DigestEncryptUpdate;
    CK_C_DecryptDigestUpdate C_DecryptDigestUpdate;
    CK_C_SignEncryptUpdate C_SignEncryptUpdate;
    CK_C_DecryptVerifyUpdate C_DecryptVerifyUpdate;
    CK_C_GenerateKey C_GenerateKey;
    CK_C_GenerateKeyPair C_GenerateKeyPair;
    CK_C_WrapKey C_WrapKey;
    CK_C_UnwrapKey C_UnwrapKey;
    CK_C_DeriveKey C_DeriveKey;
    CK_C_SeedRandom C_SeedRandom;
    CK_C_GenerateRandom C_GenerateRandom;
    CK_C_GetFunctionStatus C_GetFunctionStatus;
    CK_C_CancelFunction C_CancelFunction;
    CK_C_WaitForSlotEvent C_WaitForSlotEvent;
    CK_C_GetInterfaceList C_GetInterfaceList;
    CK_C_GetInterface C_GetInterface;
    CK_C_LoginUser C_LoginUser;
    CK_C_SessionCancel C_SessionCancel;
    CK_C_MessageEncryptInit C_MessageEncryptInit;
    CK_C_EncryptMessage C_EncryptMessage;
    CK_C_EncryptMessageBegin C_EncryptMessageBegin;
    CK_C_EncryptMessageNext C_EncryptMessageNext;
    CK_C_MessageEncryptFinal C_MessageEncryptFinal;
    CK_C_MessageDecryptInit C_MessageDecryptInit;
    CK_C_DecryptMessage C_DecryptMessage;
    CK_C_DecryptMessageBegin C_DecryptMessageBegin;
    CK_C_DecryptMessageNext C_DecryptMessageNext;
    CK_C_MessageDecryptFinal C_MessageDecryptFinal;
    CK_C_MessageSignInit C_MessageSignInit;
    CK_C_SignMessage C_SignMessage;
    CK_C_SignMessageBegin C_SignMessageBegin;
    CK_C_SignMessageNext C_SignMessageNext;
    CK_C_MessageSignFinal C_MessageSignFinal;
    CK_C_MessageVerifyInit C_MessageVerifyInit;
    CK_C_VerifyMessage C_VerifyMessage;
    CK_C_VerifyMessageBegin C_VerifyMessageBegin;
    CK_C_VerifyMessageNext C_VerifyMessageNext;
    CK_C_MessageVerifyFinal C_MessageVerifyFinal;
    CK_C_EncapsulateKey C_EncapsulateKey;
    CK_C_DecapsulateKey C_DecapsulateKey;
    CK_C_VerifySignatureInit C_VerifySignatureInit;
    CK_C_VerifySignature C_VerifySignature;
    CK_C_VerifySignatureUpdate C_VerifySignatureUpdate;
    CK_C_VerifySignatureFinal C_VerifySignatureFinal;
    CK_C_GetSessionValidationFlags C_GetSessionValidationFlags;
    CK_C_AsyncComplete C_AsyncComplete;
    CK_C_AsyncGetID C_AsyncGetID;
    CK_C_AsyncJoin C_AsyncJoin;
    CK_C_WrapKeyAuthenticated C_WrapKeyAuthenticated;
    CK_C_UnwrapKeyAuthenticated C_UnwrapKeyAuthenticated;
};

#endif /* CRATON_PKCS11_FUNCTIONS_H */
