// The function tables handed to applications: the 2.40 list from C_GetFunctionList and the
// "PKCS 11" interfaces from C_GetInterfaceList / C_GetInterface.
#pragma once

#include <vector>

#include <craton/pkcs11/pkcs11.h>

namespace craton::abi {

CK_FUNCTION_LIST* function_list_v240();
// Newest first.
const std::vector<CK_INTERFACE>& interfaces();

}  // namespace craton::abi
