// SLH-DSA public interface: sizes, argument checking, malformed input, domain separation and
// the pre-hash functions. Signing runs on the fast sets only (SHA2-128f, SHAKE-128f).
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "pqc/slhdsa/slhdsa.h"

namespace {

namespace slh = craton::pqc::slhdsa;
using slh::ParameterSet;
using Bytes = std::vector<std::uint8_t>;

struct KeyPair {
    Bytes sk;
    Bytes pk;
};

KeyPair make_keys(ParameterSet set, std::uint8_t fill = 0x42) {
    const auto sizes = slh::sizes(set);
    Bytes seed(sizes.n, fill);
    KeyPair keys{Bytes(sizes.secret_key), Bytes(sizes.public_key)};
    Bytes prf(sizes.n, static_cast<std::uint8_t>(fill + 1));
    Bytes pk_seed(sizes.n, static_cast<std::uint8_t>(fill + 2));
    slh::slh_keygen_internal(set, seed, prf, pk_seed, keys.sk, keys.pk);
    return keys;
}

const Bytes kMessage = {'c', 'r', 'a', 't', 'o', 'n'};

class SlhDsaFastSets : public ::testing::TestWithParam<ParameterSet> {};

INSTANTIATE_TEST_SUITE_P(Fast, SlhDsaFastSets,
                         ::testing::Values(ParameterSet::kSha2_128f, ParameterSet::kShake_128f),
                         [](const auto& param_info) {
                             return param_info.param == ParameterSet::kSha2_128f
                                        ? std::string("Sha2_128f")
                                        : std::string("Shake_128f");
                         });

TEST(SlhDsaApi, SizesMatchFips205Table2AndPkcs11Order) {
    struct Row {
        const char* name;
        std::size_t n, pk, sig;
    };
    // FIPS 205 Table 2, listed in CKP_SLH_DSA_* order (1..12).
    const std::array<Row, 12> table = {{
        {"SLH-DSA-SHA2-128s", 16, 32, 7856},
        {"SLH-DSA-SHAKE-128s", 16, 32, 7856},
        {"SLH-DSA-SHA2-128f", 16, 32, 17088},
        {"SLH-DSA-SHAKE-128f", 16, 32, 17088},
        {"SLH-DSA-SHA2-192s", 24, 48, 16224},
        {"SLH-DSA-SHAKE-192s", 24, 48, 16224},
        {"SLH-DSA-SHA2-192f", 24, 48, 35664},
        {"SLH-DSA-SHAKE-192f", 24, 48, 35664},
        {"SLH-DSA-SHA2-256s", 32, 64, 29792},
        {"SLH-DSA-SHAKE-256s", 32, 64, 29792},
        {"SLH-DSA-SHA2-256f", 32, 64, 49856},
        {"SLH-DSA-SHAKE-256f", 32, 64, 49856},
    }};
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto set = static_cast<ParameterSet>(i + 1);
        SCOPED_TRACE(table[i].name);
        const auto sizes = slh::sizes(set);
        EXPECT_EQ(sizes.n, table[i].n);
        EXPECT_EQ(sizes.public_key, table[i].pk);
        EXPECT_EQ(sizes.secret_key, 2 * table[i].pk);
        EXPECT_EQ(sizes.signature, table[i].sig);
        EXPECT_EQ(slh::name(set), table[i].name);
        EXPECT_EQ(slh::parameter_set_from_name(table[i].name), set);
    }
    EXPECT_FALSE(slh::parameter_set_from_name("SLH-DSA-SHA2-128x").has_value());
    EXPECT_THROW(slh::sizes(static_cast<ParameterSet>(0)), std::invalid_argument);
    EXPECT_THROW(slh::sizes(static_cast<ParameterSet>(13)), std::invalid_argument);
}

TEST(SlhDsaApi, WrongLengthsThrow) {
    const auto set = ParameterSet::kSha2_128f;
    const auto sizes = slh::sizes(set);
    const Bytes seed(sizes.n, 1);
    const Bytes short_seed(sizes.n - 1, 1);
    Bytes sk(sizes.secret_key);
    Bytes pk(sizes.public_key);
    Bytes small(sizes.public_key - 1);
    EXPECT_THROW(slh::slh_keygen_internal(set, short_seed, seed, seed, sk, pk),
                 std::invalid_argument);
    EXPECT_THROW(slh::slh_keygen_internal(set, seed, short_seed, seed, sk, pk),
                 std::invalid_argument);
    EXPECT_THROW(slh::slh_keygen_internal(set, seed, seed, short_seed, sk, pk),
                 std::invalid_argument);
    EXPECT_THROW(slh::slh_keygen_internal(set, seed, seed, seed, sk, small), std::invalid_argument);
    EXPECT_THROW(slh::slh_keygen_internal(set, seed, seed, seed, small, pk), std::invalid_argument);

    const KeyPair keys = make_keys(set);
    Bytes sig(sizes.signature);
    Bytes short_sig(sizes.signature - 1);
    const Bytes bad_sk(keys.sk.begin(), keys.sk.end() - 1);
    EXPECT_THROW(slh::slh_sign_internal(set, kMessage, bad_sk, std::nullopt, sig),
                 std::invalid_argument);
    EXPECT_THROW(slh::slh_sign_internal(set, kMessage, keys.sk, std::nullopt, short_sig),
                 std::invalid_argument);
    const Bytes bad_rnd(sizes.n + 1, 0);
    EXPECT_THROW(slh::slh_sign(set, kMessage, {}, keys.sk, slh::ByteSpan(bad_rnd), sig),
                 std::invalid_argument);
    const Bytes long_context(256, 0);
    EXPECT_THROW(slh::slh_sign(set, kMessage, long_context, keys.sk, std::nullopt, sig),
                 std::invalid_argument);
    EXPECT_THROW(slh::hash_slh_sign(set, kMessage, long_context, slh::PreHash::kSha2_256, keys.sk,
                                    std::nullopt, sig),
                 std::invalid_argument);
    const Bytes wrong_digest(31, 0);
    EXPECT_THROW(slh::hash_slh_sign_digest(set, wrong_digest, {}, slh::PreHash::kSha2_256, keys.sk,
                                           std::nullopt, sig),
                 std::invalid_argument);
    EXPECT_THROW(
        slh::hash_slh_verify_digest(set, wrong_digest, sig, {}, slh::PreHash::kSha2_256, keys.pk),
        std::invalid_argument);
    const Bytes bad_pk(keys.pk.begin(), keys.pk.end() - 1);
    EXPECT_THROW(slh::slh_verify(set, kMessage, sig, {}, bad_pk), std::invalid_argument);
    EXPECT_THROW(slh::slh_verify_internal(set, kMessage, sig, bad_pk), std::invalid_argument);
    EXPECT_THROW(slh::prehash_digest_bytes(static_cast<slh::PreHash>(12)), std::invalid_argument);
}

TEST_P(SlhDsaFastSets, MalformedSignaturesVerifyFalse) {
    const auto set = GetParam();
    const auto sizes = slh::sizes(set);
    const KeyPair keys = make_keys(set);
    const Bytes sig = slh::slh_sign(set, kMessage, {}, keys.sk, std::nullopt);
    ASSERT_TRUE(slh::slh_verify(set, kMessage, sig, {}, keys.pk));

    EXPECT_FALSE(slh::slh_verify(set, kMessage, {}, {}, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, Bytes(sig.begin(), sig.end() - 1), {}, keys.pk));
    Bytes longer = sig;
    longer.push_back(0);
    EXPECT_FALSE(slh::slh_verify(set, kMessage, longer, {}, keys.pk));
    // All-ones and all-zero bodies drive every index and chain length to its extreme.
    EXPECT_FALSE(slh::slh_verify(set, kMessage, Bytes(sizes.signature, 0xFF), {}, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, Bytes(sizes.signature, 0x00), {}, keys.pk));
    // One flipped bit in each region: R, the FORS signature, the hypertree signature.
    for (const std::size_t byte : {std::size_t{0}, sizes.n + 5, sizes.signature - 1}) {
        Bytes tampered = sig;
        tampered[byte] ^= 0x01;
        EXPECT_FALSE(slh::slh_verify(set, kMessage, tampered, {}, keys.pk)) << "byte " << byte;
    }
    // A key whose root differs rejects the signature.
    Bytes other_pk = keys.pk;
    other_pk.back() ^= 0x80;
    EXPECT_FALSE(slh::slh_verify(set, kMessage, sig, {}, other_pk));
}

TEST_P(SlhDsaFastSets, DomainSeparationBetweenInterfacesAndContexts) {
    const auto set = GetParam();
    const KeyPair keys = make_keys(set);
    const Bytes context = {1, 2, 3};
    const Bytes pure = slh::slh_sign(set, kMessage, context, keys.sk, std::nullopt);
    EXPECT_TRUE(slh::slh_verify(set, kMessage, pure, context, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, pure, {}, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, pure, Bytes{1, 2, 4}, keys.pk));
    EXPECT_FALSE(slh::slh_verify_internal(set, kMessage, pure, keys.pk));
    EXPECT_FALSE(
        slh::hash_slh_verify(set, kMessage, pure, context, slh::PreHash::kSha2_256, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, pure, Bytes(256, 0), keys.pk));

    const Bytes hashed =
        slh::hash_slh_sign(set, kMessage, context, slh::PreHash::kSha2_256, keys.sk, std::nullopt);
    EXPECT_TRUE(
        slh::hash_slh_verify(set, kMessage, hashed, context, slh::PreHash::kSha2_256, keys.pk));
    EXPECT_FALSE(
        slh::hash_slh_verify(set, kMessage, hashed, context, slh::PreHash::kSha2_512, keys.pk));
    EXPECT_FALSE(
        slh::hash_slh_verify(set, kMessage, hashed, context, slh::PreHash::kSha3_256, keys.pk));
    EXPECT_FALSE(slh::slh_verify(set, kMessage, hashed, context, keys.pk));

    // Internal interface: M' = 0x00 || |ctx| || ctx || M signed directly is the pure signature.
    Bytes formatted = {0x00, static_cast<std::uint8_t>(context.size())};
    formatted.insert(formatted.end(), context.begin(), context.end());
    formatted.insert(formatted.end(), kMessage.begin(), kMessage.end());
    Bytes internal(slh::sizes(set).signature);
    slh::slh_sign_internal(set, formatted, keys.sk, std::nullopt, internal);
    EXPECT_EQ(internal, pure);
}

TEST_P(SlhDsaFastSets, DigestEntryPointsMatchHashingEntryPoints) {
    const auto set = GetParam();
    const KeyPair keys = make_keys(set);
    const Bytes addrnd(slh::sizes(set).n, 0x5A);
    for (const auto ph : {slh::PreHash::kSha2_384, slh::PreHash::kShake128}) {
        Bytes digest(slh::prehash_digest_bytes(ph));
        slh::prehash_digest(ph, kMessage, digest.data());
        Bytes from_digest(slh::sizes(set).signature);
        slh::hash_slh_sign_digest(set, digest, {}, ph, keys.sk, slh::ByteSpan(addrnd), from_digest);
        EXPECT_EQ(slh::hash_slh_sign(set, kMessage, {}, ph, keys.sk, slh::ByteSpan(addrnd)),
                  from_digest);
        EXPECT_TRUE(slh::hash_slh_verify_digest(set, digest, from_digest, {}, ph, keys.pk));
        digest[0] ^= 1;
        EXPECT_FALSE(slh::hash_slh_verify_digest(set, digest, from_digest, {}, ph, keys.pk));
    }
}

TEST_P(SlhDsaFastSets, HedgedSigningDependsOnAddrnd) {
    const auto set = GetParam();
    const auto n = slh::sizes(set).n;
    const KeyPair keys = make_keys(set);
    const Bytes rnd1(n, 1);
    const Bytes rnd2(n, 2);
    const Bytes sig1 = slh::slh_sign(set, kMessage, {}, keys.sk, slh::ByteSpan(rnd1));
    const Bytes sig2 = slh::slh_sign(set, kMessage, {}, keys.sk, slh::ByteSpan(rnd2));
    const Bytes deterministic = slh::slh_sign(set, kMessage, {}, keys.sk, std::nullopt);
    EXPECT_NE(sig1, sig2);
    EXPECT_NE(sig1, deterministic);
    EXPECT_EQ(slh::slh_sign(set, kMessage, {}, keys.sk, slh::ByteSpan(rnd1)), sig1);
    // Deterministic signing is hedged signing with opt_rand = PK.seed (FIPS 205 Alg. 19).
    const Bytes pk_seed(keys.pk.begin(), keys.pk.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(slh::slh_sign(set, kMessage, {}, keys.sk, slh::ByteSpan(pk_seed)), deterministic);
    EXPECT_TRUE(slh::slh_verify(set, kMessage, sig1, {}, keys.pk));
    EXPECT_TRUE(slh::slh_verify(set, kMessage, sig2, {}, keys.pk));
}

TEST(SlhDsaApi, KeyGenOutputMayAliasSeeds) {
    const auto set = ParameterSet::kShake_128f;
    const auto n = slh::sizes(set).n;
    const KeyPair expected = make_keys(set, 0x10);
    // sk buffer pre-filled with the seeds it is generated from.
    Bytes sk(4 * n);
    std::fill(sk.begin(), sk.begin() + static_cast<std::ptrdiff_t>(n), 0x10);
    std::fill(sk.begin() + static_cast<std::ptrdiff_t>(n),
              sk.begin() + static_cast<std::ptrdiff_t>(2 * n), 0x11);
    std::fill(sk.begin() + static_cast<std::ptrdiff_t>(2 * n),
              sk.begin() + static_cast<std::ptrdiff_t>(3 * n), 0x12);
    Bytes pk(2 * n);
    const slh::ByteSpan whole(sk);
    slh::slh_keygen_internal(set, whole.subspan(0, n), whole.subspan(n, n), whole.subspan(2 * n, n),
                             sk, pk);
    EXPECT_EQ(sk, expected.sk);
    EXPECT_EQ(pk, expected.pk);
}

TEST(SlhDsaApi, PreHashDigestsAndOidsMatchOpenSsl) {
    struct Row {
        slh::PreHash ph;
        const char* acvp_name;
        const char* openssl_name;
        std::size_t bytes;
        std::uint8_t oid_last;
    };
    const Row rows[] = {
        {slh::PreHash::kSha2_224, "SHA2-224", "SHA224", 28, 0x04},
        {slh::PreHash::kSha2_256, "SHA2-256", "SHA256", 32, 0x01},
        {slh::PreHash::kSha2_384, "SHA2-384", "SHA384", 48, 0x02},
        {slh::PreHash::kSha2_512, "SHA2-512", "SHA512", 64, 0x03},
        {slh::PreHash::kSha2_512_224, "SHA2-512/224", "SHA512-224", 28, 0x05},
        {slh::PreHash::kSha2_512_256, "SHA2-512/256", "SHA512-256", 32, 0x06},
        {slh::PreHash::kSha3_224, "SHA3-224", "SHA3-224", 28, 0x07},
        {slh::PreHash::kSha3_256, "SHA3-256", "SHA3-256", 32, 0x08},
        {slh::PreHash::kSha3_384, "SHA3-384", "SHA3-384", 48, 0x09},
        {slh::PreHash::kSha3_512, "SHA3-512", "SHA3-512", 64, 0x0A},
        {slh::PreHash::kShake128, "SHAKE-128", "SHAKE128", 32, 0x0B},
        {slh::PreHash::kShake256, "SHAKE-256", "SHAKE256", 64, 0x0C},
    };
    Bytes message(300);
    for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i * 7);
    for (const Row& row : rows) {
        SCOPED_TRACE(row.acvp_name);
        EXPECT_EQ(slh::prehash_from_name(row.acvp_name), row.ph);
        EXPECT_EQ(slh::prehash_digest_bytes(row.ph), row.bytes);
        const auto oid = slh::prehash_oid(row.ph);
        const std::array<std::uint8_t, 11> want = {0x06, 0x09, 0x60, 0x86, 0x48,        0x01,
                                                   0x65, 0x03, 0x04, 0x02, row.oid_last};
        EXPECT_TRUE(std::equal(oid.begin(), oid.end(), want.begin()));

        Bytes ours(row.bytes);
        slh::prehash_digest(row.ph, message, ours.data());
        Bytes theirs(row.bytes);
        EVP_MD* md = EVP_MD_fetch(nullptr, row.openssl_name, nullptr);
        ASSERT_NE(md, nullptr);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ASSERT_EQ(EVP_DigestInit_ex(ctx, md, nullptr), 1);
        ASSERT_EQ(EVP_DigestUpdate(ctx, message.data(), message.size()), 1);
        if (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) {
            ASSERT_EQ(EVP_DigestFinalXOF(ctx, theirs.data(), theirs.size()), 1);
        } else {
            unsigned int len = 0;
            ASSERT_EQ(EVP_DigestFinal_ex(ctx, theirs.data(), &len), 1);
            ASSERT_EQ(len, row.bytes);
        }
        EVP_MD_CTX_free(ctx);
        EVP_MD_free(md);
        EXPECT_EQ(ours, theirs);
    }
    EXPECT_FALSE(slh::prehash_from_name("SHA-1").has_value());
}

}  // namespace
