// ACVP HKDF-1.0 (RFC 5869 style, all eleven hashes) through C_DeriveKey. keyLength is in
// bytes for this set (see the vectors README). Cases with an empty input keying material are
// counted but cannot be run: PKCS#11 takes the IKM as a base key, and a secret key with an
// empty CKA_VALUE is refused at C_CreateObject (CKR_ATTRIBUTE_VALUE_INVALID), so there is no
// object to derive from; the test checks that refusal instead.
#include <map>

#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "vectors/mech/hkdf_derive.h"

namespace craton::test {
namespace {

TEST(HkdfAcvp, AllHashes) {
    const std::map<std::string, CK_MECHANISM_TYPE> prf = {{"SHA-1", CKM_SHA_1},
                                                          {"SHA2-224", CKM_SHA224},
                                                          {"SHA2-256", CKM_SHA256},
                                                          {"SHA2-384", CKM_SHA384},
                                                          {"SHA2-512", CKM_SHA512},
                                                          {"SHA2-512/224", CKM_SHA512_224},
                                                          {"SHA2-512/256", CKM_SHA512_256},
                                                          {"SHA3-224", CKM_SHA3_224},
                                                          {"SHA3-256", CKM_SHA3_256},
                                                          {"SHA3-384", CKM_SHA3_384},
                                                          {"SHA3-512", CKM_SHA3_512}};
    P11Session p11;
    const auto prompt = load_vector_json("acvp/HKDF-1.0/prompt.json");
    const auto expected = load_vector_json("acvp/HKDF-1.0/expectedResults.json");
    int run = 0, empty_ikm = 0;
    for (const auto& group : prompt.at("testGroups")) {
        ASSERT_EQ(group.at("testType"), "AFT");
        const CK_MECHANISM_TYPE hash = prf.at(group.at("hmacAlg").get<std::string>());
        for (const auto& t : group.at("tests")) {
            const int id = t.at("tcId").get<int>();
            const Bytes ikm = from_hex(t.at("inputKeyingMaterial").get<std::string>());
            if (ikm.empty()) {
                AttrBuilder b;
                b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                    .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
                    .add(CKA_VALUE, ikm);
                auto attrs = b.build();
                CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
                EXPECT_EQ(p11.fn()->C_CreateObject(p11.session(), attrs.data(), attrs.size(), &h),
                          CKR_ATTRIBUTE_VALUE_INVALID);
                ++empty_ikm;
                continue;
            }
            const auto* want = find_acvp_test(expected, group.at("tgId"), id);
            ASSERT_NE(want, nullptr);
            const CK_OBJECT_HANDLE base = p11.secret_key(CKK_GENERIC_SECRET, ikm);
            HkdfCall c;
            c.prf = hash;
            const Bytes salt = from_hex(t.at("salt").get<std::string>());
            if (!salt.empty()) c.salt = salt;
            c.info = from_hex(t.at("otherInfo").get<std::string>());
            c.length = t.at("keyLength").get<CK_ULONG>();
            const HkdfResult r = hkdf_derive(p11, base, c);
            ASSERT_EQ(r.rv, CKR_OK) << "tcId " << id << " " << rv_name(r.rv);
            EXPECT_EQ(to_hex(r.value), want->at("derivedKey").get<std::string>()) << "tcId " << id;
            p11.fn()->C_DestroyObject(p11.session(), r.handle);
            p11.fn()->C_DestroyObject(p11.session(), base);
            ++run;
        }
    }
    EXPECT_EQ(run, 539);
    EXPECT_EQ(empty_ikm, 11);
}

}  // namespace
}  // namespace craton::test
