// NIST ACVP ML-KEM, ML-DSA and SLH-DSA vectors through the PKCS#11 3.2 interface: keys are
// imported with C_CreateObject (seed or expanded form), then C_DecapsulateKey, C_Sign and
// C_Verify run exactly as an application would call them. The algorithms themselves are
// tested against every vector in tests/vectors/pqc; here the point is the PKCS#11 path, and
// every case the API can express is run and counted.
//
// What PKCS#11 3.2 cannot express, counted and skipped on purpose:
//   - ML-KEM encapsulation with a given m, ML-DSA hedged signing with a given rnd, SLH-DSA
//     signing with a given opt_rand: the token draws that randomness itself. The ML-KEM
//     encapsulation cases still run their ciphertext through C_DecapsulateKey and a fresh
//     C_EncapsulateKey round trip; the hedged signing cases are counted only (their expected
//     signatures depend on the given randomness, and the files carry no public key).
//   - The "internal" ML-DSA / SLH-DSA interfaces (Sign_internal on M', external mu): 3.2 has
//     no mechanism that takes M' or mu.
//   - SLH-DSA sigVer: the shared vectors lack its prompt.json; SLH-DSA sigGen lacks expected
//     signatures, so signatures are checked by round trip (and by determinism) only.
#include <openssl/evp.h>

#include <map>
#include <optional>

#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

using nlohmann::json;

Bytes hex(const json& j, const char* field) {
    return from_hex(j.at(field).get<std::string>());
}

// --------------------------------------------------------------------------------------------
// ML-KEM

CK_ULONG mlkem_ckp(const std::string& name) {
    if (name == "ML-KEM-512") return CKP_ML_KEM_512;
    if (name == "ML-KEM-768") return CKP_ML_KEM_768;
    return CKP_ML_KEM_1024;
}

Bytes decapsulated(P11Session& p11, CK_OBJECT_HANDLE priv, const Bytes& ct, CK_ULONG len = 0) {
    AttrBuilder t = readable_secret();
    if (len != 0) t.add_ulong(CKA_VALUE_LEN, len);
    CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
    const CK_RV rv = decapsulate(p11, CKM_ML_KEM, priv, t, ct, key);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    Bytes k = p11.attribute(key, CKA_VALUE);
    p11.fn()->C_DestroyObject(p11.session(), key);
    return k;
}

TEST(MlKemAcvpThroughAbi, EncapDecapAndKeyChecks) {
    P11Session p11;
    const auto vectors = load_vector_json("acvp/ML-KEM-encapDecap-FIPS203/internalProjection.json");
    int decap_kats = 0, round_trips = 0, ek_checks = 0, dk_checks = 0, short_keys = 0;
    for (const auto& group : vectors.at("testGroups")) {
        const CK_ULONG ckp = mlkem_ckp(group.at("parameterSet"));
        const std::string function = group.at("function");
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            CK_OBJECT_HANDLE priv = CK_INVALID_HANDLE, pub = CK_INVALID_HANDLE;
            if (function == "encapsulationKeyCheck") {
                const CK_RV rv = import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, ckp,
                                            {{CKA_VALUE, hex(t, "ek")}}, pub);
                EXPECT_EQ(rv,
                          t.at("testPassed").get<bool>() ? CKR_OK : CKR_ATTRIBUTE_VALUE_INVALID);
                ++ek_checks;
            } else if (function == "decapsulationKeyCheck") {
                const CK_RV rv = import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, ckp,
                                            {{CKA_VALUE, hex(t, "dk")}}, priv);
                EXPECT_EQ(rv,
                          t.at("testPassed").get<bool>() ? CKR_OK : CKR_ATTRIBUTE_VALUE_INVALID);
                ++dk_checks;
            } else {
                // Decapsulation (VAL, including implicit-rejection cases) and the ciphertexts of
                // the encapsulation (AFT) cases: the expected k from the imported dk.
                ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, ckp,
                                     {{CKA_VALUE, hex(t, "dk")}}, priv),
                          CKR_OK);
                const Bytes k = hex(t, "k");
                EXPECT_EQ(to_hex(decapsulated(p11, priv, hex(t, "c"))), to_hex(k));
                ++decap_kats;
                if (decap_kats % 10 == 1) {
                    EXPECT_EQ(decapsulated(p11, priv, hex(t, "c"), 16),
                              Bytes(k.begin(), k.begin() + 16));
                    ++short_keys;
                }
                if (function == "encapsulation") {
                    // m is the token's own choice; a fresh encapsulation to ek must still
                    // decapsulate under dk.
                    ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, ckp,
                                         {{CKA_VALUE, hex(t, "ek")}}, pub),
                              CKR_OK);
                    Bytes ct;
                    CK_OBJECT_HANDLE sender;
                    ASSERT_EQ(encapsulate(p11, CKM_ML_KEM, pub, readable_secret(), ct, sender),
                              CKR_OK);
                    EXPECT_EQ(decapsulated(p11, priv, ct), p11.attribute(sender, CKA_VALUE));
                    p11.fn()->C_DestroyObject(p11.session(), sender);
                    ++round_trips;
                }
            }
            for (CK_OBJECT_HANDLE h : {priv, pub}) {
                if (h != CK_INVALID_HANDLE) p11.fn()->C_DestroyObject(p11.session(), h);
            }
        }
    }
    EXPECT_EQ(decap_kats, 105);  // 3 x 25 encapsulation ciphertexts + 3 x 10 decapsulation
    EXPECT_EQ(round_trips, 75);
    EXPECT_EQ(ek_checks, 30);
    EXPECT_EQ(dk_checks, 30);
    EXPECT_EQ(short_keys, 11);
}

TEST(MlKemAcvpThroughAbi, KeyGenFromSeedForm) {
    P11Session p11;
    const auto vectors = load_vector_json("acvp/ML-KEM-keyGen-FIPS203/internalProjection.json");
    int cases = 0;
    for (const auto& group : vectors.at("testGroups")) {
        const CK_ULONG ckp = mlkem_ckp(group.at("parameterSet"));
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            // CKA_SEED is d || z; the module expands it to dk at import.
            Bytes seed = hex(t, "d");
            const Bytes z = hex(t, "z");
            seed.insert(seed.end(), z.begin(), z.end());
            CK_OBJECT_HANDLE priv, pub;
            ASSERT_EQ(
                import_key(p11, CKO_PRIVATE_KEY, CKK_ML_KEM, ckp, {{CKA_SEED, seed}}, priv, true),
                CKR_OK);
            EXPECT_EQ(to_hex(p11.attribute(priv, CKA_VALUE)), t.at("dk").get<std::string>());
            ASSERT_EQ(
                import_key(p11, CKO_PUBLIC_KEY, CKK_ML_KEM, ckp, {{CKA_VALUE, hex(t, "ek")}}, pub),
                CKR_OK);
            p11.fn()->C_DestroyObject(p11.session(), priv);
            p11.fn()->C_DestroyObject(p11.session(), pub);
            ++cases;
        }
    }
    EXPECT_EQ(cases, 75);
}

// --------------------------------------------------------------------------------------------
// Pre-hash functions as ACVP names them, with the PKCS#11 mechanisms that name them.

struct AcvpHash {
    const char* evp;
    std::size_t len;
    CK_MECHANISM_TYPE digest_mech;  // CK_HASH_SIGN_ADDITIONAL_CONTEXT.hash
    CK_MECHANISM_TYPE ml_dsa;       // CKM_HASH_ML_DSA_<hash>, 0 where 3.2 has none
    CK_MECHANISM_TYPE slh_dsa;      // CKM_HASH_SLH_DSA_<hash>
};

const AcvpHash& acvp_hash(const std::string& name) {
    static const std::map<std::string, AcvpHash> table = {
        {"SHA2-224", {"SHA2-224", 28, CKM_SHA224, CKM_HASH_ML_DSA_SHA224, CKM_HASH_SLH_DSA_SHA224}},
        {"SHA2-256", {"SHA2-256", 32, CKM_SHA256, CKM_HASH_ML_DSA_SHA256, CKM_HASH_SLH_DSA_SHA256}},
        {"SHA2-384", {"SHA2-384", 48, CKM_SHA384, CKM_HASH_ML_DSA_SHA384, CKM_HASH_SLH_DSA_SHA384}},
        {"SHA2-512", {"SHA2-512", 64, CKM_SHA512, CKM_HASH_ML_DSA_SHA512, CKM_HASH_SLH_DSA_SHA512}},
        {"SHA2-512/224", {"SHA2-512/224", 28, CKM_SHA512_224, 0, 0}},
        {"SHA2-512/256", {"SHA2-512/256", 32, CKM_SHA512_256, 0, 0}},
        {"SHA3-224",
         {"SHA3-224", 28, CKM_SHA3_224, CKM_HASH_ML_DSA_SHA3_224, CKM_HASH_SLH_DSA_SHA3_224}},
        {"SHA3-256",
         {"SHA3-256", 32, CKM_SHA3_256, CKM_HASH_ML_DSA_SHA3_256, CKM_HASH_SLH_DSA_SHA3_256}},
        {"SHA3-384",
         {"SHA3-384", 48, CKM_SHA3_384, CKM_HASH_ML_DSA_SHA3_384, CKM_HASH_SLH_DSA_SHA3_384}},
        {"SHA3-512",
         {"SHA3-512", 64, CKM_SHA3_512, CKM_HASH_ML_DSA_SHA3_512, CKM_HASH_SLH_DSA_SHA3_512}},
        {"SHAKE-128",
         {"SHAKE128", 32, CKM_SHAKE_128_KEY_DERIVATION, CKM_HASH_ML_DSA_SHAKE128,
          CKM_HASH_SLH_DSA_SHAKE128}},
        {"SHAKE-256",
         {"SHAKE256", 64, CKM_SHAKE_256_KEY_DERIVATION, CKM_HASH_ML_DSA_SHAKE256,
          CKM_HASH_SLH_DSA_SHAKE256}},
    };
    return table.at(name);
}

// PH(M) computed outside the module, for CKM_HASH_ML_DSA / CKM_HASH_SLH_DSA.
Bytes prehash(const AcvpHash& h, const Bytes& msg) {
    EVP_MD* md = EVP_MD_fetch(nullptr, h.evp, nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Bytes out(h.len);
    unsigned n = 0;
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, msg.data(), msg.size());
    if (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) {
        EVP_DigestFinalXOF(ctx, out.data(), out.size());
    } else {
        EVP_DigestFinal_ex(ctx, out.data(), &n);
    }
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return out;
}

bool is_signature_failure(CK_RV rv) {
    return rv == CKR_SIGNATURE_INVALID || rv == CKR_SIGNATURE_LEN_RANGE;
}

// --------------------------------------------------------------------------------------------
// ML-DSA

CK_ULONG mldsa_ckp(const std::string& name) {
    if (name == "ML-DSA-44") return CKP_ML_DSA_44;
    if (name == "ML-DSA-65") return CKP_ML_DSA_65;
    return CKP_ML_DSA_87;
}

TEST(MlDsaAcvpThroughAbi, KeyGenFromSeedForm) {
    P11Session p11;
    const auto vectors = load_vector_json("acvp/ML-DSA-keyGen-FIPS204/internalProjection.json");
    int cases = 0;
    for (const auto& group : vectors.at("testGroups")) {
        const CK_ULONG ckp = mldsa_ckp(group.at("parameterSet"));
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            CK_OBJECT_HANDLE priv, pub;
            ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, ckp,
                                 {{CKA_SEED, hex(t, "seed")}}, priv, true),
                      CKR_OK);
            EXPECT_EQ(to_hex(p11.attribute(priv, CKA_VALUE)), t.at("sk").get<std::string>());
            ASSERT_EQ(
                import_key(p11, CKO_PUBLIC_KEY, CKK_ML_DSA, ckp, {{CKA_VALUE, hex(t, "pk")}}, pub),
                CKR_OK);
            p11.fn()->C_DestroyObject(p11.session(), priv);
            p11.fn()->C_DestroyObject(p11.session(), pub);
            ++cases;
        }
    }
    EXPECT_EQ(cases, 75);
}

TEST(MlDsaAcvpThroughAbi, SigVerThroughCVerify) {
    P11Session p11;
    const auto vectors = load_vector_json("acvp/ML-DSA-sigVer-FIPS204/internalProjection.json");
    int pure = 0, prehashed = 0, per_hash_mech = 0, internal = 0, accepted = 0, rejected = 0;
    for (const auto& group : vectors.at("testGroups")) {
        const CK_ULONG ckp = mldsa_ckp(group.at("parameterSet"));
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            if (group.at("signatureInterface") == "internal") {
                ++internal;  // Verify_internal on M' or mu: no 3.2 mechanism takes them
                continue;
            }
            CK_OBJECT_HANDLE pub;
            ASSERT_EQ(
                import_key(p11, CKO_PUBLIC_KEY, CKK_ML_DSA, ckp, {{CKA_VALUE, hex(t, "pk")}}, pub),
                CKR_OK);
            const bool passed = t.at("testPassed").get<bool>();
            const Bytes msg = hex(t, "message"), sig = hex(t, "signature");
            auto expect = [&](CK_RV rv) {
                if (passed) {
                    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
                } else {
                    EXPECT_TRUE(is_signature_failure(rv)) << rv_name(rv);
                }
            };
            if (group.at("preHash") == "pure") {
                SignContext ctx(CKH_HEDGE_PREFERRED, hex(t, "context"));
                expect(verify(p11, ctx.mechanism(CKM_ML_DSA), pub, msg, sig));
                ++pure;
            } else {
                const AcvpHash& h = acvp_hash(t.at("hashAlg"));
                SignContext ctx(CKH_HEDGE_PREFERRED, hex(t, "context"), h.digest_mech);
                expect(verify(p11, ctx.hash_mechanism(CKM_HASH_ML_DSA), pub, prehash(h, msg), sig));
                ++prehashed;
                if (h.ml_dsa != 0) {
                    expect(verify(p11, ctx.mechanism(h.ml_dsa), pub, msg, sig));
                    ++per_hash_mech;
                }
            }
            (passed ? accepted : rejected)++;
            p11.fn()->C_DestroyObject(p11.session(), pub);
        }
    }
    EXPECT_EQ(pure, 45);
    EXPECT_EQ(prehashed, 45);
    EXPECT_GE(per_hash_mech, 30);  // the SHA-512/224 and /256 cases have no CKM_HASH_ML_DSA_<hash>
    EXPECT_EQ(internal, 90);
    EXPECT_GT(accepted, 0);
    EXPECT_GT(rejected, 0);
    ::testing::Test::RecordProperty("per_hash_mechanism_cases", per_hash_mech);
}

TEST(MlDsaAcvpThroughAbi, DeterministicSigGenThroughCSign) {
    P11Session p11;
    const auto prompt = load_vector_json("acvp/ML-DSA-sigGen-FIPS204/prompt.json");
    const auto expected = load_vector_json("acvp/ML-DSA-sigGen-FIPS204/expectedResults.json");
    int pure = 0, prehashed = 0, per_hash_mech = 0, hedged = 0, internal = 0;
    for (const auto& group : prompt.at("testGroups")) {
        const CK_ULONG ckp = mldsa_ckp(group.at("parameterSet"));
        const bool deterministic = group.at("deterministic").get<bool>();
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            if (group.at("signatureInterface") == "internal") {
                ++internal;  // Sign_internal on M' or mu: not expressible through 3.2
                continue;
            }
            if (!deterministic) {
                ++hedged;  // rnd is drawn by the token
                continue;
            }
            const auto* want = find_acvp_test(expected, group.at("tgId"), t.at("tcId"));
            ASSERT_NE(want, nullptr);
            const std::string sig_hex = want->at("signature");
            CK_OBJECT_HANDLE priv;
            ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_ML_DSA, ckp, {{CKA_VALUE, hex(t, "sk")}},
                                 priv),
                      CKR_OK);
            const Bytes msg = hex(t, "message");
            Bytes sig;
            if (group.at("preHash") == "pure") {
                SignContext ctx(CKH_DETERMINISTIC_REQUIRED, hex(t, "context"));
                ASSERT_EQ(sign(p11, ctx.mechanism(CKM_ML_DSA), priv, msg, sig), CKR_OK);
                EXPECT_EQ(to_hex(sig), sig_hex);
                ++pure;
            } else {
                const AcvpHash& h = acvp_hash(t.at("hashAlg"));
                SignContext ctx(CKH_DETERMINISTIC_REQUIRED, hex(t, "context"), h.digest_mech);
                ASSERT_EQ(
                    sign(p11, ctx.hash_mechanism(CKM_HASH_ML_DSA), priv, prehash(h, msg), sig),
                    CKR_OK);
                EXPECT_EQ(to_hex(sig), sig_hex);
                ++prehashed;
                if (h.ml_dsa != 0) {
                    ASSERT_EQ(sign(p11, ctx.mechanism(h.ml_dsa), priv, msg, sig), CKR_OK);
                    EXPECT_EQ(to_hex(sig), sig_hex);
                    ++per_hash_mech;
                }
            }
            p11.fn()->C_DestroyObject(p11.session(), priv);
        }
    }
    EXPECT_EQ(pure, 45);
    EXPECT_EQ(prehashed, 45);
    EXPECT_GE(per_hash_mech, 30);
    EXPECT_EQ(hedged, 90);
    EXPECT_EQ(internal, 180);
}

// --------------------------------------------------------------------------------------------
// SLH-DSA

CK_ULONG slhdsa_ckp(const std::string& name) {
    static const std::map<std::string, CK_ULONG> sets = {
        {"SLH-DSA-SHA2-128s", CKP_SLH_DSA_SHA2_128S},
        {"SLH-DSA-SHAKE-128s", CKP_SLH_DSA_SHAKE_128S},
        {"SLH-DSA-SHA2-128f", CKP_SLH_DSA_SHA2_128F},
        {"SLH-DSA-SHAKE-128f", CKP_SLH_DSA_SHAKE_128F},
        {"SLH-DSA-SHA2-192s", CKP_SLH_DSA_SHA2_192S},
        {"SLH-DSA-SHAKE-192s", CKP_SLH_DSA_SHAKE_192S},
        {"SLH-DSA-SHA2-192f", CKP_SLH_DSA_SHA2_192F},
        {"SLH-DSA-SHAKE-192f", CKP_SLH_DSA_SHAKE_192F},
        {"SLH-DSA-SHA2-256s", CKP_SLH_DSA_SHA2_256S},
        {"SLH-DSA-SHAKE-256s", CKP_SLH_DSA_SHAKE_256S},
        {"SLH-DSA-SHA2-256f", CKP_SLH_DSA_SHA2_256F},
        {"SLH-DSA-SHAKE-256f", CKP_SLH_DSA_SHAKE_256F},
    };
    return sets.at(name);
}

bool small_set(const std::string& name) {
    return name.back() == 's';
}

// keyGen: the expected SK imports (the module recomputes PK.root from SK.seed and PK.seed and
// refuses a mismatch, which is KeyGen_internal over the vector's seeds) and begins with
// skSeed || skPrf || pkSeed; the expected PK imports.
void slhdsa_keygen(bool small_sets, int expected_cases) {
    P11Session p11;
    const auto vectors = load_vector_json("acvp/SLH-DSA-keyGen-FIPS205/internalProjection.json");
    int cases = 0;
    for (const auto& group : vectors.at("testGroups")) {
        if (small_set(group.at("parameterSet")) != small_sets) continue;
        const CK_ULONG ckp = slhdsa_ckp(group.at("parameterSet"));
        for (const auto& t : group.at("tests")) {
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            const Bytes sk = hex(t, "sk");
            EXPECT_EQ(to_hex(Bytes(sk.begin(), sk.begin() + sk.size() * 3 / 4)),
                      t.at("skSeed").get<std::string>() + t.at("skPrf").get<std::string>() +
                          t.at("pkSeed").get<std::string>());
            CK_OBJECT_HANDLE priv, pub;
            EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, ckp, {{CKA_VALUE, sk}}, priv),
                      CKR_OK);
            EXPECT_EQ(
                import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, ckp, {{CKA_VALUE, hex(t, "pk")}}, pub),
                CKR_OK);
            p11.fn()->C_DestroyObject(p11.session(), priv);
            p11.fn()->C_DestroyObject(p11.session(), pub);
            ++cases;
        }
    }
    EXPECT_EQ(cases, expected_cases);
}

// sigGen, deterministic external groups: sign through C_Sign (pure, given digest, and the
// CKM_HASH_SLH_DSA_<hash> mechanism where 3.2 has one), and verify each signature through
// C_Verify under the PK that ends the SK. `per_group` limits cases per group (0: all).
void slhdsa_siggen(bool small_sets, int per_group, int expected_cases) {
    P11Session p11;
    const auto prompt = load_vector_json("acvp/SLH-DSA-sigGen-FIPS205/prompt.json");
    int cases = 0, not_expressible = 0;
    for (const auto& group : prompt.at("testGroups")) {
        if (small_set(group.at("parameterSet")) != small_sets) continue;
        const CK_ULONG ckp = slhdsa_ckp(group.at("parameterSet"));
        int in_group = 0;
        for (const auto& t : group.at("tests")) {
            if (group.at("signatureInterface") == "internal" ||
                !group.at("deterministic").get<bool>()) {
                ++not_expressible;
                continue;
            }
            if (per_group != 0 && in_group++ >= per_group) continue;
            SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").get<int>()));
            const Bytes sk = hex(t, "sk");
            const Bytes pk(sk.begin() + sk.size() / 2, sk.end());
            CK_OBJECT_HANDLE priv, pub;
            ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_SLH_DSA, ckp, {{CKA_VALUE, sk}}, priv),
                      CKR_OK);
            ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_SLH_DSA, ckp, {{CKA_VALUE, pk}}, pub),
                      CKR_OK);
            const Bytes msg = hex(t, "message");
            Bytes sig, again;
            if (group.at("preHash") == "pure") {
                SignContext ctx(CKH_DETERMINISTIC_REQUIRED, hex(t, "context"));
                ASSERT_EQ(sign(p11, ctx.mechanism(CKM_SLH_DSA), priv, msg, sig), CKR_OK);
                EXPECT_EQ(verify(p11, ctx.mechanism(CKM_SLH_DSA), pub, msg, sig), CKR_OK);
            } else {
                const AcvpHash& h = acvp_hash(t.at("hashAlg"));
                SignContext ctx(CKH_DETERMINISTIC_REQUIRED, hex(t, "context"), h.digest_mech);
                const Bytes digest = prehash(h, msg);
                ASSERT_EQ(sign(p11, ctx.hash_mechanism(CKM_HASH_SLH_DSA), priv, digest, sig),
                          CKR_OK);
                EXPECT_EQ(verify(p11, ctx.hash_mechanism(CKM_HASH_SLH_DSA), pub, digest, sig),
                          CKR_OK);
                if (h.slh_dsa != 0) {
                    ASSERT_EQ(sign(p11, ctx.mechanism(h.slh_dsa), priv, msg, again), CKR_OK);
                    EXPECT_EQ(again, sig);  // deterministic: both paths sign the same M'
                }
            }
            p11.fn()->C_DestroyObject(p11.session(), priv);
            p11.fn()->C_DestroyObject(p11.session(), pub);
            ++cases;
        }
    }
    EXPECT_EQ(cases, expected_cases);
    ::testing::Test::RecordProperty("not_expressible", not_expressible);
}

// The fast sets in CI; the small ("s") sets take seconds per signature and run in the Slow suite.
TEST(SlhDsaAcvpThroughAbi, KeyGenFastSets) {
    slhdsa_keygen(false, 60);
}
TEST(SlhDsaAcvpThroughAbi, DeterministicSigGenFastSetsSample) {
    slhdsa_siggen(false, 2, 24);
}
TEST(SlhDsaAcvpSlowThroughAbi, KeyGenSmallSets) {
    slhdsa_keygen(true, 60);
}
TEST(SlhDsaAcvpSlowThroughAbi, DeterministicSigGenFastSets) {
    slhdsa_siggen(false, 0, 114);
}
TEST(SlhDsaAcvpSlowThroughAbi, DeterministicSigGenSmallSets) {
    slhdsa_siggen(true, 0, 114);
}

}  // namespace
}  // namespace craton::test::pqc
