// Wycheproof HMAC-SHA-256/384/512 through the ABI: every case is verified with C_Verify, and
// every valid case is also signed with C_Sign and compared. Groups with a truncated tag run
// the _GENERAL mechanism with the group's tag size.
#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "support/vector_file.h"

namespace craton::test {
namespace {

struct Counts {
    int valid = 0;
    int invalid = 0;
};

// ASSERTs need a void function, so the counts come back through `counts`.
void run_file(const char* file, CK_MECHANISM_TYPE full_mech, CK_MECHANISM_TYPE general_mech,
              std::size_t full_bytes, Counts& counts) {
    P11Session p11;
    auto* f = p11.fn();
    const auto doc = load_vector_json(std::string("wycheproof/") + file);
    for (const auto& group : doc.at("testGroups")) {
        const std::size_t tag_bytes = group.at("tagSize").get<std::size_t>() / 8;
        CK_MAC_GENERAL_PARAMS general_len = tag_bytes;
        CK_MECHANISM mech = tag_bytes == full_bytes
                                ? CK_MECHANISM{full_mech, nullptr, 0}
                                : CK_MECHANISM{general_mech, &general_len, sizeof general_len};
        for (const auto& t : group.at("tests")) {
            const int id = t.at("tcId").get<int>();
            const Bytes key = from_hex(t.at("key").get<std::string>());
            Bytes msg = from_hex(t.at("msg").get<std::string>());
            Bytes tag = from_hex(t.at("tag").get<std::string>());
            const bool valid = t.at("result") == "valid";
            const CK_OBJECT_HANDLE h = p11.secret_key(CKK_GENERIC_SECRET, key);
            ASSERT_NE(h, CK_INVALID_HANDLE) << file << " tcId " << id;

            ASSERT_EQ(f->C_VerifyInit(p11.session(), &mech, h), CKR_OK) << file << " tcId " << id;
            const CK_RV rv =
                f->C_Verify(p11.session(), msg.data(), msg.size(), tag.data(), tag.size());
            if (valid) {
                EXPECT_EQ(rv, CKR_OK) << file << " tcId " << id << " " << rv_name(rv);
                ASSERT_EQ(f->C_SignInit(p11.session(), &mech, h), CKR_OK);
                Bytes out(64);
                CK_ULONG out_len = out.size();
                ASSERT_EQ(f->C_Sign(p11.session(), msg.data(), msg.size(), out.data(), &out_len),
                          CKR_OK);
                out.resize(out_len);
                EXPECT_EQ(to_hex(out), to_hex(tag)) << file << " tcId " << id;
                ++counts.valid;
            } else {
                EXPECT_TRUE(rv == CKR_SIGNATURE_INVALID || rv == CKR_SIGNATURE_LEN_RANGE)
                    << file << " tcId " << id << " " << rv_name(rv);
                ++counts.invalid;
            }
            f->C_DestroyObject(p11.session(), h);
        }
    }
    EXPECT_EQ(counts.valid + counts.invalid, doc.at("numberOfTests").get<int>()) << file;
}

TEST(HmacWycheproof, Sha256) {
    Counts c;
    run_file("hmac_sha256_test.json", CKM_SHA256_HMAC, CKM_SHA256_HMAC_GENERAL, 32, c);
    EXPECT_EQ(c.valid, 66);
    EXPECT_EQ(c.invalid, 108);
}

TEST(HmacWycheproof, Sha384) {
    Counts c;
    run_file("hmac_sha384_test.json", CKM_SHA384_HMAC, CKM_SHA384_HMAC_GENERAL, 48, c);
    EXPECT_EQ(c.valid, 66);
    EXPECT_EQ(c.invalid, 108);
}

TEST(HmacWycheproof, Sha512) {
    Counts c;
    run_file("hmac_sha512_test.json", CKM_SHA512_HMAC, CKM_SHA512_HMAC_GENERAL, 64, c);
    EXPECT_EQ(c.valid, 66);
    EXPECT_EQ(c.invalid, 108);
}

}  // namespace
}  // namespace craton::test
