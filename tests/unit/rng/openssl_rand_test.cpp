// OpenSSL's internal randomness in the module's library context comes from our DRBG: RAND
// calls, RSA/EC/Ed25519 key generation and ECDSA signing all show up as DRBG requests, and a
// module in the error state makes them fail instead of falling back to another source.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "mech/ec_key.h"
#include "rng/openssl_rand.h"
#include "rng/random.h"
#include "selftest/module_state.h"

namespace craton::rng {
namespace {

// The module's own owning pointers for OpenSSL objects.
using Pkey = mech::ec::PkeyPtr;
using Ctx = mech::ec::PkeyCtxPtr;

Pkey keygen(const char* name, int rsa_bits = 0, const char* group = nullptr) {
    Ctx ctx(EVP_PKEY_CTX_new_from_name(openssl_libctx(), name, nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) return nullptr;
    if (rsa_bits != 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), rsa_bits) != 1) return nullptr;
    if (group != nullptr && EVP_PKEY_CTX_set_group_name(ctx.get(), group) != 1) return nullptr;
    EVP_PKEY* p = nullptr;
    if (EVP_PKEY_keygen(ctx.get(), &p) != 1) return nullptr;
    return Pkey(p);
}

TEST(OpenSslRand, RandBytesDrawsFromModuleDrbg) {
    unsigned char buf[48];
    const auto before = generate_requests();
    ASSERT_EQ(RAND_bytes_ex(openssl_libctx(), buf, sizeof buf, 0), 1);
    ASSERT_EQ(RAND_priv_bytes_ex(openssl_libctx(), buf, sizeof buf, 0), 1);
    EXPECT_GE(generate_requests() - before, 2u);
}

TEST(OpenSslRand, KeyGenerationDrawsFromModuleDrbg) {
    for (auto [name, bits, group] :
         {std::tuple{"RSA", 2048, (const char*)nullptr}, std::tuple{"EC", 0, "P-256"},
          std::tuple{"ED25519", 0, (const char*)nullptr}}) {
        const auto before = generate_requests();
        Pkey key = keygen(name, bits, group);
        ASSERT_TRUE(key) << name;
        EXPECT_GT(generate_requests(), before) << name << " key generation bypassed our DRBG";
    }
}

TEST(OpenSslRand, EcdsaNonceDrawsFromModuleDrbg) {
    Pkey key = keygen("EC", 0, "P-256");
    ASSERT_TRUE(key);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    ASSERT_EQ(EVP_DigestSignInit_ex(md.get(), nullptr, "SHA256", openssl_libctx(), nullptr,
                                    key.get(), nullptr),
              1);
    unsigned char sig[80];
    size_t len = sizeof sig;
    const unsigned char msg[] = "abc";
    const auto before = generate_requests();
    ASSERT_EQ(EVP_DigestSign(md.get(), sig, &len, msg, 3), 1);
    EXPECT_GT(generate_requests(), before);
}

TEST(OpenSslRandDeathTest, ErrorStateStopsOpenSslRandomness) {
    unsigned char buf[16];
    ASSERT_EQ(RAND_bytes_ex(openssl_libctx(), buf, sizeof buf, 0), 1);
    EXPECT_EXIT(
        {
            selftest::enter_error_state("test");
            const bool refused = RAND_bytes_ex(openssl_libctx(), buf, sizeof buf, 0) != 1;
            const bool keygen_refused = !keygen("EC", 0, "P-256");
            std::exit(refused && keygen_refused ? 0 : 1);
        },
        testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace craton::rng
