/*
 * Craton HSM - PKCS#11 3.2 additions.
 *
 * Types and constants that OASIS PKCS#11 3.2 adds on top of 3.0, most
 * importantly the post-quantum key types and mechanisms (ML-KEM, ML-DSA,
 * SLH-DSA) together with the key encapsulation and signature-context
 * structures they need. Kept apart from the 3.0 material so that reviewers
 * can see at a glance which parts of our ABI depend on the newer standard.
 *
 * Values were checked against the OASIS PKCS#11 3.2 specification and its
 * published companion header facts. This file is included by
 * pkcs11_types.h; do not include it on its own.
 */
#ifndef CRATON_PKCS11_V32_H
#define CRATON_PKCS11_V32_H

#ifndef CRATON_PKCS11_TYPES_H
#error "include <craton/pkcs11/pkcs11.h> rather than pkcs11_v32.h"
#endif

/*
 * Version reported for the 3.2 interface (CK_INTERFACE named "PKCS 11" whose
 * table is a CK_FUNCTION_LIST_3_2). CRYPTOKI_VERSION_* stays at 3.0; see the
 * comment there.
 */
#define CRATON_PKCS11_V32_VERSION_MAJOR 3
#define CRATON_PKCS11_V32_VERSION_MINOR 2

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

/* Needed by C_GetSessionValidationFlags. */
typedef CK_FLAGS CK_PTR CK_FLAGS_PTR;

typedef struct CK_FUNCTION_LIST_3_2 CK_FUNCTION_LIST_3_2;
typedef CK_FUNCTION_LIST_3_2 CK_PTR CK_FUNCTION_LIST_3_2_PTR;
typedef CK_FUNCTION_LIST_3_2_PTR CK_PTR CK_FUNCTION_LIST_3_2_PTR_PTR;

/*
 * Parameter-set selectors stored in CKA_PARAMETER_SET. Each algorithm family
 * numbers its sets from 1, so the type tells which CKP_ list applies.
 */
typedef CK_ULONG CK_ML_KEM_PARAMETER_SET_TYPE;
typedef CK_ULONG CK_ML_DSA_PARAMETER_SET_TYPE;
typedef CK_ULONG CK_SLH_DSA_PARAMETER_SET_TYPE;
typedef CK_ULONG CK_XMSS_PARAMETER_SET_TYPE;
typedef CK_ULONG CK_XMSSMT_PARAMETER_SET_TYPE;

/* Stateful hash-based signatures (HSS/LMS). */
typedef CK_ULONG CK_HSS_LEVELS;
typedef CK_ULONG CK_LMS_TYPE;
typedef CK_ULONG CK_LMOTS_TYPE;

typedef CK_ULONG CK_HEDGE_TYPE;

/*
 * Parameter of CKM_ML_DSA and CKM_SLH_DSA (and their message-based forms).
 * pContext is the FIPS 204/205 context string, at most 255 bytes; a NULL
 * mechanism parameter is equivalent to an empty context with hedging
 * preferred.
 */
typedef struct CK_SIGN_ADDITIONAL_CONTEXT {
    CK_HEDGE_TYPE hedgeVariant;
    CK_BYTE_PTR pContext;
    CK_ULONG ulContextLen;
} CK_SIGN_ADDITIONAL_CONTEXT;
typedef CK_SIGN_ADDITIONAL_CONTEXT CK_PTR CK_SIGN_ADDITIONAL_CONTEXT_PTR;

/*
 * Parameter of CKM_HASH_ML_DSA and CKM_HASH_SLH_DSA, where the caller
 * supplies an already computed digest; hash names the digest mechanism so
 * the token can encode the right OID into the pre-hash message.
 */
typedef struct CK_HASH_SIGN_ADDITIONAL_CONTEXT {
    CK_HEDGE_TYPE hedgeVariant;
    CK_BYTE_PTR pContext;
    CK_ULONG ulContextLen;
    CK_MECHANISM_TYPE hash;
} CK_HASH_SIGN_ADDITIONAL_CONTEXT;
typedef CK_HASH_SIGN_ADDITIONAL_CONTEXT CK_PTR CK_HASH_SIGN_ADDITIONAL_CONTEXT_PTR;

/* Wrap parameters for AEAD key wrapping through C_WrapKeyAuthenticated. */
typedef struct CK_GCM_WRAP_PARAMS {
    CK_BYTE_PTR pIv;
    CK_ULONG ulIvLen;
    CK_ULONG ulIvFixedBits;
    CK_GENERATOR_FUNCTION ivGenerator;
    CK_BYTE_PTR pAAD;
    CK_ULONG ulAADLen;
    CK_ULONG ulTagBits;
} CK_GCM_WRAP_PARAMS;
typedef CK_GCM_WRAP_PARAMS CK_PTR CK_GCM_WRAP_PARAMS_PTR;

typedef struct CK_CCM_WRAP_PARAMS {
    CK_ULONG ulDataLen;
    CK_BYTE_PTR pNonce;
    CK_ULONG ulNonceLen;
    CK_ULONG ulNonceFixedBits;
    CK_GENERATOR_FUNCTION nonceGenerator;
    CK_BYTE_PTR pAAD;
    CK_ULONG ulAADLen;
    CK_ULONG ulMACLen;
} CK_CCM_WRAP_PARAMS;
typedef CK_CCM_WRAP_PARAMS CK_PTR CK_CCM_WRAP_PARAMS_PTR;

/* RFC 7627 extended master secret: derived from the session hash. */
typedef struct CK_TLS12_EXTENDED_MASTER_KEY_DERIVE_PARAMS {
    CK_MECHANISM_TYPE prfHashMechanism;
    CK_BYTE_PTR pSessionHash;
    CK_ULONG ulSessionHashLen;
    CK_VERSION_PTR pVersion;
} CK_TLS12_EXTENDED_MASTER_KEY_DERIVE_PARAMS;
typedef CK_TLS12_EXTENDED_MASTER_KEY_DERIVE_PARAMS CK_PTR
    CK_TLS12_EXTENDED_MASTER_KEY_DERIVE_PARAMS_PTR;

/* IKEv1 / IKEv2 PRF based derivations. */
typedef struct CK_IKE2_PRF_PLUS_DERIVE_PARAMS {
    CK_MECHANISM_TYPE prfMechanism;
    CK_BBOOL bHasSeedKey;
    CK_OBJECT_HANDLE hSeedKey;
    CK_BYTE_PTR pSeedData;
    CK_ULONG ulSeedDataLen;
} CK_IKE2_PRF_PLUS_DERIVE_PARAMS;
typedef CK_IKE2_PRF_PLUS_DERIVE_PARAMS CK_PTR CK_IKE2_PRF_PLUS_DERIVE_PARAMS_PTR;

typedef struct CK_IKE_PRF_DERIVE_PARAMS {
    CK_MECHANISM_TYPE prfMechanism;
    CK_BBOOL bDataAsKey;
    CK_BBOOL bRekey;
    CK_BYTE_PTR pNi;
    CK_ULONG ulNiLen;
    CK_BYTE_PTR pNr;
    CK_ULONG ulNrLen;
    CK_OBJECT_HANDLE hNewKey;
} CK_IKE_PRF_DERIVE_PARAMS;
typedef CK_IKE_PRF_DERIVE_PARAMS CK_PTR CK_IKE_PRF_DERIVE_PARAMS_PTR;

typedef struct CK_IKE1_PRF_DERIVE_PARAMS {
    CK_MECHANISM_TYPE prfMechanism;
    CK_BBOOL bHasPrevKey;
    CK_OBJECT_HANDLE hKeygxy;
    CK_OBJECT_HANDLE hPrevKey;
    CK_BYTE_PTR pCKYi;
    CK_ULONG ulCKYiLen;
    CK_BYTE_PTR pCKYr;
    CK_ULONG ulCKYrLen;
    CK_BYTE keyNumber;
} CK_IKE1_PRF_DERIVE_PARAMS;
typedef CK_IKE1_PRF_DERIVE_PARAMS CK_PTR CK_IKE1_PRF_DERIVE_PARAMS_PTR;

typedef struct CK_IKE1_EXTENDED_DERIVE_PARAMS {
    CK_MECHANISM_TYPE prfMechanism;
    CK_BBOOL bHasKeygxy;
    CK_OBJECT_HANDLE hKeygxy;
    CK_BYTE_PTR pExtraData;
    CK_ULONG ulExtraDataLen;
} CK_IKE1_EXTENDED_DERIVE_PARAMS;
typedef CK_IKE1_EXTENDED_DERIVE_PARAMS CK_PTR CK_IKE1_EXTENDED_DERIVE_PARAMS_PTR;

/*
 * Result of an operation finished through C_AsyncComplete. ulVersion lets
 * the standard grow this structure; callers set it before the call.
 */
typedef struct CK_ASYNC_DATA {
    CK_ULONG ulVersion;
    CK_BYTE_PTR pValue;
    CK_ULONG ulValue;
    CK_OBJECT_HANDLE hObject;
    CK_OBJECT_HANDLE hAdditionalObject;
} CK_ASYNC_DATA;
typedef CK_ASYNC_DATA CK_PTR CK_ASYNC_DATA_PTR;

/* Validation (certification) objects and session validation flags. */
typedef CK_ULONG CK_SESSION_VALIDATION_FLAGS_TYPE;
typedef CK_ULONG CK_VALIDATION_TYPE;
typedef CK_VALIDATION_TYPE CK_PTR CK_VALIDATION_TYPE_PTR;
typedef CK_ULONG CK_VALIDATION_AUTHORITY_TYPE;
typedef CK_VALIDATION_AUTHORITY_TYPE CK_PTR CK_VALIDATION_AUTHORITY_TYPE_PTR;

/* Values of the CKA_TRUST_* attributes of CKO_TRUST objects. */
typedef CK_ULONG CK_TRUST;

/* ------------------------------------------------------------------------ */
/* Manifest constants added by 3.2                                          */
/* ------------------------------------------------------------------------ */
/* clang-format off */

/* CK_TOKEN_INFO.flags added by 3.2 */
#define CKF_SEED_RANDOM_REQUIRED            0x02000000UL
#define CKF_ASYNC_SESSION_SUPPORTED         0x04000000UL

/* Session flags added by 3.2 */
#define CKF_ASYNC_SESSION                   0x00000008UL

/* CK_OBJECT_CLASS added by 3.2 */
#define CKO_VALIDATION                      0x0000000aUL
#define CKO_TRUST                           0x0000000bUL

/* CK_PROFILE_ID added by 3.2 */
#define CKP_COMPLETE_PROVIDER               0x00000005UL
#define CKP_HKDF_TLS_TOKEN                  0x00000006UL

/* CK_KEY_TYPE added by 3.2 */
#define CKK_HSS                             0x00000046UL
#define CKK_XMSS                            0x00000047UL
#define CKK_XMSSMT                          0x00000048UL
#define CKK_ML_KEM                          0x00000049UL
#define CKK_ML_DSA                          0x0000004aUL
#define CKK_SLH_DSA                         0x0000004bUL

/* CK_ATTRIBUTE_TYPE added by 3.2
 *
 * The encapsulate/decapsulate templates are attribute arrays, yet the
 * published 3.2 values do not carry CKF_ARRAY_ATTRIBUTE; we follow the
 * published numbers because they are what other libraries put on the wire.
 */
#define CKA_HSS_LEVELS                      0x00000617UL
#define CKA_HSS_LMS_TYPE                    0x00000618UL
#define CKA_HSS_LMOTS_TYPE                  0x00000619UL
#define CKA_HSS_LMS_TYPES                   0x0000061aUL
#define CKA_HSS_LMOTS_TYPES                 0x0000061bUL
#define CKA_HSS_KEYS_REMAINING              0x0000061cUL
#define CKA_PARAMETER_SET                   0x0000061dUL
#define CKA_OBJECT_VALIDATION_FLAGS         0x0000061eUL
#define CKA_VALIDATION_TYPE                 0x0000061fUL
#define CKA_VALIDATION_VERSION              0x00000620UL
#define CKA_VALIDATION_LEVEL                0x00000621UL
#define CKA_VALIDATION_MODULE_ID            0x00000622UL
#define CKA_VALIDATION_FLAG                 0x00000623UL
#define CKA_VALIDATION_AUTHORITY_TYPE       0x00000624UL
#define CKA_VALIDATION_COUNTRY              0x00000625UL
#define CKA_VALIDATION_CERTIFICATE_IDENTIFIER 0x00000626UL
#define CKA_VALIDATION_CERTIFICATE_URI      0x00000627UL
#define CKA_VALIDATION_VENDOR_URI           0x00000628UL
#define CKA_VALIDATION_PROFILE              0x00000629UL
#define CKA_ENCAPSULATE_TEMPLATE            0x0000062aUL
#define CKA_DECAPSULATE_TEMPLATE            0x0000062bUL
#define CKA_TRUST_SERVER_AUTH               0x0000062cUL
#define CKA_TRUST_CLIENT_AUTH               0x0000062dUL
#define CKA_TRUST_CODE_SIGNING              0x0000062eUL
#define CKA_TRUST_EMAIL_PROTECTION          0x0000062fUL
#define CKA_TRUST_IPSEC_IKE                 0x00000630UL
#define CKA_TRUST_TIME_STAMPING             0x00000631UL
#define CKA_TRUST_OCSP_SIGNING              0x00000632UL
#define CKA_ENCAPSULATE                     0x00000633UL
#define CKA_DECAPSULATE                     0x00000634UL
#define CKA_HASH_OF_CERTIFICATE             0x00000635UL
#define CKA_PUBLIC_CRC64_VALUE              0x00000636UL
#define CKA_SEED                            0x00000637UL

/* CK_MECHANISM_TYPE added by 3.2
 *
 * The post-quantum mechanisms fill gaps that earlier versions left in the
 * low range (0x0f, 0x17, 0x1c..0x3f), so numeric order is not age order.
 */
#define CKM_ML_KEM_KEY_PAIR_GEN             0x0000000fUL
#define CKM_ML_KEM                          0x00000017UL
#define CKM_ML_DSA_KEY_PAIR_GEN             0x0000001cUL
#define CKM_ML_DSA                          0x0000001dUL
#define CKM_HASH_ML_DSA                     0x0000001fUL
#define CKM_HASH_ML_DSA_SHA224              0x00000023UL
#define CKM_HASH_ML_DSA_SHA256              0x00000024UL
#define CKM_HASH_ML_DSA_SHA384              0x00000025UL
#define CKM_HASH_ML_DSA_SHA512              0x00000026UL
#define CKM_HASH_ML_DSA_SHA3_224            0x00000027UL
#define CKM_HASH_ML_DSA_SHA3_256            0x00000028UL
#define CKM_HASH_ML_DSA_SHA3_384            0x00000029UL
#define CKM_HASH_ML_DSA_SHA3_512            0x0000002aUL
#define CKM_HASH_ML_DSA_SHAKE128            0x0000002bUL
#define CKM_HASH_ML_DSA_SHAKE256            0x0000002cUL
#define CKM_SLH_DSA_KEY_PAIR_GEN            0x0000002dUL
#define CKM_SLH_DSA                         0x0000002eUL
#define CKM_HASH_SLH_DSA                    0x00000034UL
#define CKM_HASH_SLH_DSA_SHA224             0x00000036UL
#define CKM_HASH_SLH_DSA_SHA256             0x00000037UL
#define CKM_HASH_SLH_DSA_SHA384             0x00000038UL
#define CKM_HASH_SLH_DSA_SHA512             0x00000039UL
#define CKM_HASH_SLH_DSA_SHA3_224           0x0000003aUL
#define CKM_HASH_SLH_DSA_SHA3_256           0x0000003bUL
#define CKM_HASH_SLH_DSA_SHA3_384           0x0000003cUL
#define CKM_HASH_SLH_DSA_SHA3_512           0x0000003dUL
#define CKM_HASH_SLH_DSA_SHAKE128           0x0000003eUL
#define CKM_HASH_SLH_DSA_SHAKE256           0x0000003fUL
#define CKM_TLS12_EXTENDED_MASTER_KEY_DERIVE 0x00000056UL
#define CKM_TLS12_EXTENDED_MASTER_KEY_DERIVE_DH 0x00000057UL
#define CKM_TLS10_MAC_SERVER                0x000003d6UL
#define CKM_TLS10_MAC_CLIENT                0x000003d7UL
#define CKM_AES_KEY_WRAP_PKCS7              0x0000210cUL
#define CKM_IKE2_PRF_PLUS_DERIVE            0x0000402eUL
#define CKM_IKE_PRF_DERIVE                  0x0000402fUL
#define CKM_IKE1_PRF_DERIVE                 0x00004030UL
#define CKM_IKE1_EXTENDED_DERIVE            0x00004031UL
#define CKM_HSS_KEY_PAIR_GEN                0x00004032UL
#define CKM_HSS                             0x00004033UL
#define CKM_XMSS_KEY_PAIR_GEN               0x00004034UL
#define CKM_XMSSMT_KEY_PAIR_GEN             0x00004035UL
#define CKM_XMSS                            0x00004036UL
#define CKM_XMSSMT                          0x00004037UL
#define CKM_ECDH_X_AES_KEY_WRAP             0x00004038UL
#define CKM_ECDH_COF_AES_KEY_WRAP           0x00004039UL
#define CKM_PUB_KEY_FROM_PRIV_KEY           0x0000403aUL

/* CK_MECHANISM_INFO.flags added by 3.2 */
#define CKF_ENCAPSULATE                     0x10000000UL
#define CKF_DECAPSULATE                     0x20000000UL

/* CK_RV added by 3.2 */
#define CKR_KEY_EXHAUSTED                   0x00000203UL
#define CKR_PENDING                         0x00000204UL
#define CKR_SESSION_ASYNC_NOT_SUPPORTED     0x00000205UL
#define CKR_SEED_RANDOM_REQUIRED            0x00000206UL
#define CKR_OPERATION_NOT_VALIDATED         0x00000207UL
#define CKR_TOKEN_NOT_INITIALIZED           0x00000208UL
#define CKR_PARAMETER_SET_NOT_SUPPORTED     0x00000209UL

/* CK_GENERATOR_FUNCTION added by 3.2 */
#define CKG_GENERATE_COUNTER_XOR            0x00000004UL

/* CK_PRF_DATA_TYPE added by 3.2 */
#define CK_SP800_108_KEY_HANDLE             0x00000005UL

/* CK_SESSION_VALIDATION_FLAGS_TYPE (C_GetSessionValidationFlags) */
#define CKS_LAST_VALIDATION_OK              0x00000001UL

/* CK_VALIDATION_AUTHORITY_TYPE (CKA_VALIDATION_AUTHORITY_TYPE) */
#define CKV_AUTHORITY_TYPE_UNSPECIFIED      0x00000000UL
#define CKV_AUTHORITY_TYPE_NIST_CMVP        0x00000001UL
#define CKV_AUTHORITY_TYPE_COMMON_CRITERIA  0x00000002UL

/* CK_VALIDATION_TYPE (CKA_VALIDATION_TYPE) */
#define CKV_TYPE_UNSPECIFIED                0x00000000UL
#define CKV_TYPE_SOFTWARE                   0x00000001UL
#define CKV_TYPE_HARDWARE                   0x00000002UL
#define CKV_TYPE_FIRMWARE                   0x00000003UL
#define CKV_TYPE_HYBRID                     0x00000004UL

/* CK_TRUST (CKA_TRUST_* on CKO_TRUST objects) */
#define CKT_TRUST_UNKNOWN                   0x00000000UL
#define CKT_TRUSTED                         0x00000001UL
#define CKT_TRUST_ANCHOR                    0x00000002UL
#define CKT_NOT_TRUSTED                     0x00000003UL
#define CKT_TRUST_MUST_VERIFY_TRUST         0x00000004UL

/* CK_HEDGE_TYPE (CK_SIGN_ADDITIONAL_CONTEXT.hedgeVariant)
 *
 * Hedged signing mixes fresh randomness into the ML-DSA/SLH-DSA nonce; callers
 * that need reproducible test vectors must ask for CKH_DETERMINISTIC_REQUIRED.
 */
#define CKH_HEDGE_PREFERRED                 0UL
#define CKH_HEDGE_REQUIRED                  1UL
#define CKH_DETERMINISTIC_REQUIRED          2UL

/* CK_ML_KEM_PARAMETER_SET_TYPE (CKA_PARAMETER_SET of CKK_ML_KEM keys) */
#define CKP_ML_KEM_512                      1UL
#define CKP_ML_KEM_768                      2UL
#define CKP_ML_KEM_1024                     3UL

/* CK_ML_DSA_PARAMETER_SET_TYPE (CKA_PARAMETER_SET of CKK_ML_DSA keys) */
#define CKP_ML_DSA_44                       1UL
#define CKP_ML_DSA_65                       2UL
#define CKP_ML_DSA_87                       3UL

/* CK_SLH_DSA_PARAMETER_SET_TYPE (CKA_PARAMETER_SET of CKK_SLH_DSA keys)
 *
 * SHA-2 and SHAKE variants of the same level and speed are numbered as
 * neighbours, so the order is not alphabetical; compare names, not ranges.
 */
#define CKP_SLH_DSA_SHA2_128S               1UL
#define CKP_SLH_DSA_SHAKE_128S              2UL
#define CKP_SLH_DSA_SHA2_128F               3UL
#define CKP_SLH_DSA_SHAKE_128F              4UL
#define CKP_SLH_DSA_SHA2_192S               5UL
#define CKP_SLH_DSA_SHAKE_192S              6UL
#define CKP_SLH_DSA_SHA2_192F               7UL
#define CKP_SLH_DSA_SHAKE_192F              8UL
#define CKP_SLH_DSA_SHA2_256S               9UL
#define CKP_SLH_DSA_SHAKE_256S              10UL
#define CKP_SLH_DSA_SHA2_256F               11UL
#define CKP_SLH_DSA_SHAKE_256F              12UL
/* clang-format on */

#endif /* CRATON_PKCS11_V32_H */
