// Approved-only mode ([fips] approved_only = true) through the ABI: every mechanism of the
// default list is either listed, flagged CKF_CRATON_FIPS_APPROVED and accepted by its entry
// points, or absent, CKR_MECHANISM_INVALID in C_GetMechanismInfo and refused by every entry
// point; plus the policy cases the table rows cannot express (SHA-1 signing, X25519), and key
// life-cycle enforcement (CKA_START_DATE / CKA_END_DATE / CKA_CRATON_KEY_STATE).
#include <gtest/gtest.h>

#include <craton/pkcs11/craton_vendor.h>

#include <algorithm>
#include <map>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

std::map<CK_MECHANISM_TYPE, CK_MECHANISM_INFO> mechanisms(CK_FUNCTION_LIST_3_0* f) {
    CK_ULONG n = 0;
    EXPECT_OK(f->C_GetMechanismList(0, nullptr, &n));
    std::vector<CK_MECHANISM_TYPE> list(n);
    EXPECT_OK(f->C_GetMechanismList(0, list.data(), &n));
    std::map<CK_MECHANISM_TYPE, CK_MECHANISM_INFO> out;
    for (CK_MECHANISM_TYPE t : list) {
        CK_MECHANISM_INFO info{};
        EXPECT_OK(f->C_GetMechanismInfo(0, t, &info));
        out[t] = info;
    }
    return out;
}

// Every entry point the mechanism's (default-mode) flags name, called with the mechanism and
// a handle that names no key: the policy decides before the key is looked up, so an approved
// mechanism gets a handle or template error and a refused one CKR_MECHANISM_INVALID.
std::vector<std::pair<const char*, CK_RV>> entry_results(CK_FUNCTION_LIST_3_0* f,
                                                         CK_SESSION_HANDLE s, CK_MECHANISM_TYPE t,
                                                         CK_FLAGS flags) {
    constexpr CK_OBJECT_HANDLE kNoKey = 0x7fff0000;
    CK_MECHANISM m{t, nullptr, 0};
    std::vector<std::pair<const char*, CK_RV>> out;
    if (flags & CKF_DIGEST) {
        out.emplace_back("C_DigestInit", f->C_DigestInit(s, &m));
        (void)f->C_DigestInit(s, nullptr);  // cancel, if it started
    }
    if (flags & CKF_SIGN) out.emplace_back("C_SignInit", f->C_SignInit(s, &m, kNoKey));
    if (flags & CKF_VERIFY) out.emplace_back("C_VerifyInit", f->C_VerifyInit(s, &m, kNoKey));
    if (flags & CKF_ENCRYPT) out.emplace_back("C_EncryptInit", f->C_EncryptInit(s, &m, kNoKey));
    if (flags & CKF_DECRYPT) out.emplace_back("C_DecryptInit", f->C_DecryptInit(s, &m, kNoKey));
    if (flags & CKF_DERIVE) {
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        out.emplace_back("C_DeriveKey", f->C_DeriveKey(s, &m, kNoKey, nullptr, 0, &h));
    }
    if (flags & CKF_WRAP) {
        CK_ULONG len = 0;
        out.emplace_back("C_WrapKey", f->C_WrapKey(s, &m, kNoKey, kNoKey, nullptr, &len));
    }
    if (flags & CKF_UNWRAP) {
        CK_BYTE blob[40] = {};
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        out.emplace_back("C_UnwrapKey",
                         f->C_UnwrapKey(s, &m, kNoKey, blob, sizeof blob, nullptr, 0, &h));
    }
    if (flags & CKF_GENERATE) {
        // CKA_CLASS of a data object: refused by the template rules after the mechanism check.
        CK_OBJECT_CLASS cls = CKO_DATA;
        CK_ATTRIBUTE bad{CKA_CLASS, &cls, sizeof cls};
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        out.emplace_back("C_GenerateKey", f->C_GenerateKey(s, &m, &bad, 1, &h));
    }
    if (flags & CKF_GENERATE_KEY_PAIR) {
        CK_OBJECT_CLASS cls = CKO_DATA;
        CK_ATTRIBUTE bad{CKA_CLASS, &cls, sizeof cls};
        CK_OBJECT_HANDLE a = CK_INVALID_HANDLE, b = CK_INVALID_HANDLE;
        out.emplace_back("C_GenerateKeyPair",
                         f->C_GenerateKeyPair(s, &m, &bad, 1, &bad, 1, &a, &b));
    }
    return out;
}

class ApprovedModeTest : public ModuleTest {
  protected:
    bool auto_initialize() const override { return false; }

    void init(bool approved) {
        ConfigOptions o;
        if (approved) o.extra = "[fips]\napproved_only = true\n";
        config_ = std::make_unique<TempConfig>(o);
        ASSERT_OK(p11()->C_Initialize(nullptr));
        ready_token();
        session_ = open(0, true);
        login_user(session_);
    }
    void finish() {
        ASSERT_OK(p11()->C_Finalize(nullptr));
        config_.reset();
    }

    std::unique_ptr<TempConfig> config_;
    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
};

TEST_F(ApprovedModeTest, EachMechanismIsListedAndAcceptedOrHiddenAndRefused) {
    init(false);
    const auto all = mechanisms(p11());
    finish();
    init(true);
    const auto approved = mechanisms(p11());
    ASSERT_FALSE(approved.empty());
    ASSERT_LT(approved.size(), all.size()) << "some mechanisms are not approved";
    int refused = 0, accepted = 0;
    for (const auto& [type, info] : all) {
        const bool listed = approved.count(type) != 0;
        if (listed) {
            EXPECT_TRUE(approved.at(type).flags & CKF_CRATON_FIPS_APPROVED) << std::hex << type;
            EXPECT_EQ(approved.at(type).flags & ~CKF_CRATON_FIPS_APPROVED, info.flags)
                << std::hex << type;
        } else {
            CK_MECHANISM_INFO mi{};
            EXPECT_CKR(CKR_MECHANISM_INVALID, p11()->C_GetMechanismInfo(0, type, &mi))
                << std::hex << type;
        }
        for (const auto& [call, rv] : entry_results(p11(), session_, type, info.flags)) {
            if (listed) {
                EXPECT_NE(rv, static_cast<CK_RV>(CKR_MECHANISM_INVALID))
                    << call << " refused approved mechanism 0x" << std::hex << type;
                ++accepted;
            } else {
                EXPECT_EQ(rv, static_cast<CK_RV>(CKR_MECHANISM_INVALID))
                    << call << " accepted non-approved mechanism 0x" << std::hex << type << " ("
                    << rv_name(rv) << ")";
                ++refused;
            }
        }
    }
    EXPECT_GT(refused, 0);
    EXPECT_GT(accepted, 0);
    finish();
    // The default mode is back after C_Finalize: the setting is per initialisation.
    init(false);
    EXPECT_EQ(mechanisms(p11()).size(), all.size());
    finish();
}

TEST_F(ApprovedModeTest, PolicyTableOfTheIssue) {
    init(true);
    const auto approved = mechanisms(p11());
    // PKCS#1 v1.5 encryption, X25519 key generation: absent in approved mode.
    EXPECT_EQ(approved.count(CKM_EC_MONTGOMERY_KEY_PAIR_GEN), 0u);
    // Approved: SHA-2/SHA-3, AES-GCM, HMAC, HKDF, ECDSA, EdDSA (FIPS 186-5), ML-KEM, ML-DSA.
    for (CK_MECHANISM_TYPE t : {CKM_SHA256, CKM_SHA3_256, CKM_AES_GCM, CKM_SHA256_HMAC,
                                CKM_HKDF_DERIVE, CKM_ECDSA_SHA256, CKM_EDDSA}) {
        EXPECT_EQ(approved.count(t), 1u) << std::hex << t;
    }
    // SHA-1 signing is refused (the configuration cannot allow it here), SHA-1 verify is not.
    const std::vector<CK_BYTE> p256 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    Attrs pub, priv;
    pub.bytes(CKA_EC_PARAMS, p256).boolean(CKA_VERIFY, true);
    priv.boolean(CKA_SIGN, true);
    CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE hpub = CK_INVALID_HANDLE, hpriv = CK_INVALID_HANDLE;
    ASSERT_OK(p11()->C_GenerateKeyPair(session_, &gen, pub.data(), pub.count(), priv.data(),
                                       priv.count(), &hpub, &hpriv));
    if (approved.count(CKM_ECDSA_SHA1) != 0) {
        CK_MECHANISM sha1{CKM_ECDSA_SHA1, nullptr, 0};
        EXPECT_CKR(CKR_MECHANISM_INVALID, p11()->C_SignInit(session_, &sha1, hpriv));
        EXPECT_OK(p11()->C_VerifyInit(session_, &sha1, hpub));
    }
    CK_MECHANISM sha256{CKM_ECDSA_SHA256, nullptr, 0};
    EXPECT_OK(p11()->C_SignInit(session_, &sha256, hpriv));
    finish();
}

TEST_F(ApprovedModeTest, ContradictoryConfigurationIsRefused) {
    ConfigOptions o;
    o.extra = "[fips]\napproved_only = true\n[algorithms]\nallow_sha1_signing = true\n";
    config_ = std::make_unique<TempConfig>(o);
    EXPECT_CKR(CKR_GENERAL_ERROR, p11()->C_Initialize(nullptr));
    config_.reset();
}

// ---------------------------------------------------------------------------------------------
// Key life cycle: an HMAC key signs (applies protection) and verifies (processes).

class KeyLifecycleTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        ready_token();
        session_ = open(0, true);
        login_user(session_);
    }

    CK_OBJECT_HANDLE hmac_key(Attrs extra = {}) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
            .bytes(CKA_VALUE, Bytes(32, 0x42))
            .boolean(CKA_SIGN, true)
            .boolean(CKA_VERIFY, true);
        for (CK_ULONG i = 0; i < extra.count(); ++i) {
            const CK_ATTRIBUTE& e = extra.data()[i];
            a.bytes(e.type, e.pValue, e.ulValueLen);
        }
        return create(session_, a);
    }
    CK_RV sign_init(CK_OBJECT_HANDLE k) {
        CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
        const CK_RV rv = p11()->C_SignInit(session_, &m, k);
        if (rv == CKR_OK) (void)p11()->C_SignInit(session_, nullptr, k);
        return rv;
    }
    CK_RV verify_init(CK_OBJECT_HANDLE k) {
        CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
        const CK_RV rv = p11()->C_VerifyInit(session_, &m, k);
        if (rv == CKR_OK) (void)p11()->C_VerifyInit(session_, nullptr, k);
        return rv;
    }

    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
};

TEST_F(KeyLifecycleTest, ActiveKeySignsAndVerifies) {
    Attrs dates;
    dates.str(CKA_START_DATE, "20000101").str(CKA_END_DATE, "99991231");
    const CK_OBJECT_HANDLE k = hmac_key(std::move(dates));
    EXPECT_OK(sign_init(k));
    EXPECT_OK(verify_init(k));
}

TEST_F(KeyLifecycleTest, PreActivationKeyDoesNothing) {
    Attrs dates;
    dates.str(CKA_START_DATE, "99991231");
    const CK_OBJECT_HANDLE k = hmac_key(std::move(dates));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, verify_init(k));
}

TEST_F(KeyLifecycleTest, DeactivatedKeyVerifiesButDoesNotSign) {
    Attrs dates;
    dates.str(CKA_END_DATE, "20000101");
    const CK_OBJECT_HANDLE k = hmac_key(std::move(dates));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_OK(verify_init(k));
}

TEST_F(KeyLifecycleTest, EndDateSetLaterDeactivates) {
    const CK_OBJECT_HANDLE k = hmac_key();
    EXPECT_OK(sign_init(k));
    Attrs end;
    end.str(CKA_END_DATE, "20000101");
    ASSERT_OK(p11()->C_SetAttributeValue(session_, k, end.data(), end.count()));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_OK(verify_init(k));
}

TEST_F(KeyLifecycleTest, VendorStates) {
    const CK_OBJECT_HANDLE k = hmac_key();
    auto set_state = [&](CK_ULONG state) {
        Attrs a;
        a.ulong(CKA_CRATON_KEY_STATE, state);
        ASSERT_OK(p11()->C_SetAttributeValue(session_, k, a.data(), a.count()));
    };
    set_state(CRATON_KEY_STATE_COMPROMISED);
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_OK(verify_init(k));
    set_state(CRATON_KEY_STATE_SUSPENDED);
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, verify_init(k));
    set_state(CRATON_KEY_STATE_ACTIVE);
    EXPECT_OK(sign_init(k));
    set_state(CRATON_KEY_STATE_DESTROYED);
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, sign_init(k));
    EXPECT_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, verify_init(k));
    EXPECT_EQ(get_ulong(session_, k, CKA_CRATON_KEY_STATE), CRATON_KEY_STATE_DESTROYED);
}

}  // namespace
}  // namespace craton::abitest
