// Key life cycle (dates and CKA_CRATON_KEY_STATE) and the approved-mode key checks, on
// Object directly; and the [fips] configuration keys.
#include <gtest/gtest.h>

#include <craton/pkcs11/craton_vendor.h>

#include "config/config.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "mech/registry.h"

namespace craton::fips {
namespace {

void set_date(Object& o, CK_ATTRIBUTE_TYPE t, const char* yyyymmdd) {
    o.set(t, ByteView(reinterpret_cast<const std::uint8_t*>(yyyymmdd), 8));
}

constexpr char kToday[8] = {'2', '0', '3', '0', '0', '6', '1', '5'};

TEST(KeyLifecycle, DatesDecideWithoutVendorState) {
    Object k;
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Active);
    set_date(k, CKA_START_DATE, "20300616");
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::PreActivation);
    set_date(k, CKA_START_DATE, "20300615");  // inclusive
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Active);
    set_date(k, CKA_END_DATE, "20300615");  // inclusive
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Active);
    set_date(k, CKA_END_DATE, "20300614");
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Deactivated);
    k.set(CKA_END_DATE, ByteView{});  // an empty date is "not set"
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Active);
}

TEST(KeyLifecycle, VendorStateOverridesDates) {
    Object k;
    k.set_ulong(CKA_CRATON_KEY_STATE, CRATON_KEY_STATE_COMPROMISED);
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Compromised);
    k.set_ulong(CKA_CRATON_KEY_STATE, CRATON_KEY_STATE_SUSPENDED);
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Suspended);
    k.set_ulong(CKA_CRATON_KEY_STATE, CRATON_KEY_STATE_DESTROYED);
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Destroyed);
    k.set_ulong(CKA_CRATON_KEY_STATE, 77);  // unknown: fail closed
    EXPECT_EQ(lifecycle(k, kToday), Lifecycle::Destroyed);
}

TEST(KeyLifecycle, PermittedUses) {
    const CK_ATTRIBUTE_TYPE protect[] = {CKA_SIGN, CKA_ENCRYPT, CKA_WRAP, CKA_DERIVE,
                                         CKA_ENCAPSULATE};
    const CK_ATTRIBUTE_TYPE process[] = {CKA_VERIFY, CKA_DECRYPT, CKA_UNWRAP, CKA_DECAPSULATE};
    for (CK_ATTRIBUTE_TYPE u : protect) {
        EXPECT_TRUE(lifecycle_permits(Lifecycle::Active, u));
        EXPECT_FALSE(lifecycle_permits(Lifecycle::Deactivated, u));
        EXPECT_FALSE(lifecycle_permits(Lifecycle::Compromised, u));
    }
    for (CK_ATTRIBUTE_TYPE u : process) {
        EXPECT_TRUE(lifecycle_permits(Lifecycle::Active, u));
        EXPECT_TRUE(lifecycle_permits(Lifecycle::Deactivated, u));
        EXPECT_TRUE(lifecycle_permits(Lifecycle::Compromised, u));
    }
    for (Lifecycle dead : {Lifecycle::PreActivation, Lifecycle::Suspended, Lifecycle::Destroyed}) {
        for (CK_ATTRIBUTE_TYPE u : protect) EXPECT_FALSE(lifecycle_permits(dead, u));
        for (CK_ATTRIBUTE_TYPE u : process) EXPECT_FALSE(lifecycle_permits(dead, u));
    }
}

CK_RV rv_of(const mech::Mechanism& m, const Object& k, CK_ATTRIBUTE_TYPE usage) {
    try {
        check_key_use(m, k, usage);
        return CKR_OK;
    } catch (const Pkcs11Error& e) {
        return e.rv();
    }
}

TEST(ApprovedMode, KeyChecks) {
    mech::Mechanism approved;
    approved.fips_approved = true;
    mech::Mechanism unapproved;
    Object rsa1024;
    rsa1024.set_ulong(CKA_KEY_TYPE, CKK_RSA);
    Bytes n(128, 0xC5);
    rsa1024.set(CKA_MODULUS, n);
    Object x25519;
    x25519.set_ulong(CKA_KEY_TYPE, CKK_EC_MONTGOMERY);

    set_approved_only(false);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_SIGN), CKR_OK);
    EXPECT_EQ(rv_of(unapproved, rsa1024, CKA_SIGN), CKR_OK);
    EXPECT_EQ(rv_of(approved, x25519, CKA_DERIVE), CKR_OK);

    set_approved_only(true);
    EXPECT_EQ(rv_of(unapproved, rsa1024, CKA_VERIFY), CKR_MECHANISM_INVALID);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_SIGN), CKR_MECHANISM_INVALID);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_ENCRYPT), CKR_MECHANISM_INVALID);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_VERIFY), CKR_OK);  // SP 800-131A legacy use
    EXPECT_EQ(rv_of(approved, x25519, CKA_DERIVE), CKR_MECHANISM_INVALID);
    n.assign(256, 0x80);  // 2048 bits
    rsa1024.set(CKA_MODULUS, n);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_SIGN), CKR_OK);
    // 256 bytes with a leading zero byte and 0x01 next: 255 * 8 - 7 = 2033 bits.
    Bytes short_n(256, 0xFF);
    short_n[0] = 0x00;
    short_n[1] = 0x01;
    rsa1024.set(CKA_MODULUS, short_n);
    EXPECT_EQ(rv_of(approved, rsa1024, CKA_SIGN), CKR_MECHANISM_INVALID);
    set_approved_only(false);
}

TEST(ApprovedMode, LifeCycleRefusalIsKeyFunctionNotPermitted) {
    mech::Mechanism m;
    m.fips_approved = true;
    Object k;
    set_date(k, CKA_END_DATE, "20000101");
    EXPECT_EQ(rv_of(m, k, CKA_SIGN), CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(rv_of(m, k, CKA_VERIFY), CKR_OK);
    set_date(k, CKA_START_DATE, "99991231");
    EXPECT_EQ(rv_of(m, k, CKA_VERIFY), CKR_KEY_FUNCTION_NOT_PERMITTED);
}

std::string config_error(const std::string& text) {
    try {
        config::parse_config_text(text, "test.toml");
        return "";
    } catch (const config::ConfigError& e) {
        return e.what();
    }
}

TEST(FipsConfig, ApprovedOnlyKeys) {
    EXPECT_FALSE(config::parse_config_text("", "t").fips_approved_only);
    EXPECT_TRUE(
        config::parse_config_text("[fips]\napproved_only = true\n", "t").fips_approved_only);
    EXPECT_TRUE(config::parse_config_text("[algorithms]\nfips_approved_only = true\n", "t")
                    .fips_approved_only);
    EXPECT_FALSE(
        config::parse_config_text("[fips]\napproved_only = false\n", "t").fips_approved_only);
    EXPECT_NE(config_error("[fips]\napproved_only = 1\n"), "");
    EXPECT_NE(config_error("[fips]\nmode = \"strict\"\n"), "");
    // Contradictions are refused, not resolved silently.
    EXPECT_NE(
        config_error("[fips]\napproved_only = true\n[algorithms]\nallow_sha1_signing = true\n")
            .find("allow_sha1_signing"),
        std::string::npos);
    EXPECT_NE(config_error("[fips]\napproved_only = true\n[algorithms]\n"
                           "allow_rsa_x509_decrypt = true\n"),
              "");
}

}  // namespace
}  // namespace craton::fips

namespace craton::fips {
namespace {

TEST(MemoryConfig, DisableCoreDumps) {
    EXPECT_FALSE(config::parse_config_text("", "t").disable_core_dumps);
    EXPECT_TRUE(
        config::parse_config_text("[memory]\ndisable_core_dumps = true\n", "t").disable_core_dumps);
    EXPECT_NE(config_error("[memory]\ndisable_core_dumps = \"yes\"\n"), "");
}

}  // namespace
}  // namespace craton::fips
