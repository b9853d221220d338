// Handles a caller should not have: closed sessions, never-issued numbers, slot ids past the
// end, destroyed objects, and objects of another token. Every function that takes a session
// handle is driven from the function table; object handles are checked function by function
// because the right code differs (CKR_OBJECT_HANDLE_INVALID for objects, CKR_KEY_HANDLE_INVALID
// for keys).
#include <sstream>

#include "abi/hostile_calls.h"
#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

class HostileHandlesTest : public HostileTest {
  protected:
    ConfigOptions options() const override {
        ConfigOptions o;
        o.slot_count = 2;
        return o;
    }
    std::vector<CK_ULONG> scratch_ = std::vector<CK_ULONG>(8192);
};

bool takes_session(const EntryPoint& e) {
    return e.takes_handle_first && !takes_slot_not_session(e.name);
}

TEST_F(HostileHandlesTest, EverySessionFunctionRefusesBadSessionHandles) {
    const CK_SESSION_HANDLE closed = open(slot_, true);
    ASSERT_OK(p11()->C_CloseSession(closed));
    std::ostringstream bad;
    int calls = 0;
    for (const CK_SESSION_HANDLE h :
         {closed, CK_SESSION_HANDLE{CK_INVALID_HANDLE}, s_ + 1000, CK_SESSION_HANDLE{0xFFFFFFFFul},
          ~CK_SESSION_HANDLE{0}}) {
        for (const auto& e : every_entry_point()) {
            if (!takes_session(e)) continue;
            std::fill(scratch_.begin(), scratch_.end(), 0);
            CallPlan plan;
            plan.first = h;
            plan.rest = 0;
            plan.scratch = scratch_.data();
            const CK_RV rv = e.call(plan);
            ++calls;
            if (rv != CKR_SESSION_HANDLE_INVALID) {
                bad << e.name << "(session " << h << ") = " << rv_name(rv) << "\n";
            }
        }
    }
    EXPECT_GT(calls, 300);
    EXPECT_EQ(bad.str(), "");
    expect_session_works(s_);
}

TEST_F(HostileHandlesTest, EverySlotFunctionRefusesBadSlotIds) {
    std::ostringstream bad;
    for (const CK_SLOT_ID slot : {CK_SLOT_ID{99}, CK_SLOT_ID{0xFFFFFFFFul}, ~CK_SLOT_ID{0}}) {
        for (const auto& e : every_entry_point()) {
            // C_GetSlotList and C_WaitForSlotEvent take a flag, not a slot id, first.
            if (!takes_slot_not_session(e.name) || e.name == "C_GetSlotList" ||
                e.name == "C_WaitForSlotEvent") {
                continue;
            }
            std::fill(scratch_.begin(), scratch_.end(), 0);
            CallPlan plan;
            plan.first = slot;
            // C_OpenSession's flags: a valid serial read/write session, so only the slot is
            // wrong. For the others the value is a length or mechanism type that is not reached.
            plan.rest = CKF_SERIAL_SESSION | CKF_RW_SESSION;
            plan.scratch = scratch_.data();
            const CK_RV rv = e.call(plan);
            if (rv != CKR_SLOT_ID_INVALID) {
                bad << e.name << "(slot " << slot << ") = " << rv_name(rv) << "\n";
            }
        }
    }
    EXPECT_EQ(bad.str(), "");
    expect_session_works(s_);
}

// ---------------------------------------------------------------------------------------------
// Object handles.

// Every function that names an object or key, with `h` in that place. Returns one line per
// answer that is not the expected code.
std::string refusals(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE h,
                     CK_OBJECT_HANDLE good_key) {
    std::ostringstream bad;
    auto expect = [&](const char* what, CK_RV want, CK_RV got) {
        if (got != want) bad << what << " = " << rv_name(got) << "\n";
    };
    CK_BYTE buf[256];
    CK_ULONG n = sizeof buf;
    CK_ATTRIBUTE get{CKA_LABEL, buf, sizeof buf};
    expect("C_GetAttributeValue", CKR_OBJECT_HANDLE_INVALID, f->C_GetAttributeValue(s, h, &get, 1));
    CK_BYTE label[] = {'x'};
    CK_ATTRIBUTE set{CKA_LABEL, label, sizeof label};
    expect("C_SetAttributeValue", CKR_OBJECT_HANDLE_INVALID, f->C_SetAttributeValue(s, h, &set, 1));
    CK_ULONG size = 0;
    expect("C_GetObjectSize", CKR_OBJECT_HANDLE_INVALID, f->C_GetObjectSize(s, h, &size));
    CK_OBJECT_HANDLE copy = CK_INVALID_HANDLE;
    expect("C_CopyObject", CKR_OBJECT_HANDLE_INVALID, f->C_CopyObject(s, h, nullptr, 0, &copy));
    expect("C_DestroyObject", CKR_OBJECT_HANDLE_INVALID, f->C_DestroyObject(s, h));

    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
    CK_MECHANISM mac{CKM_SHA256_HMAC, nullptr, 0};
    expect("C_EncryptInit", CKR_KEY_HANDLE_INVALID, f->C_EncryptInit(s, &ecb, h));
    expect("C_DecryptInit", CKR_KEY_HANDLE_INVALID, f->C_DecryptInit(s, &ecb, h));
    expect("C_SignInit", CKR_KEY_HANDLE_INVALID, f->C_SignInit(s, &mac, h));
    expect("C_VerifyInit", CKR_KEY_HANDLE_INVALID, f->C_VerifyInit(s, &mac, h));
    CK_MECHANISM sha{CKM_SHA256, nullptr, 0};
    if (f->C_DigestInit(s, &sha) == CKR_OK) {
        expect("C_DigestKey", CKR_KEY_HANDLE_INVALID, f->C_DigestKey(s, h));
        (void)f->C_DigestInit(s, nullptr);
    }
    CK_MECHANISM wrap{CKM_AES_KEY_WRAP, nullptr, 0};
    expect("C_WrapKey (wrapping key)", CKR_WRAPPING_KEY_HANDLE_INVALID,
           f->C_WrapKey(s, &wrap, h, good_key, buf, &n));
    n = sizeof buf;
    expect("C_WrapKey (key)", CKR_KEY_HANDLE_INVALID,
           f->C_WrapKey(s, &wrap, good_key, h, buf, &n));
    CK_BYTE wrapped[24] = {};
    CK_OBJECT_HANDLE out = CK_INVALID_HANDLE;
    expect("C_UnwrapKey", CKR_UNWRAPPING_KEY_HANDLE_INVALID,
           f->C_UnwrapKey(s, &wrap, h, wrapped, sizeof wrapped, nullptr, 0, &out));
    CK_MECHANISM derive{CKM_HKDF_DERIVE, nullptr, 0};
    expect("C_DeriveKey", CKR_KEY_HANDLE_INVALID, f->C_DeriveKey(s, &derive, h, nullptr, 0, &out));
    return bad.str();
}

TEST_F(HostileHandlesTest, DestroyedAndNeverIssuedObjectHandles) {
    const CK_OBJECT_HANDLE gone = create_data(s_, "gone");
    ASSERT_OK(p11()->C_DestroyObject(s_, gone));
    for (const CK_OBJECT_HANDLE h : {gone, CK_OBJECT_HANDLE{CK_INVALID_HANDLE}, obj_ + 100000,
                                     CK_OBJECT_HANDLE{0xFFFFFFFFul}, ~CK_OBJECT_HANDLE{0}}) {
        SCOPED_TRACE("handle " + std::to_string(h));
        EXPECT_EQ(refusals(p11(), s_, h, aes_), "");
    }
    expect_session_works(s_);
}

TEST_F(HostileHandlesTest, ObjectsOfAnotherTokenAreNotThere) {
    // A second token with its own objects; its handles mean nothing in slot 0's sessions.
    init_token(1);
    init_user_pin(1);
    const CK_SESSION_HANDLE other = open(1, true);
    login_user(other);
    const CK_OBJECT_HANDLE foreign_data = create_data(other, "foreign");
    const CK_OBJECT_HANDLE foreign_aes = make_aes_key(other);
    const CK_OBJECT_HANDLE foreign_hmac = make_hmac_key(other);
    for (const CK_OBJECT_HANDLE h : {foreign_data, foreign_aes, foreign_hmac}) {
        SCOPED_TRACE("foreign handle " + std::to_string(h));
        EXPECT_EQ(refusals(p11(), s_, h, aes_), "");
    }
    // Nor do slot 0's handles mean anything in slot 1.
    for (const CK_OBJECT_HANDLE h : {obj_, aes_, hmac_}) {
        SCOPED_TRACE("slot 0 handle " + std::to_string(h));
        EXPECT_EQ(refusals(p11(), other, h, foreign_aes), "");
    }
    // None of that touched either token's objects.
    EXPECT_EQ(get_bytes(other, foreign_data, CKA_LABEL), Bytes({'f', 'o', 'r', 'e', 'i', 'g', 'n'}));
    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
    EXPECT_OK(p11()->C_EncryptInit(other, &ecb, foreign_aes));
    EXPECT_OK(p11()->C_EncryptInit(other, nullptr, foreign_aes));
    expect_session_works(s_);
}

TEST_F(HostileHandlesTest, SessionHandleOfAnotherSlotDoesNotReachItsToken) {
    // A session on slot 1 sees slot 1's objects only, even though handle numbers are global.
    init_token(1);
    const CK_SESSION_HANDLE other = open(1, false);
    Attrs all;
    const auto found = find_all(other, all);
    EXPECT_TRUE(found.empty());
    CK_SESSION_INFO info{};
    ASSERT_OK(p11()->C_GetSessionInfo(other, &info));
    EXPECT_EQ(info.slotID, 1u);
    expect_session_works(s_);
}

}  // namespace
}  // namespace craton::abitest
