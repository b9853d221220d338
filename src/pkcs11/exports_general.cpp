// General-purpose functions and the function lists / interfaces.
#include <cstring>

#include "pkcs11/guard.h"
#include "pkcs11/function_lists.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_Initialize)(CK_VOID_PTR pInitArgs) {
    return abi::guard(
        [&] { Library::initialize(static_cast<const CK_C_INITIALIZE_ARGS*>(pInitArgs)); });
}

CK_DECLARE_FUNCTION(CK_RV, C_Finalize)(CK_VOID_PTR pReserved) {
    return abi::guard([&] {
        if (pReserved != nullptr) fail(CKR_ARGUMENTS_BAD);
        Library::finalize();
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetInfo)(CK_INFO_PTR pInfo) {
    return abi::call([&](Hsm&) {
        if (pInfo == nullptr) fail(CKR_ARGUMENTS_BAD);
        std::memset(pInfo, ' ', sizeof *pInfo);
        pInfo->cryptokiVersion = {3, 0};
        std::memcpy(pInfo->manufacturerID, "Craton HSM", 10);
        pInfo->flags = 0;
        std::memcpy(pInfo->libraryDescription, "Craton HSM PKCS#11 module", 25);
        pInfo->libraryVersion = {0, 1};
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetFunctionList)(CK_FUNCTION_LIST_PTR_PTR ppFunctionList) {
    if (ppFunctionList == nullptr) return CKR_ARGUMENTS_BAD;
    *ppFunctionList = abi::function_list_v240();
    return CKR_OK;
}

CK_DECLARE_FUNCTION(CK_RV, C_GetInterfaceList)(CK_INTERFACE_PTR pInterfacesList,
                                               CK_ULONG_PTR pulCount) {
    return abi::guard([&]() -> CK_RV {
        const auto& all = abi::interfaces();
        if (pulCount == nullptr) fail(CKR_ARGUMENTS_BAD);
        if (pInterfacesList == nullptr) {
            *pulCount = all.size();
            return CKR_OK;
        }
        if (*pulCount < all.size()) {
            *pulCount = all.size();
            return CKR_BUFFER_TOO_SMALL;
        }
        for (std::size_t i = 0; i < all.size(); ++i) pInterfacesList[i] = all[i];
        *pulCount = all.size();
        return CKR_OK;
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetInterface)(CK_UTF8CHAR_PTR pInterfaceName, CK_VERSION_PTR pVersion,
                                           CK_INTERFACE_PTR_PTR ppInterface, CK_FLAGS flags) {
    return abi::guard([&] {
        if (ppInterface == nullptr) fail(CKR_ARGUMENTS_BAD);
        // interfaces() lists the newest first, so a request without a version gets it.
        for (const auto& iface : abi::interfaces()) {
            if (pInterfaceName != nullptr &&
                std::strcmp(reinterpret_cast<const char*>(pInterfaceName),
                            reinterpret_cast<const char*>(iface.pInterfaceName)) != 0) {
                continue;
            }
            const auto* version = static_cast<const CK_VERSION*>(iface.pFunctionList);
            if (pVersion != nullptr &&
                (pVersion->major != version->major || pVersion->minor != version->minor)) {
                continue;
            }
            if ((iface.flags & flags) != flags) continue;
            *ppInterface = const_cast<CK_INTERFACE*>(&iface);
            return;
        }
        fail(CKR_ARGUMENTS_BAD);
    });
}

}  // extern "C"
