// ML-DSA public API: round trips for all parameter sets, the equivalences between the
// interfaces (one-shot vs key objects, multi-part mu vs one-shot, digest vs message
// pre-hashing), the error model, and malformed signatures that must fail without crashing.
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "pqc/mldsa/mldsa.h"
#include "pqc/mldsa/packing.h"

namespace {

using namespace craton::pqc;
using Bytes = std::vector<std::uint8_t>;

constexpr MlDsaParameterSet kAllSets[] = {MlDsaParameterSet::kMlDsa44, MlDsaParameterSet::kMlDsa65,
                                          MlDsaParameterSet::kMlDsa87};
constexpr MlDsaPreHash kAllPreHashes[] = {
    MlDsaPreHash::kSha224,   MlDsaPreHash::kSha256,     MlDsaPreHash::kSha384,
    MlDsaPreHash::kSha512,   MlDsaPreHash::kSha512_224, MlDsaPreHash::kSha512_256,
    MlDsaPreHash::kSha3_224, MlDsaPreHash::kSha3_256,   MlDsaPreHash::kSha3_384,
    MlDsaPreHash::kSha3_512, MlDsaPreHash::kShake128,   MlDsaPreHash::kShake256};

Bytes pattern(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    std::iota(b.begin(), b.end(), start);
    return b;
}

struct KeyPair {
    Bytes pk, sk;
};

KeyPair make_keys(MlDsaParameterSet ps, std::uint8_t seed_byte) {
    const auto sizes = mldsa_sizes(ps);
    KeyPair kp{Bytes(sizes.public_key), Bytes(sizes.secret_key)};
    mldsa_keygen_internal(ps, Bytes(32, seed_byte), kp.pk, kp.sk);
    return kp;
}

class MlDsaApi : public ::testing::TestWithParam<MlDsaParameterSet> {};

INSTANTIATE_TEST_SUITE_P(AllSets, MlDsaApi, ::testing::ValuesIn(kAllSets));

TEST_P(MlDsaApi, SignVerifyRoundTripsAndInterfacesAgree) {
    const auto ps = GetParam();
    const auto kp = make_keys(ps, 0x42);
    const MlDsaPrivateKey sk(ps, kp.sk);
    const MlDsaPublicKey pk(ps, kp.pk);
    ASSERT_EQ(Bytes(sk.tr().begin(), sk.tr().end()), Bytes(pk.tr().begin(), pk.tr().end()));
    const Bytes msg = pattern(1000, 1), ctx = pattern(17, 9), zeros(32, 0), rnd = pattern(32, 77);
    Bytes sig(mldsa_sizes(ps).signature), sig2(sig.size());

    // Pure ML-DSA, deterministic: object and one-shot forms give the same bytes.
    sk.sign(msg, ctx, zeros, sig);
    EXPECT_TRUE(pk.verify(msg, ctx, sig));
    mldsa_sign(ps, kp.sk, msg, ctx, zeros, sig2);
    EXPECT_EQ(sig, sig2);
    EXPECT_TRUE(mldsa_verify(ps, kp.pk, msg, ctx, sig));
    EXPECT_FALSE(pk.verify(msg, pattern(17, 10), sig));  // other context
    EXPECT_FALSE(pk.verify(msg, {}, sig));
    Bytes other_msg = msg;
    other_msg[500] ^= 1;
    EXPECT_FALSE(pk.verify(other_msg, ctx, sig));

    // Same as Sign_internal on M' = 0 || len || ctx || M, and as signing the builder's mu.
    Bytes m_prime = {0, static_cast<std::uint8_t>(ctx.size())};
    m_prime.insert(m_prime.end(), ctx.begin(), ctx.end());
    m_prime.insert(m_prime.end(), msg.begin(), msg.end());
    sk.sign_internal(m_prime, zeros, sig2);
    EXPECT_EQ(sig, sig2);
    EXPECT_TRUE(pk.verify_internal(m_prime, sig));
    EXPECT_TRUE(mldsa_verify_internal(ps, kp.pk, m_prime, sig));
    auto builder = MlDsaMuBuilder::pure(sk.tr(), ctx);
    for (std::size_t off = 0; off < msg.size(); off += 97) {  // multi-part, uneven chunks
        builder.update(std::span(msg).subspan(off, std::min<std::size_t>(97, msg.size() - off)));
    }
    const auto mu = builder.finish();
    sk.sign_mu(mu, zeros, sig2);
    EXPECT_EQ(sig, sig2);
    EXPECT_TRUE(pk.verify_mu(mu, sig));
    mldsa_sign_mu(ps, kp.sk, mu, zeros, sig2);
    EXPECT_EQ(sig, sig2);
    EXPECT_TRUE(mldsa_verify_mu(ps, kp.pk, mu, sig));

    // Hedged signing: a different signature that still verifies; repeatable for equal rnd.
    sk.sign(msg, ctx, rnd, sig2);
    EXPECT_NE(sig, sig2);
    EXPECT_TRUE(pk.verify(msg, ctx, sig2));
    Bytes sig3(sig.size());
    sk.sign(msg, ctx, rnd, sig3);
    EXPECT_EQ(sig2, sig3);

    // A key from the seed signs identically to one decoded from sk.
    const auto from_seed = MlDsaPrivateKey::from_seed(ps, Bytes(32, 0x42));
    from_seed.sign(msg, ctx, zeros, sig2);
    EXPECT_EQ(sig, sig2);

    // A different key pair does not verify it.
    const auto other = make_keys(ps, 0x43);
    EXPECT_FALSE(mldsa_verify(ps, other.pk, msg, ctx, sig));
}

TEST_P(MlDsaApi, HashMlDsaAllPreHashFunctions) {
    const auto ps = GetParam();
    const auto kp = make_keys(ps, 7);
    const MlDsaPrivateKey sk(ps, kp.sk);
    const MlDsaPublicKey pk(ps, kp.pk);
    const Bytes msg = pattern(300, 3), ctx = pattern(5, 1), rnd(32, 0);
    Bytes pure_sig(mldsa_sizes(ps).signature);
    sk.sign(msg, ctx, rnd, pure_sig);
    for (const auto ph : kAllPreHashes) {
        SCOPED_TRACE(static_cast<int>(ph));
        Bytes sig(mldsa_sizes(ps).signature), sig2(sig.size());
        sk.sign_hash(ph, msg, ctx, rnd, sig);
        EXPECT_TRUE(pk.verify_hash(ph, msg, ctx, sig));
        EXPECT_NE(sig, pure_sig);  // domain separated from pure ML-DSA
        EXPECT_FALSE(pk.verify(msg, ctx, sig));

        // Caller-supplied digest, computed incrementally.
        MlDsaPreHasher hasher(ph);
        hasher.update(std::span(msg).first(100));
        hasher.update(std::span(msg).subspan(100));
        Bytes digest(hasher.digest_size());
        hasher.finish(digest);
        sk.sign_prehashed(ph, digest, ctx, rnd, sig2);
        EXPECT_EQ(sig, sig2);
        EXPECT_TRUE(pk.verify_prehashed(ph, digest, ctx, sig));
        hash_mldsa_sign_prehashed(ps, kp.sk, ph, digest, ctx, rnd, sig2);
        EXPECT_EQ(sig, sig2);
        hash_mldsa_sign(ps, kp.sk, ph, msg, ctx, rnd, sig2);
        EXPECT_EQ(sig, sig2);
        EXPECT_TRUE(hash_mldsa_verify(ps, kp.pk, ph, msg, ctx, sig));
        EXPECT_TRUE(hash_mldsa_verify_prehashed(ps, kp.pk, ph, digest, ctx, sig));

        // The right M' for Sign_internal: 1 || len || ctx || OID || PH(M).
        Bytes m_prime = {1, static_cast<std::uint8_t>(ctx.size())};
        m_prime.insert(m_prime.end(), ctx.begin(), ctx.end());
        const auto oid = mldsa_prehash_oid(ph);
        m_prime.insert(m_prime.end(), oid.begin(), oid.end());
        m_prime.insert(m_prime.end(), digest.begin(), digest.end());
        sk.sign_internal(m_prime, rnd, sig2);
        EXPECT_EQ(sig, sig2);

        Bytes wrong_digest = digest;
        wrong_digest[0] ^= 0x80;
        EXPECT_FALSE(pk.verify_prehashed(ph, wrong_digest, ctx, sig));
        EXPECT_THROW(sk.sign_prehashed(ph, Bytes(digest.size() + 1), ctx, rnd, sig2),
                     std::invalid_argument);
        EXPECT_THROW((void)pk.verify_prehashed(ph, Bytes(digest.size() - 1), ctx, sig),
                     std::invalid_argument);
    }
}

TEST_P(MlDsaApi, ContextLengthLimits) {
    const auto ps = GetParam();
    const auto kp = make_keys(ps, 9);
    const MlDsaPrivateKey sk(ps, kp.sk);
    const MlDsaPublicKey pk(ps, kp.pk);
    const Bytes msg = pattern(10, 0), rnd(32, 0);
    Bytes sig(mldsa_sizes(ps).signature);
    const Bytes ctx255(255, 0xC1), ctx256(256, 0xC1);
    sk.sign(msg, ctx255, rnd, sig);
    EXPECT_TRUE(pk.verify(msg, ctx255, sig));
    EXPECT_THROW(sk.sign(msg, ctx256, rnd, sig), std::invalid_argument);
    EXPECT_THROW(sk.sign_hash(MlDsaPreHash::kSha256, msg, ctx256, rnd, sig), std::invalid_argument);
    EXPECT_THROW(MlDsaMuBuilder::pure(sk.tr(), ctx256), std::invalid_argument);
    EXPECT_FALSE(pk.verify(msg, ctx256, sig));
    EXPECT_FALSE(pk.verify_hash(MlDsaPreHash::kSha256, msg, ctx256, sig));
}

TEST_P(MlDsaApi, WrongLengthsThrow) {
    const auto ps = GetParam();
    const auto sizes = mldsa_sizes(ps);
    const auto kp = make_keys(ps, 11);
    Bytes pk(sizes.public_key), sk(sizes.secret_key), sig(sizes.signature);
    Bytes short_pk(sizes.public_key - 1), long_sk(sizes.secret_key + 1), tiny(3);
    Bytes short_sig(sizes.signature - 1);
    EXPECT_THROW(mldsa_keygen_internal(ps, Bytes(31), pk, sk), std::invalid_argument);
    EXPECT_THROW(mldsa_keygen_internal(ps, Bytes(33), pk, sk), std::invalid_argument);
    EXPECT_THROW(mldsa_keygen_internal(ps, Bytes(32), short_pk, sk), std::invalid_argument);
    EXPECT_THROW(mldsa_keygen_internal(ps, Bytes(32), pk, long_sk), std::invalid_argument);
    EXPECT_THROW(MlDsaPrivateKey::from_seed(ps, Bytes(32), tiny), std::invalid_argument);
    EXPECT_THROW(MlDsaPrivateKey(ps, Bytes(sizes.secret_key - 1)), std::invalid_argument);
    EXPECT_THROW(MlDsaPublicKey(ps, Bytes(sizes.public_key + 1)), std::invalid_argument);
    const MlDsaPrivateKey key(ps, kp.sk);
    EXPECT_THROW(key.sign({}, {}, Bytes(31), sig), std::invalid_argument);
    EXPECT_THROW(key.sign({}, {}, Bytes(32), short_sig), std::invalid_argument);
    EXPECT_THROW(key.sign_mu(Bytes(63), Bytes(32), sig), std::invalid_argument);
    const MlDsaPublicKey pub(ps, kp.pk);
    EXPECT_THROW((void)pub.verify_mu(Bytes(65), sig), std::invalid_argument);
    EXPECT_THROW(MlDsaMuBuilder(Bytes(63)), std::invalid_argument);
}

TEST_P(MlDsaApi, OutOfRangeSecretKeyIsRejected) {
    const auto ps = GetParam();
    const auto p = mldsa_params(ps);
    auto kp = make_keys(ps, 13);
    ASSERT_NO_THROW(MlDsaPrivateKey(ps, kp.sk));
    // The first s1 field (after rho || K || tr) set to all ones: 7 or 15, above 2*eta.
    Bytes bad = kp.sk;
    bad[128] |= static_cast<std::uint8_t>((1 << mldsa::eta_bits(p)) - 1);
    EXPECT_THROW(MlDsaPrivateKey(ps, bad), std::invalid_argument);
    // The last s2 field.
    bad = kp.sk;
    const std::size_t s2_end =
        128 + static_cast<std::size_t>(p.k + p.l) * mldsa::poly_bytes(mldsa::eta_bits(p));
    bad[s2_end - 1] |= 0xF0;
    EXPECT_THROW(MlDsaPrivateKey(ps, bad), std::invalid_argument);
}

TEST_P(MlDsaApi, MalformedSignaturesFailCleanly) {
    const auto ps = GetParam();
    const auto p = mldsa_params(ps);
    const auto kp = make_keys(ps, 21);
    const MlDsaPrivateKey sk(ps, kp.sk);
    const MlDsaPublicKey pk(ps, kp.pk);
    const Bytes msg = pattern(64, 5), rnd(32, 0);
    Bytes sig(mldsa_sizes(ps).signature);
    sk.sign(msg, {}, rnd, sig);
    ASSERT_TRUE(pk.verify(msg, {}, sig));

    // Wrong lengths: false, not an exception.
    EXPECT_FALSE(pk.verify(msg, {}, Bytes(sig.begin(), sig.end() - 1)));
    Bytes longer = sig;
    longer.push_back(0);
    EXPECT_FALSE(pk.verify(msg, {}, longer));
    EXPECT_FALSE(pk.verify(msg, {}, {}));

    const std::size_t z_offset = mldsa::ctilde_bytes(p);
    const std::size_t hint_offset =
        z_offset + static_cast<std::size_t>(p.l) * mldsa::poly_bytes(mldsa::z_bits(p));
    auto verify_mutated = [&](auto mutate) {
        Bytes bad = sig;
        mutate(bad);
        return pk.verify(msg, {}, bad);
    };
    // Every single-bit flip of c~, and a sample of the rest, is rejected.
    for (std::size_t bit = 0; bit < 8 * z_offset; ++bit) {
        ASSERT_FALSE(verify_mutated(
            [&](Bytes& b) { b[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8)); }));
    }
    for (std::size_t byte = z_offset; byte < sig.size(); byte += 37) {
        ASSERT_FALSE(verify_mutated([&](Bytes& b) { b[byte] ^= 0x10; })) << byte;
    }
    // ||z|| at the bound: coefficient 0 of z set to gamma1 - beta (packed as gamma1 - z).
    EXPECT_FALSE(verify_mutated([&](Bytes& b) {
        mldsa::Poly z;
        mldsa::unpack_offset(z, b.data() + z_offset, mldsa::z_bits(p), p.gamma1);
        z[0] = p.gamma1 - p.beta;
        mldsa::pack_offset(b.data() + z_offset, z, mldsa::z_bits(p), p.gamma1);
    }));
    // Hint counts: beyond omega, decreasing, and all 0xFF (indices out of order everywhere).
    EXPECT_FALSE(verify_mutated([&](Bytes& b) {
        b[hint_offset + p.omega + p.k - 1] = static_cast<std::uint8_t>(p.omega + 1);
    }));
    EXPECT_FALSE(verify_mutated([&](Bytes& b) {
        b[hint_offset + p.omega] = static_cast<std::uint8_t>(p.omega);
        b[hint_offset + p.omega + 1] = 0;
    }));
    EXPECT_FALSE(verify_mutated([&](Bytes& b) {
        std::fill(b.begin() + static_cast<std::ptrdiff_t>(hint_offset), b.end(), 0xFF);
    }));
    EXPECT_FALSE(verify_mutated([&](Bytes& b) { std::fill(b.begin(), b.end(), 0xFF); }));
    EXPECT_FALSE(verify_mutated([&](Bytes& b) { std::fill(b.begin(), b.end(), 0x00); }));

    // Random garbage never crashes and never verifies.
    std::mt19937 rng(static_cast<unsigned>(p.k));
    for (int i = 0; i < 200; ++i) {
        Bytes junk(sig.size());
        for (auto& x : junk) x = static_cast<std::uint8_t>(rng());
        ASSERT_FALSE(pk.verify(msg, {}, junk));
    }
}

TEST_P(MlDsaApi, KeysAreMovableAndReportTheirSize) {
    const auto ps = GetParam();
    const auto kp = make_keys(ps, 31);
    MlDsaPrivateKey a(ps, kp.sk);
    MlDsaPrivateKey b = std::move(a);
    EXPECT_EQ(b.parameter_set(), ps);
    Bytes sig(mldsa_sizes(ps).signature);
    b.sign(pattern(3, 0), {}, Bytes(32, 0), sig);
    MlDsaPublicKey pk(ps, kp.pk);
    MlDsaPublicKey pk2 = std::move(pk);
    EXPECT_TRUE(pk2.verify(pattern(3, 0), {}, sig));
    const auto p = mldsa_params(ps);
    EXPECT_GE(MlDsaPrivateKey::expanded_size(ps),
              static_cast<std::size_t>(p.k * p.l + p.l + 2 * p.k) * 1024);
    EXPECT_LT(MlDsaPrivateKey::expanded_size(ps),
              static_cast<std::size_t>(p.k * p.l + p.l + 2 * p.k + 1) * 1024);
    EXPECT_GE(MlDsaPublicKey::expanded_size(ps), static_cast<std::size_t>(p.k * p.l + p.k) * 1024);
}

TEST(MlDsaApiStatic, SizesAndOids) {
    EXPECT_EQ(mldsa_sizes(MlDsaParameterSet::kMlDsa44).signature, 2420u);
    EXPECT_EQ(mlds_sizes(MlDsaParameterSet::kMlDsa65).secret_key, 4032u);
    EXPECT_EQ(mldsa_sizes(MlDsaParameterSet::kMlDsa87).public_key, 2592u);
    const auto sha256 = mldsa_prehash_oid(MlDsaPreHash::kSha256);
    const Bytes want = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
    EXPECT_EQ(Bytes(sha256.begin(), sha256.end()), want);
    EXPECT_EQ(mldsa_prehash_oid(MlDsaPreHash::kShake256)[10], 0x0C);
    EXPECT_EQ(mldsa_prehash_digest_size(MlDsaPreHash::kShake128), 32u);
    EXPECT_EQ(mldsa_prehash_digest_size(MlDsaPreHash::kShake256), 64u);
    EXPECT_EQ(mldsa_prehash_digest_size(MlDsaPreHash::kSha512_224), 28u);
    MlDsaPreHasher hasher(MlDsaPreHash::kSha256);
    Bytes d(32);
    hasher.finish(d);
    EXPECT_THROW(hasher.update(d), std::logic_error);
    Bytes short_digest(47);
    EXPECT_THROW(MlDsaPreHasher(MlDsaPreHash::kSha384).finish(short_digest), std::invalid_argument);
}

}  // namespace
