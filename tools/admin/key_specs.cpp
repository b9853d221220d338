// The key-type table behind `keys generate` and the names `objects list|show` print
// (key_specs.h).
#include "key_specs.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace craton::admin {
namespace {

struct Curve {
    const char* name;
    std::array<std::uint8_t, 10> oid;
    std::size_t oid_len;
};
// The OIDs the module's EC families accept (src/mech/ec_curve.cpp).
constexpr std::array<Curve, 4> kCurves = {{
    {"P-256", {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}, 10},
    {"P-384", {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22}, 7},
    {"Ed25519", {0x06, 0x03, 0x2b, 0x65, 0x70}, 5},
    {"X25519", {0x06, 0x03, 0x2b, 0x65, 0x6e}, 5},
}};

struct SetName {
    CK_ULONG set;
    const char* name;
};
constexpr std::array<SetName, 12> kSlhDsaSets = {{
    {CKP_SLH_DSA_SHA2_128S, "SHA2-128s"},
    {CKP_SLH_DSA_SHAKE_128S, "SHAKE-128s"},
    {CKP_SLH_DSA_SHA2_128F, "SHA2-128f"},
    {CKP_SLH_DSA_SHAKE_128F, "SHAKE-128f"},
    {CKP_SLH_DSA_SHA2_192S, "SHA2-192s"},
    {CKP_SLH_DSA_SHAKE_192S, "SHAKE-192s"},
    {CKP_SLH_DSA_SHA2_192F, "SHA2-192f"},
    {CKP_SLH_DSA_SHAKE_192F, "SHAKE-192f"},
    {CKP_SLH_DSA_SHA2_256S, "SHA2-256s"},
    {CKP_SLH_DSA_SHAKE_256S, "SHAKE-256s"},
    {CKP_SLH_DSA_SHA2_256F, "SHA2-256f"},
    {CKP_SLH_DSA_SHAKE_256F, "SHAKE-256f"},
}};

KeySpec secret(const char* name, CK_MECHANISM_TYPE mech, CK_KEY_TYPE type, Usage usage,
               CK_ULONG bytes) {
    KeySpec s{name, mech, type, false, usage};
    s.value_len = bytes;
    return s;
}
KeySpec rsa(const char* name, CK_ULONG bits) {
    KeySpec s{name, CKM_RSA_PKCS_KEY_PAIR_GEN, CKK_RSA, true, Usage::RsaAll};
    s.modulus_bits = bits;
    return s;
}
KeySpec ec(const char* name, CK_MECHANISM_TYPE mech, CK_KEY_TYPE type, Usage usage,
           const char* curve) {
    KeySpec s{name, mech, type, true, usage};
    s.curve = curve;
    return s;
}
KeySpec pqc(const char* name, CK_MECHANISM_TYPE mech, CK_KEY_TYPE type, Usage usage, CK_ULONG set) {
    KeySpec s{name, mech, type, true, usage};
    s.parameter_set = set;
    return s;
}

const std::vector<KeySpec>& table() {
    static const std::vector<KeySpec> specs = [] {
        std::vector<KeySpec> v = {
            secret("aes-128", CKM_AES_KEY_GEN, CKK_AES, Usage::Cipher, 16),
            secret("aes-192", CKM_AES_KEY_GEN, CKK_AES, Usage::Cipher, 24),
            secret("aes-256", CKM_AES_KEY_GEN, CKK_AES, Usage::Cipher, 32),
            secret("generic-secret", CKM_GENERIC_SECRET_KEY_GEN, CKK_GENERIC_SECRET, Usage::Mac,
                   32),
            secret("hkdf", CKM_HKDF_KEY_GEN, CKK_HKDF, Usage::Derive, 32),
            rsa("rsa-2048", 2048),
            rsa("rsa-3072", 3072),
            rsa("rsa-4096", 4096),
            ec("ec-p256", CKM_EC_KEY_PAIR_GEN, CKK_EC, Usage::Signature, "P-256"),
            ec("ec-p384", CKM_EC_KEY_PAIR_GEN, CKK_EC, Usage::Signature, "P-384"),
            ec("ed25519", CKM_EC_EDWARDS_KEY_PAIR_GEN, CKK_EC_EDWARDS, Usage::Signature, "Ed25519"),
            ec("x25519", CKM_EC_MONTGOMERY_KEY_PAIR_GEN, CKK_EC_MONTGOMERY, Usage::KeyAgreement,
               "X25519"),
            pqc("ml-kem-512", CKM_ML_KEM_KEY_PAIR_GEN, CKK_ML_KEM, Usage::Kem, CKP_ML_KEM_512),
            pqc("ml-kem-768", CKM_ML_KEM_KEY_PAIR_GEN, CKK_ML_KEM, Usage::Kem, CKP_ML_KEM_768),
            pqc("ml-kem-1024", CKM_ML_KEM_KEY_PAIR_GEN, CKK_ML_KEM, Usage::Kem, CKP_ML_KEM_1024),
            pqc("ml-dsa-44", CKM_ML_DSA_KEY_PAIR_GEN, CKK_ML_DSA, Usage::Signature, CKP_ML_DSA_44),
            pqc("ml-dsa-65", CKM_ML_DSA_KEY_PAIR_GEN, CKK_ML_DSA, Usage::Signature, CKP_ML_DSA_65),
            pqc("ml-dsa-87", CKM_ML_DSA_KEY_PAIR_GEN, CKK_ML_DSA, Usage::Signature, CKP_ML_DSA_87),
        };
        // "slh-dsa-sha2-128s" ... from the parameter-set names, so the two cannot drift apart.
        static std::vector<std::string> slh_names;
        slh_names.reserve(kSlhDsaSets.size());
        for (const auto& s : kSlhDsaSets) {
            std::string n = std::string("slh-dsa-") + s.name;
            for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            slh_names.push_back(n);
        }
        for (std::size_t i = 0; i < kSlhDsaSets.size(); ++i) {
            v.push_back(pqc(slh_names[i].c_str(), CKM_SLH_DSA_KEY_PAIR_GEN, CKK_SLH_DSA,
                            Usage::Signature, kSlhDsaSets[i].set));
        }
        KeySpec hybrid{"x25519-ml-kem-768", CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN,
                       CKK_CRATON_X25519_ML_KEM_768, true, Usage::Kem};
        v.push_back(hybrid);
        return v;
    }();
    return specs;
}

}  // namespace

std::span<const KeySpec> key_specs() {
    return table();
}

const KeySpec* find_key_spec(const std::string& name) {
    for (const KeySpec& s : table()) {
        if (name == s.name) return &s;
    }
    return nullptr;
}

Bytes curve_oid(const std::string& curve) {
    for (const auto& c : kCurves) {
        if (curve == c.name) return Bytes(c.oid.begin(), c.oid.begin() + c.oid_len);
    }
    return {};
}

std::string curve_name(ByteView ec_params) {
    for (const auto& c : kCurves) {
        if (ec_params.size() == c.oid_len &&
            std::equal(ec_params.begin(), ec_params.end(), c.oid.begin())) {
            return c.name;
        }
    }
    // A PrintableString curve name, as some clients send it.
    if (ec_params.size() > 2 && ec_params[0] == 0x13 && ec_params[1] == ec_params.size() - 2) {
        return std::string(ec_params.begin() + 2, ec_params.end());
    }
    return "unknown curve";
}

std::string class_name(CK_OBJECT_CLASS cls) {
    switch (cls) {
        case CKO_DATA:
            return "data";
        case CKO_CERTIFICATE:
            return "certificate";
        case CKO_PUBLIC_KEY:
            return "public-key";
        case CKO_PRIVATE_KEY:
            return "private-key";
        case CKO_SECRET_KEY:
            return "secret-key";
        default:
            break;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "class-0x%lx", static_cast<unsigned long>(cls));
    return buf;
}

std::string key_type_name(CK_KEY_TYPE type) {
    switch (type) {
        case CKK_RSA:
            return "RSA";
        case CKK_EC:
            return "EC";
        case CKK_EC_EDWARDS:
            return "EC-Edwards";
        case CKK_EC_MONTGOMERY:
            return "EC-Montgomery";
        case CKK_AES:
            return "AES";
        case CKK_GENERIC_SECRET:
            return "generic-secret";
        case CKK_HKDF:
            return "HKDF";
        case CKK_ML_KEM:
            return "ML-KEM";
        case CKK_ML_DSA:
            return "ML-DSA";
        case CKK_SLH_DSA:
            return "SLH-DSA";
        case CKK_CRATON_X25519_ML_KEM_768:
            return "X25519-ML-KEM-768";
        default:
            break;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "key-type-0x%lx", static_cast<unsigned long>(type));
    return buf;
}

std::string parameter_set_name(CK_KEY_TYPE type, CK_ULONG set) {
    if (type == CKK_ML_KEM && set >= CKP_ML_KEM_512 && set <= CKP_ML_KEM_1024) {
        static constexpr const char* kNames[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};
        return kNames[set - CKP_ML_KEM_512];
    }
    if (type == CKK_ML_DSA && set >= CKP_ML_DSA_44 && set <= CKP_ML_DSA_87) {
        static constexpr const char* kNames[] = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"};
        return kNames[set - CKP_ML_DSA_44];
    }
    if (type == CKK_SLH_DSA) {
        for (const auto& s : kSlhDsaSets) {
            if (s.set == set) return std::string("SLH-DSA-") + s.name;
        }
    }
    return {};
}

}  // namespace craton::admin
