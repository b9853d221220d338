// The fixture of the remote module's end-to-end tests: the remote module initialised against
// the daemon of with_daemon.sh with an initialised token and a logged-in session per test, and
// the local module beside it, so a test can run one call sequence through both and compare.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "remote_fixture.h"

namespace craton::test {

using Bytes = std::vector<CK_BYTE>;

inline Bytes bytes_of(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

// A function table and a logged-in session on it: the remote module or the local one.
struct Side {
    CK_FUNCTION_LIST_3_2* f;
    CK_SESSION_HANDLE s;
};

class RemoteTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        module_ = new RemoteModule;
        f_ = module_->fn();
        if (f_ == nullptr) return;
        use_client("a");
        if (f_->C_Initialize(nullptr) != CKR_OK) return;
        // The first slot: once its token is initialised, the daemon's module adds a free slot
        // (a later suite of this process sees two).
        CK_SLOT_ID slots[8];
        CK_ULONG count = 8;
        if (f_->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK || count == 0) return;
        slot_ = slots[0];
        CK_TOKEN_INFO info{};
        if (f_->C_GetTokenInfo(slot_, &info) != CKR_OK) return;
        if ((info.flags & CKF_TOKEN_INITIALIZED) == 0) {
            CK_UTF8CHAR label[32];
            std::memset(label, ' ', sizeof label);
            std::memcpy(label, "remote-test", 11);
            if (f_->C_InitToken(slot_, pin(kSoPin), pin_len(kSoPin), label) != CKR_OK) return;
            CK_SESSION_HANDLE s;
            if (f_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                  &s) != CKR_OK)
                return;
            const bool ok = f_->C_Login(s, CKU_SO, pin(kSoPin), pin_len(kSoPin)) == CKR_OK &&
                            f_->C_InitPIN(s, pin(kUserPin), pin_len(kUserPin)) == CKR_OK &&
                            f_->C_Logout(s) == CKR_OK;
            f_->C_CloseSession(s);
            if (!ok) return;
        }
        f32_ = module_->fn32();
        local_ = new LocalModule;
        ready_ = f32_ != nullptr;
    }

    static void TearDownTestSuite() {
        ready_ = false;
        delete local_;
        local_ = nullptr;
        if (f_ != nullptr) f_->C_Finalize(nullptr);
        delete module_;
        module_ = nullptr;
    }

    void SetUp() override {
        ASSERT_FALSE(remote_test_dir().empty()) << "run through tests/remote/with_daemon.sh";
        ASSERT_TRUE(ready_) << "module could not be initialised against the daemon";
        ASSERT_EQ(
            f_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s_),
            CKR_OK);
        const CK_RV rv = f_->C_Login(s_, CKU_USER, pin(kUserPin), pin_len(kUserPin));
        ASSERT_TRUE(rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) << rv;
    }

    void TearDown() override {
        if (f_ != nullptr && s_ != CK_INVALID_HANDLE) f_->C_CloseSession(s_);
    }

    Bytes attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
        CK_ATTRIBUTE a{type, nullptr, 0};
        EXPECT_EQ(f_->C_GetAttributeValue(s_, object, &a, 1), CKR_OK);
        Bytes value(a.ulValueLen);
        a.pValue = value.data();
        EXPECT_EQ(f_->C_GetAttributeValue(s_, object, &a, 1), CKR_OK);
        value.resize(a.ulValueLen);
        return value;
    }

    void rsa_key_pair(CK_OBJECT_HANDLE& pub, CK_OBJECT_HANDLE& priv) {
        CK_MECHANISM mech{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
        CK_ULONG bits = 2048;
        CK_BYTE exponent[] = {1, 0, 1};
        CK_BBOOL yes = CK_TRUE;
        CK_ATTRIBUTE pub_t[] = {{CKA_MODULUS_BITS, &bits, sizeof bits},
                                {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
                                {CKA_VERIFY, &yes, sizeof yes}};
        CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes}};
        ASSERT_EQ(f_->C_GenerateKeyPair(s_, &mech, pub_t, 3, priv_t, 2, &pub, &priv), CKR_OK);
    }

    CK_OBJECT_HANDLE aes_key(const std::string& label) {
        CK_MECHANISM mech{CKM_AES_KEY_GEN, nullptr, 0};
        CK_ULONG len = 32;
        CK_BBOOL yes = CK_TRUE;
        CK_ATTRIBUTE t[] = {
            {CKA_VALUE_LEN, &len, sizeof len},
            {CKA_ENCRYPT, &yes, sizeof yes},
            {CKA_DECRYPT, &yes, sizeof yes},
            {CKA_SENSITIVE, &yes, sizeof yes},
            {CKA_LABEL, const_cast<char*>(label.data()), static_cast<CK_ULONG>(label.size())}};
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        EXPECT_EQ(f_->C_GenerateKey(s_, &mech, t, 5, &key), CKR_OK);
        return key;
    }

    // The comparison tests' two sides: the remote module and the local module in this process.
    void require_local() const {
        ASSERT_NE(local_->fn(), nullptr) << "local module could not be initialised";
    }
    Side remote() const { return {f32_, s_}; }
    static Side local() { return {local_->fn(), local_->session()}; }

    static inline RemoteModule* module_ = nullptr;
    static inline CK_FUNCTION_LIST_3_0* f_ = nullptr;
    static inline CK_FUNCTION_LIST_3_2* f32_ = nullptr;
    static inline LocalModule* local_ = nullptr;
    // The rv sequences of VerifySignatureAnswersAsTheLocalModule, [true] remote, [false] local.
    std::map<bool, std::vector<std::vector<CK_RV>>> results_;
    static inline CK_SLOT_ID slot_ = 0;
    static inline bool ready_ = false;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
};

}  // namespace craton::test
