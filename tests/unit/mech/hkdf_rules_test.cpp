// HKDF through C_DeriveKey: modes (extract, expand, both), salt kinds (none, data, key), the
// data-object variant, the derived key's sensitivity history, and the refusals the
// specification asks for. Expected values come from OpenSSL's HKDF called directly.
#include <cstring>

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "support/vector_file.h"
#include "vectors/mech/hkdf_derive.h"

namespace craton::test {
namespace {

Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + 13 * i);
    return b;
}

Bytes openssl_hkdf(const char* md, int mode, const Bytes& key, const Bytes& salt, const Bytes& info,
                   std::size_t len) {
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    OSSL_PARAM params[6];
    std::size_t n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(md), 0);
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(key.data()), key.size());
    params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    if (!salt.empty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_SALT, const_cast<std::uint8_t*>(salt.data()), salt.size());
    }
    if (!info.empty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_INFO, const_cast<std::uint8_t*>(info.data()), info.size());
    }
    params[n] = OSSL_PARAM_construct_end();
    Bytes out(len);
    EXPECT_EQ(EVP_KDF_derive(ctx, out.data(), out.size(), params), 1);
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
    return out;
}

CK_ULONG ulong_of(const Bytes& b) {
    CK_ULONG v = 0;
    if (b.size() == sizeof v) std::memcpy(&v, b.data(), sizeof v);
    return v;
}

class HkdfRules : public ::testing::Test {
  protected:
    CK_FUNCTION_LIST_3_0* f() { return p11.fn(); }
    CK_SESSION_HANDLE s() { return p11.session(); }

    CK_OBJECT_HANDLE key_of(CK_KEY_TYPE type, const Bytes& value, bool derive) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
            .add_ulong(CKA_KEY_TYPE, type)
            .add(CKA_VALUE, value)
            .add_bool(CKA_DERIVE, derive);
        return p11.create(b.build());
    }

    P11Session p11;
    const Bytes ikm_ = pattern(32, 1);
    const Bytes salt_ = pattern(20, 2);
    const Bytes info_ = pattern(10, 3);
};

TEST_F(HkdfRules, ExtractThenExpandEqualsBoth) {
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    HkdfCall both;
    both.salt = salt_;
    both.info = info_;
    both.length = 77;
    const HkdfResult okm = hkdf_derive(p11, base, both);
    ASSERT_EQ(okm.rv, CKR_OK);
    EXPECT_EQ(to_hex(okm.value),
              to_hex(openssl_hkdf("SHA2-256", EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, ikm_, salt_,
                                  info_, 77)));

    HkdfCall extract = both;
    extract.expand = false;
    extract.length = 0;  // the PRK's size is the hash's
    const HkdfResult prk = hkdf_derive(p11, base, extract);
    ASSERT_EQ(prk.rv, CKR_OK);
    EXPECT_EQ(to_hex(prk.value), to_hex(openssl_hkdf("SHA2-256", EVP_KDF_HKDF_MODE_EXTRACT_ONLY,
                                                     ikm_, salt_, {}, 32)));
    extract.length = 32;
    EXPECT_EQ(hkdf_derive(p11, base, extract).rv, CKR_OK);
    extract.length = 16;
    EXPECT_EQ(hkdf_derive(p11, base, extract).rv, CKR_TEMPLATE_INCONSISTENT);

    HkdfCall expand = both;
    expand.extract = false;
    const HkdfResult again = hkdf_derive(p11, prk.handle, expand);
    ASSERT_EQ(again.rv, CKR_OK);
    EXPECT_EQ(to_hex(again.value), to_hex(okm.value));
}

TEST_F(HkdfRules, SaltKinds) {
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    HkdfCall c;
    c.info = info_;
    c.length = 42;
    // No salt and an empty salt both mean HashLen zero bytes.
    const HkdfResult none = hkdf_derive(p11, base, c);
    ASSERT_EQ(none.rv, CKR_OK);
    EXPECT_EQ(to_hex(none.value),
              to_hex(openssl_hkdf("SHA2-256", 0, ikm_, Bytes(32, 0), info_, 42)));
    c.salt = Bytes{};
    EXPECT_EQ(to_hex(hkdf_derive(p11, base, c).value), to_hex(none.value));

    // A salt held in a key gives what the same bytes as data give.
    c.salt = salt_;
    const HkdfResult data = hkdf_derive(p11, base, c);
    HkdfCall k = c;
    k.salt.reset();
    k.salt_key = key_of(CKK_HKDF, salt_, true);
    const HkdfResult keyed = hkdf_derive(p11, base, k);
    ASSERT_EQ(keyed.rv, CKR_OK);
    EXPECT_EQ(to_hex(keyed.value), to_hex(data.value));
    k.salt_key = key_of(CKK_GENERIC_SECRET, salt_, true);
    EXPECT_EQ(to_hex(hkdf_derive(p11, base, k).value), to_hex(data.value));

    // The salt key needs CKA_DERIVE, the right type, and must exist.
    k.salt_key = key_of(CKK_HKDF, salt_, false);
    EXPECT_EQ(hkdf_derive(p11, base, k).rv, CKR_KEY_FUNCTION_NOT_PERMITTED);
    k.salt_key = key_of(CKK_SHA256_HMAC, salt_, true);
    EXPECT_EQ(hkdf_derive(p11, base, k).rv, CKR_KEY_TYPE_INCONSISTENT);
    k.salt_key = 0xdead;
    EXPECT_EQ(hkdf_derive(p11, base, k).rv, CKR_KEY_HANDLE_INVALID);

    // Allowed mechanisms on the salt key are honoured.
    AttrBuilder b;
    Bytes allowed(sizeof(CK_MECHANISM_TYPE));
    const CK_MECHANISM_TYPE only = CKM_HKDF_DATA;
    std::memcpy(allowed.data(), &only, sizeof only);
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_HKDF)
        .add(CKA_VALUE, salt_)
        .add_bool(CKA_DERIVE, true)
        .add(CKA_ALLOWED_MECHANISMS, allowed);
    k.salt_key = p11.create(b.build());
    EXPECT_EQ(hkdf_derive(p11, base, k).rv, CKR_MECHANISM_INVALID);
}

TEST_F(HkdfRules, EveryPrfHash) {
    const std::pair<CK_MECHANISM_TYPE, const char*> hashes[] = {{CKM_SHA_1, "SHA1"},
                                                                {CKM_SHA224, "SHA2-224"},
                                                                {CKM_SHA256, "SHA2-256"},
                                                                {CKM_SHA384, "SHA2-384"},
                                                                {CKM_SHA512, "SHA2-512"},
                                                                {CKM_SHA512_224, "SHA2-512/224"},
                                                                {CKM_SHA512_256, "SHA2-512/256"},
                                                                {CKM_SHA3_224, "SHA3-224"},
                                                                {CKM_SHA3_256, "SHA3-256"},
                                                                {CKM_SHA3_384, "SHA3-384"},
                                                                {CKM_SHA3_512, "SHA3-512"}};
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    for (const auto& [mech, md] : hashes) {
        HkdfCall c;
        c.prf = mech;
        c.salt = salt_;
        c.info = info_;
        c.length = 100;
        const HkdfResult r = hkdf_derive(p11, base, c);
        ASSERT_EQ(r.rv, CKR_OK) << md;
        EXPECT_EQ(to_hex(r.value), to_hex(openssl_hkdf(md, 0, ikm_, salt_, info_, 100))) << md;
        // Without CKA_VALUE_LEN the output is one hash block.
        c.length = 0;
        const HkdfResult natural = hkdf_derive(p11, base, c);
        ASSERT_EQ(natural.rv, CKR_OK) << md;
        EXPECT_EQ(to_hex(natural.value), to_hex(r.value).substr(0, natural.value.size() * 2));
        EXPECT_EQ(natural.value.size(),
                  static_cast<std::size_t>(EVP_MD_get_size(EVP_get_digestbyname(md))));
    }
}

TEST_F(HkdfRules, BadParameters) {
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    HkdfCall good;
    good.salt = salt_;
    good.info = info_;
    good.length = 32;
    auto derive_with = [&](auto&& edit, std::size_t param_len = sizeof(CK_HKDF_PARAMS)) {
        HkdfCall c = good;
        CK_HKDF_PARAMS p = hkdf_params(c);
        edit(p);
        CK_MECHANISM m{CKM_HKDF_DERIVE, &p, static_cast<CK_ULONG>(param_len)};
        CK_OBJECT_HANDLE h;
        return hkdf_derive_raw(p11, base, m, 32, h);
    };
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS&) {}), CKR_OK);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS&) {}, sizeof(CK_HKDF_PARAMS) - 1),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.bExtract = p.bExpand = CK_FALSE; }),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.prfHashMechanism = CKM_SHA256_HMAC; }),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.prfHashMechanism = CKM_MD5; }),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.ulSaltType = 0; }),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.ulSaltType = CKF_HKDF_SALT_NULL; }),
              CKR_MECHANISM_PARAM_INVALID);  // NULL salt type with salt bytes
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.pSalt = nullptr; }),
              CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) { p.pInfo = nullptr; }),
              CKR_MECHANISM_PARAM_INVALID);
    // Fields of the phase that does not run are not looked at.
    EXPECT_EQ(derive_with([](CK_HKDF_PARAMS& p) {
                  p.bExtract = CK_FALSE;
                  p.ulSaltType = 0;
              }),
              CKR_OK);
    CK_MECHANISM no_param{CKM_HKDF_DERIVE, nullptr, 0};
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(hkdf_derive_raw(p11, base, no_param, 32, h), CKR_MECHANISM_PARAM_INVALID);
}

TEST_F(HkdfRules, OutputLengthLimits) {
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    HkdfCall c;
    c.length = 255 * 32;
    EXPECT_EQ(hkdf_derive(p11, base, c).rv, CKR_OK);
    c.length = 255 * 32 + 1;
    EXPECT_EQ(hkdf_derive(p11, base, c).rv, CKR_KEY_SIZE_RANGE);
    // Long context strings are passed through whole.
    c.length = 64;
    c.info = pattern(4000, 5);
    const HkdfResult r = hkdf_derive(p11, base, c);
    ASSERT_EQ(r.rv, CKR_OK) << rv_name(r.rv);
    EXPECT_EQ(to_hex(r.value), to_hex(openssl_hkdf("SHA2-256", 0, ikm_, {}, c.info, 64)));
}

TEST_F(HkdfRules, BaseKeys) {
    HkdfCall c;
    c.length = 32;
    EXPECT_EQ(hkdf_derive(p11, key_of(CKK_HKDF, ikm_, true), c).rv, CKR_OK);
    EXPECT_EQ(hkdf_derive(p11, key_of(CKK_GENERIC_SECRET, ikm_, false), c).rv,
              CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(hkdf_derive(p11, key_of(CKK_SHA256_HMAC, ikm_, true), c).rv,
              CKR_KEY_TYPE_INCONSISTENT);
    EXPECT_EQ(hkdf_derive(p11, key_of(CKK_AES, ikm_, true), c).rv, CKR_KEY_TYPE_INCONSISTENT);
}

TEST_F(HkdfRules, DataObjectOutput) {
    const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    const std::string label = "tls13 iv";
    HkdfCall c;
    c.mechanism = CKM_HKDF_DATA;
    c.extract = false;
    c.info = Bytes(label.begin(), label.end());
    c.length = 12;
    const HkdfResult r = hkdf_derive(p11, base, c);
    ASSERT_EQ(r.rv, CKR_OK);
    EXPECT_EQ(to_hex(r.value), to_hex(openssl_hkdf("SHA2-256", EVP_KDF_HKDF_MODE_EXPAND_ONLY, ikm_,
                                                   {}, c.info, 12)));
    EXPECT_EQ(ulong_of(p11.attribute(r.handle, CKA_CLASS)), CKO_DATA);
    // Data objects have no CKA_VALUE_LEN: the template's value was the output length only.
    CK_ATTRIBUTE a{CKA_VALUE_LEN, nullptr, 0};
    EXPECT_EQ(f()->C_GetAttributeValue(s(), r.handle, &a, 1), CKR_ATTRIBUTE_TYPE_INVALID);

    // Without a class in the template the mechanism's own class (CKO_DATA) is used.
    CK_HKDF_PARAMS p = hkdf_params(c);
    CK_MECHANISM mech{CKM_HKDF_DATA, &p, sizeof p};
    AttrBuilder b;
    b.add_ulong(CKA_VALUE_LEN, 12);
    auto attrs = b.build();
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    ASSERT_EQ(f()->C_DeriveKey(s(), &mech, base, attrs.data(), attrs.size(), &h), CKR_OK);
    EXPECT_EQ(ulong_of(p11.attribute(h, CKA_CLASS)), CKO_DATA);
    EXPECT_EQ(to_hex(p11.attribute(h, CKA_VALUE)), to_hex(r.value));

    // Each mechanism makes only its own class of object.
    AttrBuilder key_tmpl;
    key_tmpl.add_ulong(CKA_CLASS, CKO_SECRET_KEY).add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    attrs = key_tmpl.build();
    EXPECT_EQ(f()->C_DeriveKey(s(), &mech, base, attrs.data(), attrs.size(), &h),
              CKR_TEMPLATE_INCONSISTENT);
    CK_MECHANISM derive{CKM_HKDF_DERIVE, &p, sizeof p};
    AttrBuilder data_tmpl;
    data_tmpl.add_ulong(CKA_CLASS, CKO_DATA);
    attrs = data_tmpl.build();
    EXPECT_EQ(f()->C_DeriveKey(s(), &derive, base, attrs.data(), attrs.size(), &h),
              CKR_TEMPLATE_INCONSISTENT);
}

TEST_F(HkdfRules, DerivedKeySensitivityHistory) {
    // A generated, sensitive, never-extractable base key.
    AttrBuilder gen;
    gen.add_ulong(CKA_VALUE_LEN, 32).add_bool(CKA_DERIVE, true);
    auto gattrs = gen.build();
    CK_MECHANISM keygen{CKM_HKDF_KEY_GEN, nullptr, 0};
    CK_OBJECT_HANDLE base = CK_INVALID_HANDLE;
    ASSERT_EQ(f()->C_GenerateKey(s(), &keygen, gattrs.data(), gattrs.size(), &base), CKR_OK);
    EXPECT_EQ(ulong_of(p11.attribute(base, CKA_KEY_TYPE)), CKK_HKDF);

    HkdfCall c;
    CK_HKDF_PARAMS p = hkdf_params(c);
    CK_MECHANISM mech{CKM_HKDF_DERIVE, &p, sizeof p};
    auto derive = [&](bool sensitive, bool extractable) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
            .add_ulong(CKA_KEY_TYPE, CKK_AES)
            .add_ulong(CKA_VALUE_LEN, 32)
            .add_bool(CKA_SENSITIVE, sensitive)
            .add_bool(CKA_EXTRACTABLE, extractable);
        auto attrs = b.build();
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        EXPECT_EQ(f()->C_DeriveKey(s(), &mech, base, attrs.data(), attrs.size(), &h), CKR_OK);
        return h;
    };
    const CK_OBJECT_HANDLE kept = derive(true, false);
    EXPECT_EQ(p11.attribute(kept, CKA_ALWAYS_SENSITIVE), Bytes{CK_TRUE});
    EXPECT_EQ(p11.attribute(kept, CKA_NEVER_EXTRACTABLE), Bytes{CK_TRUE});
    EXPECT_EQ(ulong_of(p11.attribute(kept, CKA_VALUE_LEN)), 32u);
    const CK_OBJECT_HANDLE opened = derive(false, true);
    EXPECT_EQ(p11.attribute(opened, CKA_ALWAYS_SENSITIVE), Bytes{CK_FALSE});
    EXPECT_EQ(p11.attribute(opened, CKA_NEVER_EXTRACTABLE), Bytes{CK_FALSE});

    // An imported base was in the clear once, so nothing derived from it is "always" sensitive.
    const CK_OBJECT_HANDLE imported = p11.secret_key(CKK_GENERIC_SECRET, ikm_);
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .add_ulong(CKA_VALUE_LEN, 32);
    auto attrs = b.build();
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    ASSERT_EQ(f()->C_DeriveKey(s(), &mech, imported, attrs.data(), attrs.size(), &h), CKR_OK);
    EXPECT_EQ(p11.attribute(h, CKA_ALWAYS_SENSITIVE), Bytes{CK_FALSE});
    EXPECT_EQ(p11.attribute(h, CKA_NEVER_EXTRACTABLE), Bytes{CK_FALSE});
}

TEST_F(HkdfRules, MechanismInfo) {
    CK_MECHANISM_INFO info{};
    for (CK_MECHANISM_TYPE m : {CKM_HKDF_DERIVE, CKM_HKDF_DATA}) {
        ASSERT_EQ(f()->C_GetMechanismInfo(0, m, &info), CKR_OK);
        EXPECT_EQ(info.flags & CKF_DERIVE, CKF_DERIVE);
    }
    ASSERT_EQ(f()->C_GetMechanismInfo(0, CKM_HKDF_KEY_GEN, &info), CKR_OK);
    EXPECT_EQ(info.flags & CKF_GENERATE, CKF_GENERATE);
}

}  // namespace
}  // namespace craton::test
