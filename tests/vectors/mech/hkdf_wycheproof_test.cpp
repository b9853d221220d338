// Wycheproof HKDF-SHA-256/384/512 through C_DeriveKey: extract-and-expand into an extractable
// generic secret of the case's size, whose CKA_VALUE is compared. The invalid cases ask for
// more than 255 hash blocks and must be refused.
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "vectors/mech/hkdf_derive.h"

namespace craton::test {
namespace {

struct Counts {
    int valid = 0;
    int invalid = 0;
};

// ASSERTs need a void function, so the counts come back through `counts`.
void run_file(const char* file, CK_MECHANISM_TYPE prf, Counts& counts) {
    P11Session p11;
    const auto doc = load_vector_json(std::string("wycheproof/") + file);
    for (const auto& group : doc.at("testGroups")) {
        for (const auto& t : group.at("tests")) {
            const int id = t.at("tcId").get<int>();
            const CK_OBJECT_HANDLE base =
                p11.secret_key(CKK_GENERIC_SECRET, from_hex(t.at("ikm").get<std::string>()));
            ASSERT_NE(base, CK_INVALID_HANDLE) << file << " tcId " << id;
            HkdfCall c;
            c.prf = prf;
            // An empty salt is RFC 5869's "not provided": CKF_HKDF_SALT_NULL says exactly that.
            const Bytes salt = from_hex(t.at("salt").get<std::string>());
            if (!salt.empty()) c.salt = salt;
            c.info = from_hex(t.at("info").get<std::string>());
            c.length = t.at("size").get<CK_ULONG>();
            const HkdfResult r = hkdf_derive(p11, base, c);
            if (t.at("result") == "valid") {
                ASSERT_EQ(r.rv, CKR_OK) << file << " tcId " << id << " " << rv_name(r.rv);
                EXPECT_EQ(to_hex(r.value), to_hex(from_hex(t.at("okm").get<std::string>())))
                    << file << " tcId " << id;
                p11.fn()->C_DestroyObject(p11.session(), r.handle);
                ++counts.valid;
            } else {
                EXPECT_EQ(r.rv, CKR_KEY_SIZE_RANGE)
                    << file << " tcId " << id << " " << rv_name(r.rv);
                ++counts.invalid;
            }
            p11.fn()->C_DestroyObject(p11.session(), base);
        }
    }
    EXPECT_EQ(counts.valid + counts.invalid, doc.at("numberOfTests").get<int>()) << file;
}

TEST(HkdfWycheproof, Sha256) {
    Counts c;
    run_file("hkdf_sha256_test.json", CKM_SHA256, c);
    EXPECT_EQ(c.valid, 83);
    EXPECT_EQ(c.invalid, 3);
}

TEST(HkdfWycheproof, Sha384) {
    Counts c;
    run_file("hkdf_sha384_test.json", CKM_SHA384, c);
    EXPECT_EQ(c.valid, 80);
    EXPECT_EQ(c.invalid, 3);
}

TEST(HkdfWycheproof, Sha512) {
    Counts c;
    run_file("hkdf_sha512_test.json", CKM_SHA512, c);
    EXPECT_EQ(c.valid, 80);
    EXPECT_EQ(c.invalid, 3);
}

}  // namespace
}  // namespace craton::test
