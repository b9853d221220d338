// Pairwise consistency tests: consistent pairs of every kind pass; an inconsistent pair (or
// the test-build switch) latches the error state and throws CKR_GENERAL_ERROR. Failures run
// in death-test children because the latch is process-wide.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "core/error.h"
#include "rng/openssl_rand.h"
#include "selftest/module_state.h"
#include "selftest/pairwise.h"

namespace craton::selftest {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey generate(const char* name, const char* group = nullptr, int bits = 0) {
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_name(rng::openssl_libctx(), name, nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) return nullptr;
    if (group != nullptr && EVP_PKEY_CTX_set_group_name(ctx.get(), group) != 1) return nullptr;
    if (bits != 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1) return nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) != 1) return nullptr;
    return Pkey(key);
}

// Exit code 0 when `body` throws CKR_GENERAL_ERROR and the module is then in the error state.
template <class F>
int fails_into_error_state(F&& body) {
    try {
        body();
        return 1;
    } catch (const Pkcs11Error& e) {
        if (e.rv() != CKR_GENERAL_ERROR) return 2;
    }
    return in_error_state() ? 0 : 3;
}

TEST(Pairwise, ConsistentEvpKeysPass) {
    Pkey rsa = generate("RSA", nullptr, 2048), ec = generate("EC", "P-256"),
         ed = generate("ED25519"), x = generate("X25519");
    ASSERT_TRUE(rsa && ec && ed && x);
    EXPECT_NO_THROW(pairwise_check_signature("RSA", rsa.get()));
    EXPECT_NO_THROW(pairwise_check_signature("EC", ec.get()));
    EXPECT_NO_THROW(pairwise_check_signature("Ed25519", ed.get(), nullptr));
    EXPECT_NO_THROW(pairwise_check_key_agreement("X25519", x.get()));
    EXPECT_NO_THROW(pairwise_check_key_agreement("ECDH", ec.get()));
    EXPECT_FALSE(in_error_state());
}

TEST(Pairwise, ConsistentCallablesPass) {
    EXPECT_NO_THROW(pairwise_check_signature(
        "toy", [](ByteSpan m) { return Bytes(m.begin(), m.end()); },
        [](ByteSpan m, ByteSpan s) {
            return Bytes(m.begin(), m.end()) == Bytes(s.begin(), s.end());
        }));
    EXPECT_NO_THROW(pairwise_check_kem(
        "toy",
        [] {
            return std::pair<Bytes, Bytes>{Bytes{1, 2}, Bytes{9, 9}};
        },
        [](ByteSpan) {
            return Bytes{9, 9};
        }));
    EXPECT_FALSE(in_error_state());
}

TEST(PairwiseDeathTest, MismatchedSignatureKeyEntersErrorState) {
    // A signature made by one key does not verify under another: the inconsistent "pair".
    EXPECT_EXIT(
        std::exit(fails_into_error_state([] {
            Pkey a = generate("EC", "P-256"), b = generate("EC", "P-256");
            pairwise_check_signature(
                "EC",
                [&](ByteSpan m) {
                    Bytes sig(80);
                    std::size_t n = sig.size();
                    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> c(EVP_MD_CTX_new(),
                                                                              EVP_MD_CTX_free);
                    EVP_DigestSignInit_ex(c.get(), nullptr, "SHA2-256", rng::openssl_libctx(),
                                          nullptr, a.get(), nullptr);
                    EVP_DigestSign(c.get(), sig.data(), &n, m.data(), m.size());
                    sig.resize(n);
                    return sig;
                },
                [&](ByteSpan m, ByteSpan s) {
                    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> c(EVP_MD_CTX_new(),
                                                                              EVP_MD_CTX_free);
                    EVP_DigestVerifyInit_ex(c.get(), nullptr, "SHA2-256", rng::openssl_libctx(),
                                            nullptr, b.get(), nullptr);
                    return EVP_DigestVerify(c.get(), s.data(), s.size(), m.data(), m.size()) == 1;
                });
        })),
        testing::ExitedWithCode(0), "");
}

TEST(PairwiseDeathTest, KemSecretMismatchEntersErrorState) {
    EXPECT_EXIT(std::exit(fails_into_error_state([] {
                    pairwise_check_kem(
                        "toy",
                        [] {
                            return std::pair<Bytes, Bytes>{Bytes{1}, Bytes{1, 2, 3}};
                        },
                        [](ByteSpan) {
                            return Bytes{1, 2, 4};
                        });
                })),
                testing::ExitedWithCode(0), "");
}

TEST(PairwiseDeathTest, ThrowingAlgorithmEntersErrorState) {
    EXPECT_EXIT(std::exit(fails_into_error_state([] {
                    pairwise_check_signature(
                        "toy", [](ByteSpan) -> Bytes { throw std::invalid_argument("bad key"); },
                        [](ByteSpan, ByteSpan) { return true; });
                })),
                testing::ExitedWithCode(0), "");
}

#ifdef CRATON_TEST_HOOKS
TEST(PairwiseDeathTest, SwitchFailsAConsistentPair) {
    EXPECT_EXIT(
        {
            setenv("CRATON_SELFTEST_CORRUPT", "pairwise", 1);
            std::exit(fails_into_error_state([] {
                Pkey ec = generate("EC", "P-256");
                pairwise_check_signature("EC", ec.get());
            }));
        },
        testing::ExitedWithCode(0), "");
}
#endif

}  // namespace
}  // namespace craton::selftest
