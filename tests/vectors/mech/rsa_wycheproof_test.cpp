// Wycheproof RSA through the ABI: every key is imported with C_CreateObject and every case runs
// through C_Verify, C_Sign or C_Decrypt; each case's verdict must match and the cases run must
// add up to the file's numberOfTests.
//
// "acceptable" cases may pass or fail: the PKCS#1 v1.5 verify files each have one
// (MissingNull: a DigestInfo without the NULL parameter, which OpenSSL rejects); the sig_gen
// files mark SHA-1 (WeakHash) and e = 3 (SmallPublicKey) keys acceptable, and the module signs
// those exactly like the valid ones (SHA-1 signing enabled by configuration for that test).
#include <gtest/gtest.h>

#include <map>

#include "support/p11_module.h"
#include "support/vector_file.h"
#include "unit/mech/rsa_support.h"

namespace craton::test::rsa {
namespace {

struct Counts {
    int valid = 0;
    int invalid = 0;
    int acceptable = 0;
    int total() const { return valid + invalid + acceptable; }
};

void tally(Counts& c, const std::string& result) {
    if (result == "valid") {
        ++c.valid;
    } else if (result == "invalid") {
        ++c.invalid;
    } else {
        ++c.acceptable;
    }
}

std::string where(const std::string& file, const nlohmann::json& t) {
    return file + " tcId " + std::to_string(t.at("tcId").get<int>()) + " (" +
           t.at("comment").get<std::string>() + ")";
}

// PKCS#1 v1.5 signature verification with CKM_SHA*_RSA_PKCS, single-part.
Counts run_pkcs1_verify(const std::string& file) {
    RsaSession s;
    const auto doc = load_vector_json("wycheproof/" + file);
    Counts c;
    for (const auto& group : doc.at("testGroups")) {
        const auto& pk = group.at("publicKey");
        const CK_OBJECT_HANDLE key =
            s.public_key(from_hex(pk.at("modulus").get<std::string>()),
                         from_hex(pk.at("publicExponent").get<std::string>()));
        if (key == CK_INVALID_HANDLE) {
            ADD_FAILURE() << file << ": key import failed";
            continue;
        }
        const CK_MECHANISM_TYPE hash = hash_mechanism(group.at("sha").get<std::string>());
        const CK_MECHANISM mech{pkcs1_mechanism(hash), nullptr, 0};
        for (const auto& t : group.at("tests")) {
            const std::string result = t.at("result").get<std::string>();
            const CK_RV rv = s.verify(mech, key, from_hex(t.at("msg").get<std::string>()),
                                      from_hex(t.at("sig").get<std::string>()));
            if (result == "valid") {
                EXPECT_EQ(rv, CKR_OK) << where(file, t) << " " << rv_name(rv);
            } else if (result == "invalid") {
                EXPECT_TRUE(rv == CKR_SIGNATURE_INVALID || rv == CKR_SIGNATURE_LEN_RANGE)
                    << where(file, t) << " " << rv_name(rv);
            } else {
                EXPECT_TRUE(rv == CKR_OK || rv == CKR_SIGNATURE_INVALID) << where(file, t);
            }
            tally(c, result);
        }
    }
    EXPECT_EQ(c.total(), doc.at("numberOfTests").get<int>()) << file;
    return c;
}

TEST(RsaWycheproof, Pkcs1VerifyAllFiles) {
    // Expected totals per file: numberOfTests from each file's header.
    const std::map<std::string, int> files = {
        {"rsa_signature_2048_sha256_test.json", 259}, {"rsa_signature_2048_sha384_test.json", 258},
        {"rsa_signature_2048_sha512_test.json", 259}, {"rsa_signature_3072_sha256_test.json", 259},
        {"rsa_signature_3072_sha384_test.json", 259}, {"rsa_signature_3072_sha512_test.json", 260},
        {"rsa_signature_4096_sha256_test.json", 258}, {"rsa_signature_4096_sha384_test.json", 259},
        {"rsa_signature_4096_sha512_test.json", 259},
    };
    int total = 0;
    for (const auto& [file, expected] : files) {
        const Counts c = run_pkcs1_verify(file);
        EXPECT_EQ(c.total(), expected) << file;
        EXPECT_EQ(c.acceptable, 1) << file;
        total += c.total();
    }
    EXPECT_EQ(total, 2330);
    ::testing::Test::RecordProperty("cases", total);
}

// PSS verification with the group's hash, MGF1 hash and salt length, through the combined
// CKM_SHA*_RSA_PKCS_PSS mechanism (multi-part for every other case, so both paths see every
// kind of input).
Counts run_pss_verify(const std::string& file) {
    RsaSession s;
    const auto doc = load_vector_json("wycheproof/" + file);
    Counts c;
    int i = 0;
    for (const auto& group : doc.at("testGroups")) {
        const auto& pk = group.at("publicKey");
        const CK_OBJECT_HANDLE key =
            s.public_key(from_hex(pk.at("modulus").get<std::string>()),
                         from_hex(pk.at("publicExponent").get<std::string>()));
        EXPECT_EQ(group.at("mgf").get<std::string>(), "MGF1");
        const CK_MECHANISM_TYPE hash = hash_mechanism(group.at("sha").get<std::string>());
        CK_RSA_PKCS_PSS_PARAMS params{
            hash, mgf1_for(hash_mechanism(group.at("mgfSha").get<std::string>())),
            group.at("sLen").get<CK_ULONG>()};
        const CK_MECHANISM mech{pss_mechanism(hash), &params, sizeof params};
        for (const auto& t : group.at("tests")) {
            const std::string result = t.at("result").get<std::string>();
            const Bytes msg = from_hex(t.at("msg").get<std::string>());
            const Bytes sig = from_hex(t.at("sig").get<std::string>());
            const CK_RV rv = (i++ % 2 == 0) ? s.verify(mech, key, msg, sig)
                                            : s.verify_multi(mech, key, msg, 3, sig);
            if (result == "valid") {
                EXPECT_EQ(rv, CKR_OK) << where(file, t) << " " << rv_name(rv);
            } else if (result == "invalid") {
                EXPECT_TRUE(rv == CKR_SIGNATURE_INVALID || rv == CKR_SIGNATURE_LEN_RANGE)
                    << where(file, t) << " " << rv_name(rv);
            }
            tally(c, result);
        }
    }
    EXPECT_EQ(c.total(), doc.at("numberOfTests").get<int>()) << file;
    return c;
}

TEST(RsaWycheproof, PssVerifyAllFiles) {
    const std::map<std::string, int> files = {
        {"rsa_pss_2048_sha256_mgf1_0_params_test.json", 103},
        {"rsa_pss_2048_sha256_mgf1_0_test.json", 103},
        {"rsa_pss_2048_sha256_mgf1_32_params_test.json", 108},
        {"rsa_pss_2048_sha256_mgf1_32_test.json", 108},
        {"rsa_pss_2048_sha256_mgf1sha1_20_test.json", 108},
    };
    int total = 0;
    for (const auto& [file, expected] : files) {
        const Counts c = run_pss_verify(file);
        EXPECT_EQ(c.total(), expected) << file;
        EXPECT_EQ(c.acceptable, 0) << file;
        total += c.total();
    }
    EXPECT_EQ(total, 530);
}

// PKCS#1 v1.5 signature generation: sign with the imported private key (these keys carry only
// n, e, d) and compare; PKCS#1 v1.5 signatures are deterministic.
Counts run_sig_gen(const std::string& file) {
    RsaSession s("[algorithms]\nallow_sha1_signing = true\n");
    const auto doc = load_vector_json("wycheproof/" + file);
    Counts c;
    for (const auto& group : doc.at("testGroups")) {
        const PrivateKey k = private_from_json(group.at("privateKey"));
        const CK_OBJECT_HANDLE key = s.private_key(k);
        const CK_MECHANISM_TYPE hash = hash_mechanism(group.at("sha").get<std::string>());
        const CK_MECHANISM mech{pkcs1_mechanism(hash), nullptr, 0};
        for (const auto& t : group.at("tests")) {
            const std::string result = t.at("result").get<std::string>();
            EXPECT_NE(result, "invalid") << where(file, t);  // the files have none
            Bytes sig;
            const CK_RV rv = s.sign(mech, key, from_hex(t.at("msg").get<std::string>()), &sig);
            EXPECT_EQ(rv, CKR_OK) << where(file, t) << " " << rv_name(rv);
            EXPECT_EQ(to_hex(sig), to_hex(from_hex(t.at("sig").get<std::string>())))
                << where(file, t);
            tally(c, result);
        }
    }
    EXPECT_EQ(c.total(), doc.at("numberOfTests").get<int>()) << file;
    return c;
}

TEST(RsaWycheproof, Pkcs1SignatureGeneration) {
    const Counts c2048 = run_sig_gen("rsa_pkcs1_2048_sig_gen_test.json");
    EXPECT_EQ(c2048.total(), 43);
    EXPECT_EQ(c2048.acceptable, 11);  // 8 SHA-1 (WeakHash), 3 with e = 3
    const Counts c3072 = run_sig_gen("rsa_pkcs1_3072_sig_gen_test.json");
    EXPECT_EQ(c3072.total(), 26);
    EXPECT_EQ(c3072.acceptable, 2);
    const Counts c4096 = run_sig_gen("rsa_pkcs1_4096_sig_gen_test.json");
    EXPECT_EQ(c4096.total(), 24);
}

// Decryption: valid cases give the message; every invalid ciphertext of the right length fails
// with the single code CKR_ENCRYPTED_DATA_INVALID whatever is wrong with it (no padding
// oracle); a ciphertext of the wrong length is refused for its length.
Counts run_decrypt(const std::string& file, bool oaep) {
    RsaSession s;
    const auto doc = load_vector_json("wycheproof/" + file);
    Counts c;
    for (const auto& group : doc.at("testGroups")) {
        const PrivateKey k = private_from_json(group.at("privateKey"));
        const CK_OBJECT_HANDLE key = s.private_key(k);
        if (key == CK_INVALID_HANDLE) {
            ADD_FAILURE() << file << ": key import failed";
            continue;
        }
        const std::size_t modulus_len = (group.at("keySize").get<std::size_t>() + 7) / 8;
        for (const auto& t : group.at("tests")) {
            const std::string result = t.at("result").get<std::string>();
            const Bytes ct = from_hex(t.at("ct").get<std::string>());
            Bytes label;
            CK_RSA_PKCS_OAEP_PARAMS params{};
            CK_MECHANISM mech{CKM_RSA_PKCS, nullptr, 0};
            if (oaep) {
                label = from_hex(t.at("label").get<std::string>());
                const CK_MECHANISM_TYPE hash = hash_mechanism(group.at("sha").get<std::string>());
                params = {hash, mgf1_for(hash_mechanism(group.at("mgfSha").get<std::string>())),
                          CKZ_DATA_SPECIFIED, label.empty() ? nullptr : label.data(), label.size()};
                mech = {CKM_RSA_PKCS_OAEP, &params, sizeof params};
            }
            Bytes pt;
            const CK_RV rv = s.decrypt(mech, key, ct, &pt);
            if (result == "valid") {
                EXPECT_EQ(rv, CKR_OK) << where(file, t) << " " << rv_name(rv);
                EXPECT_EQ(to_hex(pt), to_hex(from_hex(t.at("msg").get<std::string>())))
                    << where(file, t);
            } else {
                const CK_RV want = ct.size() == modulus_len ? CKR_ENCRYPTED_DATA_INVALID
                                                            : CKR_ENCRYPTED_DATA_LEN_RANGE;
                EXPECT_EQ(rv, want) << where(file, t) << " " << rv_name(rv);
            }
            tally(c, result);
        }
    }
    EXPECT_EQ(c.total(), doc.at("numberOfTests").get<int>()) << file;
    return c;
}

TEST(RsaWycheproof, Pkcs1Decrypt2048) {
    const Counts c = run_decrypt("rsa_pkcs1_2048_test.json", false);
    EXPECT_EQ(c.valid, 42);
    EXPECT_EQ(c.invalid, 25);
}
TEST(RsaWycheproof, Pkcs1Decrypt3072) {
    const Counts c = run_decrypt("rsa_pkcs1_3072_test.json", false);
    EXPECT_EQ(c.valid, 41);
    EXPECT_EQ(c.invalid, 26);
}
TEST(RsaWycheproof, Pkcs1Decrypt4096) {
    const Counts c = run_decrypt("rsa_pkcs1_4096_test.json", false);
    EXPECT_EQ(c.valid, 41);
    EXPECT_EQ(c.invalid, 26);
}
TEST(RsaWycheproof, OaepDecryptMgf1Sha1) {
    const Counts c = run_decrypt("rsa_oaep_2048_sha256_mgf1sha1_test.json", true);
    EXPECT_EQ(c.valid, 13);
    EXPECT_EQ(c.invalid, 18);
}
TEST(RsaWycheproof, OaepDecryptMgf1Sha256) {
    const Counts c = run_decrypt("rsa_oaep_2048_sha256_mgf1sha256_test.json", true);
    EXPECT_EQ(c.valid, 18);
    EXPECT_EQ(c.invalid, 19);
}

}  // namespace
}  // namespace craton::test::rsa
