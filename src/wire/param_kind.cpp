#include "wire/param_kind.h"

#include <craton/pkcs11/craton_vendor.h>

namespace craton::wire {

ParamKind param_kind(CK_MECHANISM_TYPE type) {
    switch (type) {
        case CKM_AES_CBC:
        case CKM_AES_CBC_PAD:
        case CKM_AES_OFB:
        case CKM_AES_CFB8:
        case CKM_AES_CFB64:
        case CKM_AES_CFB128:
        case CKM_AES_CTS:
        case CKM_AES_KEY_WRAP:
        case CKM_AES_KEY_WRAP_PAD:
        case CKM_AES_KEY_WRAP_KWP:
            return ParamKind::Bytes;
        case CKM_SHA_1_HMAC_GENERAL:
        case CKM_SHA224_HMAC_GENERAL:
        case CKM_SHA256_HMAC_GENERAL:
        case CKM_SHA384_HMAC_GENERAL:
        case CKM_SHA512_HMAC_GENERAL:
        case CKM_SHA3_224_HMAC_GENERAL:
        case CKM_SHA3_256_HMAC_GENERAL:
        case CKM_SHA3_384_HMAC_GENERAL:
        case CKM_SHA3_512_HMAC_GENERAL:
        case CKM_AES_MAC_GENERAL:
        case CKM_AES_CMAC_GENERAL:
            return ParamKind::Ulong;
        case CKM_AES_GCM:
            return ParamKind::Gcm;
        case CKM_RSA_PKCS_OAEP:
            return ParamKind::Oaep;
        case CKM_RSA_PKCS_PSS:
        case CKM_SHA1_RSA_PKCS_PSS:
        case CKM_SHA224_RSA_PKCS_PSS:
        case CKM_SHA256_RSA_PKCS_PSS:
        case CKM_SHA384_RSA_PKCS_PSS:
        case CKM_SHA512_RSA_PKCS_PSS:
        case CKM_SHA3_224_RSA_PKCS_PSS:
        case CKM_SHA3_256_RSA_PKCS_PSS:
        case CKM_SHA3_384_RSA_PKCS_PSS:
        case CKM_SHA3_512_RSA_PKCS_PSS:
            return ParamKind::Pss;
        case CKM_ECDH1_DERIVE:
        case CKM_ECDH1_COFACTOR_DERIVE:
            return ParamKind::Ecdh1;
        case CKM_HKDF_DERIVE:
        case CKM_HKDF_DATA:
            return ParamKind::Hkdf;
        case CKM_AES_CTR:
            return ParamKind::AesCtr;
        case CKM_EDDSA:
            return ParamKind::Eddsa;
        // The pure ML-DSA/SLH-DSA mechanisms, their legacy vendor aliases and the forms that
        // hash inside the module (src/mech/pqc_mldsa.cpp, pqc_slhdsa.cpp).
        case CKM_ML_DSA:
        case CKM_SLH_DSA:
        case CKM_CRATON_LEGACY_ML_DSA_44:
        case CKM_CRATON_LEGACY_ML_DSA_65:
        case CKM_CRATON_LEGACY_ML_DSA_87:
        case CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S:
        case CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S:
        case CKM_HASH_ML_DSA_SHA224:
        case CKM_HASH_ML_DSA_SHA256:
        case CKM_HASH_ML_DSA_SHA384:
        case CKM_HASH_ML_DSA_SHA512:
        case CKM_HASH_ML_DSA_SHA3_224:
        case CKM_HASH_ML_DSA_SHA3_256:
        case CKM_HASH_ML_DSA_SHA3_384:
        case CKM_HASH_ML_DSA_SHA3_512:
        case CKM_HASH_ML_DSA_SHAKE128:
        case CKM_HASH_ML_DSA_SHAKE256:
        case CKM_HASH_SLH_DSA_SHA224:
        case CKM_HASH_SLH_DSA_SHA256:
        case CKM_HASH_SLH_DSA_SHA384:
        case CKM_HASH_SLH_DSA_SHA512:
        case CKM_HASH_SLH_DSA_SHA3_224:
        case CKM_HASH_SLH_DSA_SHA3_256:
        case CKM_HASH_SLH_DSA_SHA3_384:
        case CKM_HASH_SLH_DSA_SHA3_512:
        case CKM_HASH_SLH_DSA_SHAKE128:
        case CKM_HASH_SLH_DSA_SHAKE256:
            return ParamKind::SignContext;
        // The caller hashed; the parameter names the hash.
        case CKM_HASH_ML_DSA:
        case CKM_HASH_SLH_DSA:
            return ParamKind::HashSignContext;
        default:
            return ParamKind::Unsupported;
    }
}

}  // namespace craton::wire
