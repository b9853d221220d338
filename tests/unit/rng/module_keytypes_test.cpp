// The module's own RSA and EC key types (rng/module_keytypes.h) keep working when the
// application has made an ENGINE the default for RSA and EC key methods, as `openssl ...
// -engine pkcs11` does. A stand-in engine whose key methods do nothing breaks keys of OpenSSL's
// standard types even in the module's library context (the check that the stand-in bites), and
// not keys of the module's types.
#include <gtest/gtest.h>

#include <array>
#include <memory>

#include <openssl/core_names.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "mech/ec_key.h"
#include "mech/pkey_retype.h"
#include "mech/rsa_ctx_params.h"
#include "rng/module_keytypes.h"
#include "rng/openssl_rand.h"

// The ENGINE interface is deprecated in OpenSSL 3.0; applications still use it, which is the
// point of this test.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace craton::rng {
namespace {

// The module's own owning pointers for OpenSSL objects.
using Pkey = mech::ec::PkeyPtr;
using Ctx = mech::ec::PkeyCtxPtr;
using MdCtx = mech::ec::MdCtxPtr;

// Legacy key methods with no functions: any context OpenSSL routes to them fails.
EVP_PKEY_METHOD* g_inert_rsa = nullptr;
EVP_PKEY_METHOD* g_inert_ec = nullptr;

int inert_pkey_meths(ENGINE*, EVP_PKEY_METHOD** pmeth, const int** nids, int nid) {
    static const int kNids[] = {EVP_PKEY_RSA, EVP_PKEY_EC};
    if (pmeth == nullptr) {
        *nids = kNids;
        return 2;
    }
    *pmeth = nid == EVP_PKEY_RSA ? g_inert_rsa : nid == EVP_PKEY_EC ? g_inert_ec : nullptr;
    return *pmeth != nullptr ? 1 : 0;
}

class EngineDefaultTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_NE(openssl_libctx(), nullptr);
        g_inert_rsa = EVP_PKEY_meth_new(EVP_PKEY_RSA, 0);
        g_inert_ec = EVP_PKEY_meth_new(EVP_PKEY_EC, 0);
        engine_ = ENGINE_new();
        ASSERT_TRUE(g_inert_rsa && g_inert_ec && engine_);
        ASSERT_EQ(ENGINE_set_id(engine_, "craton-test-inert"), 1);
        ASSERT_EQ(ENGINE_set_name(engine_, "inert RSA/EC key methods"), 1);
        ASSERT_EQ(ENGINE_set_pkey_meths(engine_, inert_pkey_meths), 1);
        ASSERT_EQ(ENGINE_set_default_pkey_meths(engine_), 1);
    }
    void TearDown() override {
        ENGINE_unregister_pkey_meths(engine_);
        // The last ENGINE_free also frees the key methods the engine lists.
        ENGINE_free(engine_);
        g_inert_rsa = g_inert_ec = nullptr;
    }

  private:
    ENGINE* engine_ = nullptr;
};

Pkey generate(const char* type, const OSSL_PARAM* params) {
    Ctx ctx(EVP_PKEY_CTX_new_from_name(openssl_libctx(), type, nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_params(ctx.get(), params) != 1 ||
        EVP_PKEY_generate(ctx.get(), &key) != 1) {
        return nullptr;
    }
    return Pkey(key);
}

Pkey p256(const char* type) {
    char group[] = "P-256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
        OSSL_PARAM_construct_end()};
    return generate(type, params);
}

bool sign_and_verify(EVP_PKEY* key, bool pss) {
    static constexpr std::array<unsigned char, 5> kMessage = {'c', 'r', 'a', 't', 'n'};
    MdCtx sign(EVP_MD_CTX_new()), verify(EVP_MD_CTX_new());
    EVP_PKEY_CTX *sp = nullptr, *vp = nullptr;
    if (!sign || !verify ||
        EVP_DigestSignInit_ex(sign.get(), &sp, "SHA2-256", openssl_libctx(), nullptr, key,
                              nullptr) != 1 ||
        EVP_DigestVerifyInit_ex(verify.get(), &vp, "SHA2-256", openssl_libctx(), nullptr, key,
                                nullptr) != 1) {
        return false;
    }
    if (pss) {
        for (EVP_PKEY_CTX* p : {sp, vp}) {
            if (!mech::rsa::set_padding(p, RSA_PKCS1_PSS_PADDING) ||
                !mech::rsa::set_pss(p, EVP_sha256(), RSA_PSS_SALTLEN_DIGEST)) {
                return false;
            }
        }
    }
    std::array<unsigned char, 512> sig{};
    std::size_t len = sig.size();
    return EVP_DigestSign(sign.get(), sig.data(), &len, kMessage.data(), kMessage.size()) == 1 &&
           EVP_DigestVerify(verify.get(), sig.data(), len, kMessage.data(), kMessage.size()) == 1;
}

TEST_F(EngineDefaultTest, StandardTypesMeetTheEngine) {
    // "EC" maps to a NID: the engine's inert method is used and key generation fails.
    EXPECT_FALSE(p256("EC"));
    // The OID form creates the key without the engine, but the key then reports "EC".
    Pkey standard = p256(kStandardEcKeyType);
    ASSERT_TRUE(standard);
    EXPECT_FALSE(sign_and_verify(standard.get(), false));
}

TEST_F(EngineDefaultTest, ModuleEcKeysSignAndDerive) {
    Pkey key = p256(kEcKeyType);
    ASSERT_TRUE(key);
    EXPECT_TRUE(sign_and_verify(key.get(), false));

    Pkey peer = p256(kEcKeyType);
    ASSERT_TRUE(peer);
    Ctx ctx(EVP_PKEY_CTX_new_from_pkey(openssl_libctx(), key.get(), nullptr));
    std::array<unsigned char, 32> z{};
    std::size_t len = z.size();
    EXPECT_TRUE(ctx && EVP_PKEY_derive_init(ctx.get()) == 1 &&
                EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) == 1 &&
                EVP_PKEY_derive(ctx.get(), z.data(), &len) == 1 && len == z.size());
}

TEST_F(EngineDefaultTest, ModuleRsaKeysSignWithPss) {
    const Pkey key = [] {
        BIGNUM* e = BN_new();
        Pkey k;
        if (e != nullptr && BN_set_word(e, RSA_F4) == 1) {
            Ctx ctx(EVP_PKEY_CTX_new_from_name(openssl_libctx(), kRsaKeyType, nullptr));
            EVP_PKEY* raw = nullptr;
            if (ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
                mech::rsa::set_keygen(ctx.get(), 2048, e) &&
                EVP_PKEY_generate(ctx.get(), &raw) == 1) {
                k.reset(raw);
            }
        }
        BN_free(e);
        return k;
    }();
    ASSERT_TRUE(key);
    EXPECT_TRUE(sign_and_verify(key.get(), true));
}

TEST_F(EngineDefaultTest, RetypedKeysEncode) {
    Pkey key = p256(kEcKeyType);
    ASSERT_TRUE(key);
    // OpenSSL's encoders know the standard type only; the retyped key encodes.
    Pkey standard(mech::retype(key.get(), kStandardEcKeyType, EVP_PKEY_PUBLIC_KEY));
    ASSERT_TRUE(standard);
    EXPECT_GT(i2d_PUBKEY(standard.get(), nullptr), 0);
    Pkey back(mech::retype(standard.get(), kEcKeyType, EVP_PKEY_PUBLIC_KEY));
    EXPECT_TRUE(back);
}

}  // namespace
}  // namespace craton::rng
