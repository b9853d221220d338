#include "mech/ec_curve.h"

#include <openssl/obj_mac.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/error.h"
#include "rng/openssl_rand.h"

namespace craton::mech::ec {
namespace {

constexpr std::array<std::uint8_t, 10> kP256Oid = {0x06, 0x08, 0x2a, 0x86, 0x48,
                                                   0xce, 0x3d, 0x03, 0x01, 0x07};
constexpr std::array<std::uint8_t, 7> kP384Oid = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
constexpr std::array<std::uint8_t, 5> kEd25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x70};
constexpr std::array<std::uint8_t, 5> kX25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x6e};
// GnuPG's OIDs, which OpenSC's pkcs11-tool (0.23, Debian 12) still sends for the 25519 curves.
constexpr std::array<std::uint8_t, 11> kGnuEd25519Oid = {0x06, 0x09, 0x2b, 0x06, 0x01, 0x04,
                                                         0x01, 0xda, 0x47, 0x0f, 0x01};
constexpr std::array<std::uint8_t, 12> kGnuX25519Oid = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
                                                        0x01, 0x97, 0x55, 0x01, 0x05, 0x01};

constexpr std::uint8_t kTagOctetString = 0x04;
constexpr std::uint8_t kTagNull = 0x05;
constexpr std::uint8_t kTagOid = 0x06;
constexpr std::uint8_t kTagPrintableString = 0x13;
constexpr std::uint8_t kTagSequence = 0x30;

const EC_GROUP* make_group(int nid) {
    // In the module's library context: P-384 scalar multiplication blinds with its DRBG.
    EC_GROUP* g = EC_GROUP_new_by_curve_name_ex(rng::openssl_libctx(), nullptr, nid);
    if (g == nullptr) fail(CKR_GENERAL_ERROR, "EC group unavailable");
    return g;
}

// SubjectPublicKeyInfo up to the public key bytes (RFC 5480, RFC 8410): SEQUENCE { SEQUENCE
// { algorithm OID [, curve OID] }, BIT STRING with 0 unused bits }. Every key of a curve has
// the same prefix, so an SPKI is this plus the bare key; OpenSSL's encoder framework costs
// two thirds of a P-256 key generation for the same bytes (callgrind).
constexpr std::array<std::uint8_t, 26> kP256Spki = {
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
constexpr std::array<std::uint8_t, 23> kP384Spki = {0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86,
                                                    0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b,
                                                    0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00};
constexpr std::array<std::uint8_t, 12> kEd25519Spki = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                       0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
constexpr std::array<std::uint8_t, 12> kX25519Spki = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                      0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

const Curve kP256{"P-256",
                  "P-256",
                  NID_X9_62_prime256v1,
                  CKK_EC,
                  Form::Weierstrass,
                  256,
                  32,
                  32,
                  ByteView(kP256Oid),
                  ByteView(kP256Spki)};
const Curve kP384{"P-384",
                  "P-384",
                  NID_secp384r1,
                  CKK_EC,
                  Form::Weierstrass,
                  384,
                  48,
                  48,
                  ByteView(kP384Oid),
                  ByteView(kP384Spki)};
const Curve kEd25519{
    "Ed25519", "ED25519", NID_ED25519, CKK_EC_EDWARDS,        Form::Edwards,
    255,       32,        32,          ByteView(kEd25519Oid), ByteView(kEd25519Spki)};
const Curve kX25519{"X25519", "X25519", NID_X25519, CKK_EC_MONTGOMERY,    Form::Montgomery,
                    255,      32,       32,         ByteView(kX25519Oid), ByteView(kX25519Spki)};

bool equals(ByteView a, ByteView b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// One DER TLV with definite length spanning all of `der`; returns (tag, content).
std::optional<std::pair<std::uint8_t, ByteView>> single_tlv(ByteView der) {
    if (der.size() < 2) return std::nullopt;
    const std::uint8_t tag = der[0];
    std::size_t len = der[1];
    std::size_t header = 2;
    if (len & 0x80) {
        const std::size_t n = len & 0x7f;
        if (n == 0 || n > 2 || der.size() < 2 + n) return std::nullopt;
        len = 0;
        for (std::size_t i = 0; i < n; ++i) len = (len << 8) | der[2 + i];
        // DER: minimal length encoding only.
        if (len < 0x80 || (n == 2 && len < 0x100)) return std::nullopt;
        header += n;
    }
    if (der.size() != header + len) return std::nullopt;
    return std::make_pair(tag, der.subspan(header));
}

const Curve* known_oid(ByteView der) {
    if (equals(der, kP256Oid)) return &kP256;
    if (equals(der, kP384Oid)) return &kP384;
    if (equals(der, kEd25519Oid) || equals(der, kGnuEd25519Oid)) return &kEd25519;
    if (equals(der, kX25519Oid) || equals(der, kGnuX25519Oid)) return &kX25519;
    return nullptr;
}

const Curve* known_name(ByteView content) {
    const std::string_view name(reinterpret_cast<const char*>(content.data()), content.size());
    if (name == "prime256v1" || name == "secp256r1" || name == "P-256") return &kP256;
    if (name == "secp384r1" || name == "P-384") return &kP384;
    if (name == "edwards25519" || name == "Ed25519") return &kEd25519;
    if (name == "curve25519" || name == "X25519") return &kX25519;
    return nullptr;
}

bool weierstrass_shape(const Curve& c, ByteView p) {
    if (p.empty()) return false;
    if (p[0] == 0x04) return p.size() == 1 + 2 * c.coord_len;
    if (p[0] == 0x02 || p[0] == 0x03) return p.size() == 1 + c.coord_len;
    return false;
}

}  // namespace

const EC_GROUP* Curve::group() const {
    static const EC_GROUP* g256 = make_group(kP256.nid);
    static const EC_GROUP* g384 = make_group(kP384.nid);
    if (nid == kP256.nid) return g256;
    if (nid == kP384.nid) return g384;
    fail(CKR_GENERAL_ERROR, "no EC_GROUP for this curve");
}

const Curve& p256() {
    return kP256;
}
const Curve& p384() {
    return kP384;
}
const Curve& ed25519() {
    return kEd25519;
}
const Curve& x25519() {
    return kX25519;
}

const Curve& curve_from_params(ByteView params, CK_KEY_TYPE key_type, CK_RV malformed) {
    const auto tlv = single_tlv(params);
    if (!tlv) fail(malformed);
    const auto& [tag, content] = *tlv;
    const Curve* c = nullptr;
    switch (tag) {
        case kTagOid:
            if (content.empty()) fail(malformed);
            c = known_oid(params);
            break;
        case kTagPrintableString:
            c = known_name(content);
            break;
        case kTagSequence:  // explicit domain parameters: only named curves are supported
        case kTagNull:      // implicitlyCA
            break;
        default:
            fail(malformed);
    }
    if (c == nullptr || c->key_type != key_type) fail(CKR_CURVE_NOT_SUPPORTED);
    return *c;
}

Bytes der_octet_string(ByteView content) {
    Bytes out;
    out.reserve(content.size() + 4);
    out.push_back(kTagOctetString);
    if (content.size() < 0x80) {
        out.push_back(static_cast<std::uint8_t>(content.size()));
    } else if (content.size() < 0x100) {
        out.push_back(0x81);
        out.push_back(static_cast<std::uint8_t>(content.size()));
    } else {
        out.push_back(0x82);
        out.push_back(static_cast<std::uint8_t>(content.size() >> 8));
        out.push_back(static_cast<std::uint8_t>(content.size()));
    }
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

std::optional<ByteView> der_octet_string_content(ByteView der) {
    const auto tlv = single_tlv(der);
    if (!tlv || tlv->first != kTagOctetString) return std::nullopt;
    return tlv->second;
}

std::optional<ByteView> bare_point(const Curve& c, ByteView encoded) {
    // The two forms cannot be confused: a bare point that also parsed as an OCTET STRING would
    // have content of a length no point of this curve has.
    const auto inner = der_octet_string_content(encoded);
    if (c.form == Form::Weierstrass) {
        if (inner && weierstrass_shape(c, *inner)) return inner;
        if (weierstrass_shape(c, encoded)) return encoded;
        return std::nullopt;
    }
    if (inner && inner->size() == c.coord_len) return inner;
    if (encoded.size() == c.coord_len) return encoded;
    return std::nullopt;
}

}  // namespace craton::mech::ec
