// RSA: the mechanism table rows and the CKK_RSA key-type support.
//
// Sizes in CK_MECHANISM_INFO are modulus bits. Operating mechanisms report the widest range any
// of their operations accepts (verification of imported 1024-bit keys); signing, decryption,
// encryption and wrapping refuse moduli below 2048 bits with CKR_KEY_SIZE_RANGE.
#include "mech/registry.h"
#include "mech/rsa_key.h"
#include "mech/rsa_ops.h"
#include "mech/rsa_params.h"

namespace craton::mech {
namespace {

using rsa::Padding;

Mechanism base(CK_MECHANISM_TYPE type, const char* name, CK_FLAGS flags, bool approved) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {rsa::kMinImportBits, rsa::kMaxImportBits, flags};
    m.fips_approved = approved;
    m.key_types = {CKK_RSA};
    return m;
}

void add_signature(Mechanism& m, Padding padding, const rsa::Hash* combined) {
    m.sign = [padding, combined](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return rsa::make_signer(mech, key, padding, combined);
    };
    m.verify = [padding, combined](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return rsa::make_verifier(mech, key, padding, combined);
    };
}

void add_cipher(Mechanism& m, Padding padding) {
    m.encrypt = [padding](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return rsa::make_encryptor(mech, key, padding);
    };
    m.decrypt = [padding](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return rsa::make_decryptor(mech, key, padding);
    };
}

struct Combined {
    CK_MECHANISM_TYPE pkcs1;
    CK_MECHANISM_TYPE pss;
    CK_MECHANISM_TYPE digest;
    const char* pkcs1_name;
    const char* pss_name;
};

constexpr Combined kCombined[] = {
    {CKM_SHA1_RSA_PKCS, CKM_SHA1_RSA_PKCS_PSS, CKM_SHA_1, "SHA1-RSA-PKCS", "SHA1-RSA-PKCS-PSS"},
    {CKM_SHA224_RSA_PKCS, CKM_SHA224_RSA_PKCS_PSS, CKM_SHA224, "SHA224-RSA-PKCS",
     "SHA224-RSA-PKCS-PSS"},
    {CKM_SHA256_RSA_PKCS, CKM_SHA256_RSA_PKCS_PSS, CKM_SHA256, "SHA256-RSA-PKCS",
     "SHA256-RSA-PKCS-PSS"},
    {CKM_SHA384_RSA_PKCS, CKM_SHA384_RSA_PKCS_PSS, CKM_SHA384, "SHA384-RSA-PKCS",
     "SHA384-RSA-PKCS-PSS"},
    {CKM_SHA512_RSA_PKCS, CKM_SHA512_RSA_PKCS_PSS, CKM_SHA512, "SHA512-RSA-PKCS",
     "SHA512-RSA-PKCS-PSS"},
    {CKM_SHA3_224_RSA_PKCS, CKM_SHA3_224_RSA_PKCS_PSS, CKM_SHA3_224, "SHA3-224-RSA-PKCS",
     "SHA3-224-RSA-PKCS-PSS"},
    {CKM_SHA3_256_RSA_PKCS, CKM_SHA3_256_RSA_PKCS_PSS, CKM_SHA3_256, "SHA3-256-RSA-PKCS",
     "SHA3-256-RSA-PKCS-PSS"},
    {CKM_SHA3_384_RSA_PKCS, CKM_SHA3_384_RSA_PKCS_PSS, CKM_SHA3_384, "SHA3-384-RSA-PKCS",
     "SHA3-384-RSA-PKCS-PSS"},
    {CKM_SHA3_512_RSA_PKCS, CKM_SHA3_512_RSA_PKCS_PSS, CKM_SHA3_512, "SHA3-512-RSA-PKCS",
     "SHA3-512-RSA-PKCS-PSS"},
};

}  // namespace

void register_rsa_mechanisms(MechanismRegistry& r) {
    {
        Mechanism m;
        m.type = CKM_RSA_PKCS_KEY_PAIR_GEN;
        m.name = "RSA-PKCS-KEY-PAIR-GEN";
        m.info = {rsa::kMinGenerateBits, rsa::kMaxGenerateBits, CKF_GENERATE_KEY_PAIR};
        m.fips_approved = true;
        m.generated_key_type = CKK_RSA;
        m.generate_key_pair = rsa::generate_key_pair;
        r.add(std::move(m));
    }
    {
        // PKCS#1 v1.5 encryption is no longer approved (SP 800-131A r2), and this one
        // mechanism carries both uses.
        Mechanism m = base(CKM_RSA_PKCS, "RSA-PKCS",
                           CKF_SIGN | CKF_VERIFY | CKF_ENCRYPT | CKF_DECRYPT, false);
        add_signature(m, Padding::Pkcs1, nullptr);
        add_cipher(m, Padding::Pkcs1);
        r.add(std::move(m));
    }
    {
        // Raw RSA with the private key (decrypt, or sign, the same computation) decrypts any
        // other scheme's ciphertext, so it exists only when configuration allows it.
        Mechanism m = base(CKM_RSA_X_509, "RSA-X-509",
                           CKF_SIGN | CKF_VERIFY | CKF_ENCRYPT | CKF_DECRYPT, false);
        m.raw_rsa_private = true;
        add_signature(m, Padding::Raw, nullptr);
        add_cipher(m, Padding::Raw);
        r.add(std::move(m));
    }
    {
        Mechanism m = base(CKM_RSA_PKCS_PSS, "RSA-PKCS-PSS", CKF_SIGN | CKF_VERIFY, true);
        m.sha1_signature_param = rsa::pss_parameter_uses_sha1;
        add_signature(m, Padding::Pss, nullptr);
        r.add(std::move(m));
    }
    {
        Mechanism m = base(CKM_RSA_PKCS_OAEP, "RSA-PKCS-OAEP",
                           CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP, true);
        add_cipher(m, Padding::Oaep);
        m.wrap = rsa::oaep_wrap;
        m.unwrap = rsa::oaep_unwrap;
        r.add(std::move(m));
    }
    for (const Combined& c : kCombined) {
        const rsa::Hash* hash = rsa::hash_by_digest(c.digest);
        const bool sha1 = c.digest == CKM_SHA_1;
        for (const bool pss : {false, true}) {
            Mechanism m = base(pss ? c.pss : c.pkcs1, pss ? c.pss_name : c.pkcs1_name,
                               CKF_SIGN | CKF_VERIFY, !sha1);
            m.sha1_signature = sha1;
            add_signature(m, pss ? Padding::Pss : Padding::Pkcs1, hash);
            r.add(std::move(m));
        }
    }

    KeyTypeSupport k;
    k.type = CKK_RSA;
    k.complete_import = rsa::complete_import;
    k.encode_private = rsa::encode_private;
    k.decode_private = rsa::decode_private;
    r.add_key_type(std::move(k));
}

}  // namespace craton::mech
