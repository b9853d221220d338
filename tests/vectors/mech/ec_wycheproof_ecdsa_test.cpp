// Wycheproof ECDSA verification through C_Verify, for every case of the five P-256/P-384 files.
//
// PKCS#11 signatures are r || s of fixed length, so the DER files need the client's
// conversion: a signature that is not strict DER, has a negative integer, or has an integer
// longer than the order cannot be written as r || s at all. Such a case never reaches the
// API; it is counted as "rejected before the API" and must not be a valid case. Everything
// else goes through C_Verify twice (CKM_ECDSA_SHA* on the message, CKM_ECDSA on the digest
// the test computes), once multi-part, and all verdicts must match the file.
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

struct EcdsaFile {
    const char* name;
    bool der;
    const Bytes* params;
    std::size_t n;
    CK_MECHANISM_TYPE mech;
    const char* md;
    int tests;
    int not_der;   // BER, malformed or wrong-type encodings, or negative integers
    int too_long;  // strict DER, but r or s has more bytes than the order
};

void run(const EcdsaFile& f) {
    EcSession s;
    const auto j = load_vector_json(std::string("wycheproof/") + f.name);
    int total = 0, pre_api = 0, not_der = 0, too_long = 0, accepted = 0, rejected = 0,
        len_range = 0, group_index = 0;
    for (const auto& g : j.at("testGroups")) {
        const Bytes point = from_hex(g.at("publicKey").at("uncompressed").get<std::string>());
        // Alternate the two CKA_EC_POINT forms clients send; both must import alike.
        const Bytes attr = group_index++ % 2 == 0 ? octet_string(point) : point;
        const CK_OBJECT_HANDLE key = s.public_key(CKK_EC, *f.params, attr);
        ASSERT_NE(key, CK_INVALID_HANDLE);
        EXPECT_EQ(s.attribute(key, CKA_EC_POINT), octet_string(point));
        EXPECT_EQ(s.attribute(key, CKA_PUBLIC_KEY_INFO),
                  from_hex(g.at("publicKeyDer").get<std::string>()));
        for (const auto& t : g.at("tests")) {
            ++total;
            const std::string result = t.at("result");
            const int id = t.at("tcId");
            const Bytes msg = from_hex(t.at("msg").get<std::string>());
            const Bytes raw = from_hex(t.at("sig").get<std::string>());
            const Bytes sig = f.der ? der_to_p1363(raw, f.n) : raw;
            if (f.der && sig.empty()) {
                ++pre_api;
                ++(der_to_p1363(raw, 4096).empty() ? not_der : too_long);
                EXPECT_NE(result, "valid") << "tcId " << id << " is valid but not strict DER";
                continue;
            }
            const CK_RV rv = s.verify({f.mech, nullptr, 0}, key, msg, sig);
            const CK_RV raw_rv = s.verify({CKM_ECDSA, nullptr, 0}, key, digest(f.md, msg), sig);
            const CK_RV multi_rv = s.verify_multi({f.mech, nullptr, 0}, key, msg, 3, sig);
            EXPECT_EQ(rv, raw_rv) << "tcId " << id;
            EXPECT_EQ(rv, multi_rv) << "tcId " << id;
            if (rv == CKR_OK) {
                ++accepted;
                EXPECT_EQ(result, "valid") << "tcId " << id << " " << t.at("comment");
            } else {
                ++rejected;
                EXPECT_NE(result, "valid") << "tcId " << id << " " << rv_name(rv);
                if (sig.size() != 2 * f.n) {
                    ++len_range;
                    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_SIGNATURE_LEN_RANGE)) << "tcId " << id;
                } else {
                    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_SIGNATURE_INVALID)) << "tcId " << id;
                }
            }
        }
    }
    EXPECT_EQ(total, j.at("numberOfTests").get<int>());
    EXPECT_EQ(total, f.tests);
    EXPECT_EQ(not_der, f.not_der);
    EXPECT_EQ(too_long, f.too_long);
    EXPECT_EQ(total, pre_api + accepted + rejected);
    ::testing::Test::RecordProperty("cases", total);
    ::testing::Test::RecordProperty("rejected_before_api", pre_api);
    ::testing::Test::RecordProperty("accepted", accepted);
    ::testing::Test::RecordProperty("rejected_by_module", rejected);
    ::testing::Test::RecordProperty("signature_len_range", len_range);
}

// Counts: numberOfTests of each file, then the DER cases rejected before the API (all of them
// "invalid" in the files): encodings that are not strict DER of two non-negative INTEGERs,
// and strict DER whose r or s is longer than the order (r + n and the like).
TEST(EcWycheproofEcdsa, P256Sha256Der) {
    run({"ecdsa_secp256r1_sha256_test.json", true, &kP256Oid, 32, CKM_ECDSA_SHA256, "SHA2-256", 484,
         221, 14});
}
TEST(EcWycheproofEcdsa, P384Sha256Der) {
    run({"ecdsa_secp384r1_sha256_test.json", true, &kP384Oid, 48, CKM_ECDSA_SHA256, "SHA2-256", 472,
         220, 14});
}
TEST(EcWycheproofEcdsa, P384Sha384Der) {
    run({"ecdsa_secp384r1_sha384_test.json", true, &kP384Oid, 48, CKM_ECDSA_SHA384, "SHA2-384", 504,
         221, 14});
}
TEST(EcWycheproofEcdsa, P256Sha256P1363) {
    run({"ecdsa_secp256r1_sha256_p1363_test.json", false, &kP256Oid, 32, CKM_ECDSA_SHA256,
         "SHA2-256", 262, 0, 0});
}
TEST(EcWycheproofEcdsa, P384Sha384P1363) {
    run({"ecdsa_secp384r1_sha384_p1363_test.json", false, &kP384Oid, 48, CKM_ECDSA_SHA384,
         "SHA2-384", 280, 0, 0});
}

}  // namespace
}  // namespace craton::test
