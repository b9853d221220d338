#include "pkcs11/function_lists.h"

namespace craton::abi {
namespace {

#define CRATON_LIST_ENTRY(name) name,

CK_FUNCTION_LIST g_v240 = {{2, 40}, CRATON_P11_FUNCTIONS_V2(CRATON_LIST_ENTRY)};

CK_FUNCTION_LIST_3_0 g_v30 = {
    {3, 0}, CRATON_P11_FUNCTIONS_V2(CRATON_LIST_ENTRY) CRATON_P11_FUNCTIONS_V30_ADDED(CRATON_LIST_ENTRY)};

// 3.2 appends C_EncapsulateKey ... C_UnwrapKeyAuthenticated (src/pkcs11/exports_v32.cpp).
CK_FUNCTION_LIST_3_2 g_v32 = {{CRATON_PKCS11_V32_VERSION_MAJOR, CRATON_PKCS11_V32_VERSION_MINOR},
                              CRATON_P11_FUNCTIONS_ALL(CRATON_LIST_ENTRY)};

#undef CRATON_LIST_ENTRY

CK_UTF8CHAR g_name[] = "PKCS 11";

}  // namespace

CK_FUNCTION_LIST* function_list_v240() { return &g_v240; }

const std::vector<CK_INTERFACE>& interfaces() {
    static const std::vector<CK_INTERFACE> list = {
        {g_name, &g_v32, 0},
        {g_name, &g_v30, 0},
        {g_name, &g_v240, 0},
    };
    return list;
}

}  // namespace craton::abi
