// The remote module's function tables and its only exported symbols: C_GetFunctionList,
// C_GetInterfaceList and C_GetInterface. Every slot starts as "not supported" and the calls
// the module implements (remote_calls.h) are filled in over it.
#include <cstring>
#include <vector>

#include "remote/remote_calls.h"
#include "remote/remote_guard.h"

namespace craton::remote {
namespace {

template <class Fn>
struct NotSupported;

template <class... Args>
struct NotSupported<CK_RV (*)(Args...)> {
    static CK_RV call(Args...) { return CKR_FUNCTION_NOT_SUPPORTED; }
};

CK_RV get_function_list(CK_FUNCTION_LIST_PTR_PTR list);
CK_RV get_interface_list(CK_INTERFACE_PTR list, CK_ULONG_PTR count);
CK_RV get_interface(CK_UTF8CHAR_PTR name, CK_VERSION_PTR version, CK_INTERFACE_PTR_PTR out,
                    CK_FLAGS flags);

template <class Table>
Table make_table(CK_VERSION version) {
    Table t{};
    t.version = version;
#define CRATON_NOT_SUPPORTED(name) t.name = &NotSupported<CK_##name>::call;
    CRATON_P11_FUNCTIONS_V2(CRATON_NOT_SUPPORTED)
    if constexpr (!std::is_same_v<Table, CK_FUNCTION_LIST>) {
        CRATON_P11_FUNCTIONS_V30_ADDED(CRATON_NOT_SUPPORTED)
    }
    if constexpr (std::is_same_v<Table, CK_FUNCTION_LIST_3_2>) {
        CRATON_P11_FUNCTIONS_V32_ADDED(CRATON_NOT_SUPPORTED)
        t.C_EncapsulateKey = &EncapsulateKey;
        t.C_DecapsulateKey = &DecapsulateKey;
        t.C_VerifySignatureInit = &VerifySignatureInit;
        t.C_VerifySignature = &VerifySignature;
        t.C_VerifySignatureUpdate = &VerifySignatureUpdate;
        t.C_VerifySignatureFinal = &VerifySignatureFinal;
    }
    if constexpr (!std::is_same_v<Table, CK_FUNCTION_LIST>) {
        t.C_GetInterfaceList = &get_interface_list;
        t.C_GetInterface = &get_interface;
        t.C_LoginUser = &LoginUser;
        t.C_MessageEncryptInit = &MessageEncryptInit;
        t.C_EncryptMessage = &EncryptMessage;
        t.C_EncryptMessageBegin = &EncryptMessageBegin;
        t.C_EncryptMessageNext = &EncryptMessageNext;
        t.C_MessageEncryptFinal = &MessageEncryptFinal;
        t.C_MessageDecryptInit = &MessageDecryptInit;
        t.C_DecryptMessage = &DecryptMessage;
        t.C_DecryptMessageBegin = &DecryptMessageBegin;
        t.C_DecryptMessageNext = &DecryptMessageNext;
        t.C_MessageDecryptFinal = &MessageDecryptFinal;
        t.C_MessageSignInit = &MessageSignInit;
        t.C_SignMessage = &SignMessage;
        t.C_SignMessageBegin = &SignMessageBegin;
        t.C_SignMessageNext = &SignMessageNext;
        t.C_MessageSignFinal = &MessageSignFinal;
        t.C_MessageVerifyInit = &MessageVerifyInit;
        t.C_VerifyMessage = &VerifyMessage;
        t.C_VerifyMessageBegin = &VerifyMessageBegin;
        t.C_VerifyMessageNext = &VerifyMessageNext;
        t.C_MessageVerifyFinal = &MessageVerifyFinal;
        t.C_SessionCancel = &SessionCancel;
    }
#undef CRATON_NOT_SUPPORTED
    t.C_GetFunctionList = &get_function_list;
    t.C_Initialize = &Initialize;
    t.C_Finalize = &Finalize;
    t.C_GetInfo = &GetInfo;
    t.C_GetSlotList = &GetSlotList;
    t.C_GetSlotInfo = &GetSlotInfo;
    t.C_GetTokenInfo = &GetTokenInfo;
    t.C_GetMechanismList = &GetMechanismList;
    t.C_GetMechanismInfo = &GetMechanismInfo;
    t.C_InitToken = &InitToken;
    t.C_InitPIN = &InitPIN;
    t.C_SetPIN = &SetPIN;
    t.C_OpenSession = &OpenSession;
    t.C_CloseSession = &CloseSession;
    t.C_CloseAllSessions = &CloseAllSessions;
    t.C_GetSessionInfo = &GetSessionInfo;
    t.C_Login = &Login;
    t.C_Logout = &Logout;
    t.C_CreateObject = &CreateObject;
    t.C_CopyObject = &CopyObject;
    t.C_DestroyObject = &DestroyObject;
    t.C_GetObjectSize = &GetObjectSize;
    t.C_GetAttributeValue = &GetAttributeValue;
    t.C_SetAttributeValue = &SetAttributeValue;
    t.C_FindObjectsInit = &FindObjectsInit;
    t.C_FindObjects = &FindObjects;
    t.C_FindObjectsFinal = &FindObjectsFinal;
    t.C_EncryptInit = &EncryptInit;
    t.C_Encrypt = &Encrypt;
    t.C_EncryptUpdate = &EncryptUpdate;
    t.C_EncryptFinal = &EncryptFinal;
    t.C_DecryptInit = &DecryptInit;
    t.C_Decrypt = &Decrypt;
    t.C_DecryptUpdate = &DecryptUpdate;
    t.C_DecryptFinal = &DecryptFinal;
    t.C_DigestInit = &DigestInit;
    t.C_Digest = &Digest;
    t.C_DigestUpdate = &DigestUpdate;
    t.C_DigestKey = &DigestKey;
    t.C_DigestFinal = &DigestFinal;
    t.C_SignInit = &SignInit;
    t.C_Sign = &Sign;
    t.C_SignUpdate = &SignUpdate;
    t.C_SignFinal = &SignFinal;
    t.C_DigestEncryptUpdate = &DigestEncryptUpdate;
    t.C_DecryptDigestUpdate = &DecryptDigestUpdate;
    t.C_SignEncryptUpdate = &SignEncryptUpdate;
    t.C_DecryptVerifyUpdate = &DecryptVerifyUpdate;
    t.C_VerifyInit = &VerifyInit;
    t.C_Verify = &Verify;
    t.C_VerifyUpdate = &VerifyUpdate;
    t.C_VerifyFinal = &VerifyFinal;
    t.C_GenerateKey = &GenerateKey;
    t.C_GenerateKeyPair = &GenerateKeyPair;
    t.C_WrapKey = &WrapKey;
    t.C_UnwrapKey = &UnwrapKey;
    t.C_DeriveKey = &DeriveKey;
    t.C_SeedRandom = &SeedRandom;
    t.C_GenerateRandom = &GenerateRandom;
    t.C_GetFunctionStatus = &GetFunctionStatus;
    t.C_CancelFunction = &CancelFunction;
    t.C_WaitForSlotEvent = &WaitForSlotEvent;
    return t;
}

CK_FUNCTION_LIST g_v240 = make_table<CK_FUNCTION_LIST>({2, 40});
CK_FUNCTION_LIST_3_0 g_v30 = make_table<CK_FUNCTION_LIST_3_0>({3, 0});
CK_FUNCTION_LIST_3_2 g_v32 = make_table<CK_FUNCTION_LIST_3_2>(
    {CRATON_PKCS11_V32_VERSION_MAJOR, CRATON_PKCS11_V32_VERSION_MINOR});

CK_UTF8CHAR g_name[] = "PKCS 11";
CK_INTERFACE g_interfaces[] = {
    {g_name, &g_v32, 0}, {g_name, &g_v30, 0}, {g_name, &g_v240, 0}};  // newest first

CK_RV get_function_list(CK_FUNCTION_LIST_PTR_PTR list) {
    if (list == nullptr) return CKR_ARGUMENTS_BAD;
    *list = &g_v240;
    return CKR_OK;
}

CK_RV get_interface_list(CK_INTERFACE_PTR list, CK_ULONG_PTR count) {
    return guard([&]() -> CK_RV {
        std::vector<CK_INTERFACE> all(std::begin(g_interfaces), std::end(g_interfaces));
        return write_list(all, list, count);
    });
}

CK_RV get_interface(CK_UTF8CHAR_PTR name, CK_VERSION_PTR version, CK_INTERFACE_PTR_PTR out,
                    CK_FLAGS flags) {
    if (out == nullptr) return CKR_ARGUMENTS_BAD;
    for (auto& iface : g_interfaces) {
        if (name != nullptr &&
            std::strcmp(reinterpret_cast<const char*>(name),
                        reinterpret_cast<const char*>(iface.pInterfaceName)) != 0) {
            continue;
        }
        const auto* v = static_cast<const CK_VERSION*>(iface.pFunctionList);
        if (version != nullptr && (version->major != v->major || version->minor != v->minor))
            continue;
        if ((iface.flags & flags) != flags) continue;
        *out = &iface;
        return CKR_OK;
    }
    return CKR_ARGUMENTS_BAD;
}

}  // namespace
}  // namespace craton::remote

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_GetFunctionList)(CK_FUNCTION_LIST_PTR_PTR ppFunctionList) {
    return craton::remote::get_function_list(ppFunctionList);
}

CK_DECLARE_FUNCTION(CK_RV, C_GetInterfaceList)
(CK_INTERFACE_PTR pInterfacesList, CK_ULONG_PTR pulCount) {
    return craton::remote::get_interface_list(pInterfacesList, pulCount);
}

CK_DECLARE_FUNCTION(CK_RV, C_GetInterface)
(CK_UTF8CHAR_PTR pInterfaceName, CK_VERSION_PTR pVersion, CK_INTERFACE_PTR_PTR ppInterface,
 CK_FLAGS flags) {
    return craton::remote::get_interface(pInterfaceName, pVersion, ppInterface, flags);
}

}  // extern "C"
