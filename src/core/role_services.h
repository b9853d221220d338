// The role/service matrix: for each service whose permission depends on the session state alone,
// the session states (PKCS#11 3.0 section 5.x: R/O Public, R/W Public, R/O User, R/W User,
// R/W SO) in which the module performs it. The generated security policy prints this table
// (src/certified/cmvp), and tests/abi/role_services_test.cpp calls every row in every state
// through the ABI and fails if the module allows or refuses anything other than what the row
// says, so the document cannot drift from what the session and token code enforce.
// Header-only (PKCS#11 types only): the ABI tests include it without linking our code.
#pragma once

#include <array>

namespace craton::core {

enum RoleState : unsigned {
    kRoPublic = 1U << 0,
    kRwPublic = 1U << 1,
    kRoUser = 1U << 2,
    kRwUser = 1U << 3,
    kRwSo = 1U << 4,
};

inline constexpr std::array<RoleState, 5> kRoleStates = {kRoPublic, kRwPublic, kRoUser, kRwUser,
                                                         kRwSo};
inline constexpr const char* role_state_name(RoleState s) {
    switch (s) {
        case kRoPublic:
            return "R/O Public";
        case kRwPublic:
            return "R/W Public";
        case kRoUser:
            return "R/O User";
        case kRwUser:
            return "R/W User";
        case kRwSo:
            return "R/W SO";
    }
    return "?";
}

// Identifies the call the ABI test makes for a row.
enum class RoleService {
    GenerateRandom,
    Digest,
    CreatePublicSessionObject,
    CreatePublicTokenObject,
    CreatePrivateSessionObject,
    CreatePrivateTokenObject,
    GeneratePrivateSessionKey,
    LoginUser,
    Logout,
    InitPin,
    SetPin,
};

struct RoleServiceRow {
    RoleService service;
    const char* function;  // the PKCS#11 function
    const char* detail;    // what exactly is called
    unsigned allowed;      // RoleState bits
};

inline constexpr unsigned kAllStates = kRoPublic | kRwPublic | kRoUser | kRwUser | kRwSo;
inline constexpr unsigned kRwStates = kRwPublic | kRwUser | kRwSo;
inline constexpr unsigned kUserStates = kRoUser | kRwUser;

inline constexpr std::array<RoleServiceRow, 11> kRoleServices = {{
    {RoleService::GenerateRandom, "C_GenerateRandom", "random bytes", kAllStates},
    {RoleService::Digest, "C_DigestInit", "CKM_SHA256", kAllStates},
    {RoleService::CreatePublicSessionObject, "C_CreateObject", "public session data object",
     kAllStates},
    {RoleService::CreatePublicTokenObject, "C_CreateObject", "public token data object", kRwStates},
    {RoleService::CreatePrivateSessionObject, "C_CreateObject", "private session data object",
     kUserStates},
    {RoleService::CreatePrivateTokenObject, "C_CreateObject", "private token data object", kRwUser},
    {RoleService::GeneratePrivateSessionKey, "C_GenerateKey", "private AES session key",
     kUserStates},
    {RoleService::LoginUser, "C_Login", "CKU_USER", kRoPublic | kRwPublic},
    {RoleService::Logout, "C_Logout", "end the login", kRoUser | kRwUser | kRwSo},
    {RoleService::InitPin, "C_InitPIN", "set the User PIN", kRwSo},
    {RoleService::SetPin, "C_SetPIN", "change the PIN of the session's role (User when public)",
     kRwStates},
}};

}  // namespace craton::core
