// A token ready for hostile callers: the user logged in on a read/write session, an AES key for
// encrypt/decrypt, an HMAC key for sign/verify, and a data object. The suites attack these and
// then check that the session and the objects still behave.
#pragma once

#include <string>

#include "abi/module_fixture.h"

namespace craton::abitest {

class HostileTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        if (HasFatalFailure()) return;
        slot_ = ready_token();
        s_ = open(slot_, true);
        login_user(s_);
        aes_ = make_aes_key(s_);
        hmac_ = make_hmac_key(s_);
        obj_ = create_data(s_, "target");
    }

    CK_OBJECT_HANDLE make_aes_key(CK_SESSION_HANDLE s) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, CKK_AES)
            .boolean(CKA_TOKEN, false)
            .boolean(CKA_ENCRYPT, true)
            .boolean(CKA_DECRYPT, true)
            .bytes(CKA_VALUE, Bytes(16, 0x42));
        return create(s, a);
    }
    CK_OBJECT_HANDLE make_hmac_key(CK_SESSION_HANDLE s) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
            .boolean(CKA_TOKEN, false)
            .boolean(CKA_SIGN, true)
            .boolean(CKA_VERIFY, true)
            .bytes(CKA_VALUE, Bytes(32, 0x24));
        return create(s, a);
    }

    // The session still answers and still does cryptography after whatever the test did.
    void expect_session_works(CK_SESSION_HANDLE s) {
        CK_SESSION_INFO info{};
        EXPECT_OK(p11()->C_GetSessionInfo(s, &info));
        EXPECT_EQ(info.state, CKS_RW_USER_FUNCTIONS);
        CK_MECHANISM m{CKM_SHA256, nullptr, 0};
        CK_BYTE abc[] = {'a', 'b', 'c'};
        CK_BYTE out[32];
        CK_ULONG n = sizeof out;
        EXPECT_OK(p11()->C_DigestInit(s, &m));
        EXPECT_OK(p11()->C_Digest(s, abc, sizeof abc, out, &n));
        // SHA-256("abc") begins ba7816bf.
        EXPECT_EQ(n, 32u);
        EXPECT_EQ(out[0], 0xba);
        EXPECT_EQ(out[1], 0x78);
        EXPECT_EQ(get_bytes(s, obj_, CKA_LABEL), Bytes({'t', 'a', 'r', 'g', 'e', 't'}));
    }

    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE aes_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE hmac_ = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE obj_ = CK_INVALID_HANDLE;
};

}  // namespace craton::abitest
