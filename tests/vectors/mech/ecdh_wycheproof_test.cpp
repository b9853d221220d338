// Wycheproof ECDH (P-256, P-384) through C_DeriveKey with CKM_ECDH1_DERIVE and CKD_NULL.
//
// CKM_ECDH1_DERIVE takes the peer's point, not its SubjectPublicKeyInfo. For the ecpoint files
// the point goes straight in. For the SPKI files the test plays the client: it takes the point
// out of a strict-DER SPKI naming id-ecPublicKey on the base key's named curve. An SPKI that
// is not DER, names another curve, spells the curve out as explicit parameters, or uses
// another algorithm cannot be expressed to C_DeriveKey (the curve is the base key's); such a
// case is counted as rejected before the API and must not be "valid". Every other case must
// give the file's verdict: "valid" derives the expected secret, "invalid" is refused
// (CKR_MECHANISM_PARAM_INVALID), "acceptable" may do either but never a wrong secret.
#include <gtest/gtest.h>

#include <optional>

#include "support/vector_file.h"
#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;

const Bytes kIdEcPublicKey = {0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};

struct Tlv {
    std::uint8_t tag;
    Bytes content;
    Bytes whole;
};

// Reads one strict-DER TLV at `pos` (definite, minimal length).
std::optional<Tlv> read_tlv(const Bytes& in, std::size_t& pos) {
    const std::size_t start = pos;
    if (pos + 2 > in.size()) return std::nullopt;
    const std::uint8_t tag = in[pos++];
    std::size_t len = in[pos++];
    if (len & 0x80) {
        const std::size_t n = len & 0x7f;
        if (n == 0 || n > 2 || pos + n > in.size()) return std::nullopt;
        len = 0;
        for (std::size_t i = 0; i < n; ++i) len = (len << 8) | in[pos++];
        if (len < 0x80 || (n == 2 && len < 0x100)) return std::nullopt;
    }
    if (pos + len > in.size()) return std::nullopt;
    Tlv t{tag,
          Bytes(in.begin() + static_cast<std::ptrdiff_t>(pos),
                in.begin() + static_cast<std::ptrdiff_t>(pos + len)),
          Bytes(in.begin() + static_cast<std::ptrdiff_t>(start),
                in.begin() + static_cast<std::ptrdiff_t>(pos + len))};
    pos += len;
    return t;
}

// The point of an SPKI for `curve_oid`, or nullopt when a client could not send it.
std::optional<Bytes> spki_point(const Bytes& spki, const Bytes& curve_oid) {
    std::size_t pos = 0;
    const auto outer = read_tlv(spki, pos);
    if (!outer || outer->tag != 0x30 || pos != spki.size()) return std::nullopt;
    std::size_t in = 0;
    const auto alg = read_tlv(outer->content, in);
    const auto bits = read_tlv(outer->content, in);
    if (!alg || !bits || alg->tag != 0x30 || bits->tag != 0x03 || in != outer->content.size()) {
        return std::nullopt;
    }
    std::size_t a = 0;
    const auto oid = read_tlv(alg->content, a);
    const auto params = read_tlv(alg->content, a);
    if (!oid || !params || a != alg->content.size() || oid->whole != kIdEcPublicKey ||
        params->whole != curve_oid) {
        return std::nullopt;
    }
    if (bits->content.empty() || bits->content[0] != 0) return std::nullopt;
    return Bytes(bits->content.begin() + 1, bits->content.end());
}

struct EcdhFile {
    const char* name;
    bool spki;
    const Bytes* params;
    int tests;
    int pre_api;
    int accepted;
};

void run(const EcdhFile& f) {
    EcSession s;
    const auto j = load_vector_json(std::string("wycheproof/") + f.name);
    int total = 0, pre_api = 0, accepted = 0, rejected = 0;
    for (const auto& g : j.at("testGroups")) {
        for (const auto& t : g.at("tests")) {
            ++total;
            const int id = t.at("tcId");
            const std::string result = t.at("result");
            const Bytes raw_public = from_hex(t.at("public").get<std::string>());
            const auto point =
                f.spki ? spki_point(raw_public, *f.params) : std::optional<Bytes>(raw_public);
            if (!point) {
                ++pre_api;
                EXPECT_NE(result, "valid") << "tcId " << id;
                continue;
            }
            const CK_OBJECT_HANDLE priv =
                s.private_key(CKK_EC, *f.params, from_hex(t.at("private").get<std::string>()));
            ASSERT_NE(priv, CK_INVALID_HANDLE) << "tcId " << id;
            // Clients send the point bare or DER-wrapped; alternate so both paths see everything.
            const Bytes public_data = id % 2 == 0 ? octet_string(*point) : *point;
            Bytes secret;
            const CK_RV rv = s.derive(priv, CKD_NULL, public_data, {}, 0, &secret);
            if (rv == CKR_OK) {
                ++accepted;
                EXPECT_NE(result, "invalid") << "tcId " << id << " " << t.at("comment");
                EXPECT_EQ(to_hex(secret), to_hex(from_hex(t.at("shared").get<std::string>())))
                    << "tcId " << id;
            } else {
                ++rejected;
                EXPECT_NE(result, "valid") << "tcId " << id << " " << rv_name(rv);
                EXPECT_EQ(rv, static_cast<CK_RV>(CKR_MECHANISM_PARAM_INVALID)) << "tcId " << id;
            }
            s.fn()->C_DestroyObject(s.session(), priv);
        }
    }
    EXPECT_EQ(total, j.at("numberOfTests").get<int>());
    EXPECT_EQ(total, f.tests);
    EXPECT_EQ(pre_api, f.pre_api);
    EXPECT_EQ(accepted, f.accepted);
    ::testing::Test::RecordProperty("cases", total);
    ::testing::Test::RecordProperty("rejected_before_api", pre_api);
    ::testing::Test::RecordProperty("derived", accepted);
    ::testing::Test::RecordProperty("rejected_by_module", rejected);
}

// Derived = the "valid" cases plus the one "acceptable" compressed point, which we support.
// Before the API (SPKI files only): the 222 "InvalidAsn" encodings and the SPKIs with explicit,
// modified or other-curve parameters; none is "valid".
TEST(EcWycheproofEcdh, P256Spki) {
    run({"ecdh_secp256r1_test.json", true, &kP256Oid, 612, 249, 331});
}
TEST(EcWycheproofEcdh, P384Spki) {
    run({"ecdh_secp384r1_test.json", true, &kP384Oid, 1047, 249, 772});
}
TEST(EcWycheproofEcdh, P256Point) {
    run({"ecdh_secp256r1_ecpoint_test.json", false, &kP256Oid, 355, 0, 331});
}
TEST(EcWycheproofEcdh, P384Point) {
    run({"ecdh_secp384r1_ecpoint_test.json", false, &kP384Oid, 790, 0, 772});
}

}  // namespace
}  // namespace craton::test
