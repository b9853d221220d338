#include "wire/param_kind.h"

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
        default:
            return ParamKind::Unsupported;
    }
}

}  // namespace craton::wire
