// Cross-checks the role/service matrix the security policy prints (src/core/role_services.h)
// against the module: every row is called in every session state through the ABI. A state the
// row allows must give CKR_OK; any other state must be refused with a login/session-state code
// (not an argument error, which would hide a missing permission check).
#include <set>

#include "abi/module_fixture.h"
#include "core/role_services.h"

namespace craton::abitest {
namespace {

using core::RoleService;
using core::RoleState;
using RoleServicesTest = ModuleTest;

const std::set<CK_RV> kRoleRefusals = {CKR_USER_NOT_LOGGED_IN, CKR_SESSION_READ_ONLY,
                                       CKR_USER_ALREADY_LOGGED_IN,
                                       CKR_USER_ANOTHER_ALREADY_LOGGED_IN, CKR_USER_TYPE_INVALID};

class StateSession {
  public:
    StateSession(CK_FUNCTION_LIST_3_0* p11, CK_SLOT_ID slot, RoleState state) : p11_(p11) {
        const bool rw = state == core::kRwPublic || state == core::kRwUser || state == core::kRwSo;
        const CK_FLAGS flags = CKF_SERIAL_SESSION | (rw ? CKF_RW_SESSION : 0);
        ok_ = p11_->C_OpenSession(slot, flags, nullptr, nullptr, &h_) == CKR_OK;
        if (state == core::kRoUser || state == core::kRwUser) {
            ok_ = ok_ && p11_->C_Login(h_, CKU_USER, utf8(kUserPin), len(kUserPin)) == CKR_OK;
        } else if (state == core::kRwSo) {
            ok_ = ok_ && p11_->C_Login(h_, CKU_SO, utf8(kSoPin), len(kSoPin)) == CKR_OK;
        }
        so_ = state == core::kRwSo;
        user_ = state == core::kRoUser || state == core::kRwUser;
    }
    ~StateSession() { (void)p11_->C_CloseAllSessions(0); }  // also ends the login
    bool ok() const { return ok_; }
    CK_SESSION_HANDLE h() const { return h_; }
    bool so() const { return so_; }
    bool user() const { return user_; }

  private:
    CK_FUNCTION_LIST_3_0* p11_;
    CK_SESSION_HANDLE h_ = CK_INVALID_HANDLE;
    bool ok_ = false, so_ = false, user_ = false;
};

CK_RV create_data_object(CK_FUNCTION_LIST_3_0* p11, CK_SESSION_HANDLE s, bool token, bool priv) {
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL tok = token ? CK_TRUE : CK_FALSE, pr = priv ? CK_TRUE : CK_FALSE;
    char value[] = "role matrix";
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_TOKEN, &tok, sizeof tok},
                        {CKA_PRIVATE, &pr, sizeof pr},
                        {CKA_VALUE, value, sizeof value - 1}};
    CK_OBJECT_HANDLE o = CK_INVALID_HANDLE;
    const CK_RV rv = p11->C_CreateObject(s, t, 4, &o);
    if (rv == CKR_OK) (void)p11->C_DestroyObject(s, o);  // keep the token as it was
    return rv;
}

// Performs the row's call in session `s`, leaving the token's PINs as they were.
CK_RV call(CK_FUNCTION_LIST_3_0* p11, const StateSession& s, RoleService service) {
    switch (service) {
        case RoleService::GenerateRandom: {
            CK_BYTE buf[16];
            return p11->C_GenerateRandom(s.h(), buf, sizeof buf);
        }
        case RoleService::Digest: {
            CK_MECHANISM m{CKM_SHA256, nullptr, 0};
            return p11->C_DigestInit(s.h(), &m);
        }
        case RoleService::CreatePublicSessionObject:
            return create_data_object(p11, s.h(), false, false);
        case RoleService::CreatePublicTokenObject:
            return create_data_object(p11, s.h(), true, false);
        case RoleService::CreatePrivateSessionObject:
            return create_data_object(p11, s.h(), false, true);
        case RoleService::CreatePrivateTokenObject:
            return create_data_object(p11, s.h(), true, true);
        case RoleService::GeneratePrivateSessionKey: {
            CK_MECHANISM m{CKM_AES_KEY_GEN, nullptr, 0};
            CK_ULONG n = 32;
            CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
            CK_ATTRIBUTE t[] = {{CKA_VALUE_LEN, &n, sizeof n},
                                {CKA_TOKEN, &no, sizeof no},
                                {CKA_PRIVATE, &yes, sizeof yes}};
            CK_OBJECT_HANDLE k = CK_INVALID_HANDLE;
            return p11->C_GenerateKey(s.h(), &m, t, 3, &k);
        }
        case RoleService::LoginUser:
            return p11->C_Login(s.h(), CKU_USER, utf8(kUserPin), len(kUserPin));
        case RoleService::Logout:
            return p11->C_Logout(s.h());
        case RoleService::InitPin:
            return p11->C_InitPIN(s.h(), utf8(kUserPin), len(kUserPin));
        case RoleService::SetPin: {
            // The SO changes the SO PIN, everyone else the User PIN; then it is changed back.
            const std::string& old_pin = s.so() ? kSoPin : kUserPin;
            const std::string new_pin = old_pin + "-new";
            const CK_RV rv =
                p11->C_SetPIN(s.h(), utf8(old_pin), len(old_pin), utf8(new_pin), len(new_pin));
            if (rv == CKR_OK) {
                EXPECT_OK(
                    p11->C_SetPIN(s.h(), utf8(new_pin), len(new_pin), utf8(old_pin), len(old_pin)));
            }
            return rv;
        }
    }
    return CKR_GENERAL_ERROR;
}

TEST_F(RoleServicesTest, EveryRowMatchesTheModuleInEveryState) {
    const CK_SLOT_ID slot = ready_token();
    for (const auto& row : core::kRoleServices) {
        for (const RoleState state : core::kRoleStates) {
            SCOPED_TRACE(std::string(row.function) + " (" + row.detail + ") in " +
                         core::role_state_name(state));
            const StateSession s(p11(), slot, state);
            ASSERT_TRUE(s.ok()) << "could not reach the session state";
            const CK_RV rv = call(p11(), s, row.service);
            if ((row.allowed & state) != 0) {
                EXPECT_CKR(CKR_OK, rv);
            } else {
                EXPECT_TRUE(kRoleRefusals.count(rv) == 1) << "refused with " << rv_name(rv);
            }
        }
    }
}

}  // namespace
}  // namespace craton::abitest
