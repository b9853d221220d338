// Checks our PKCS#11 header set against the OASIS PKCS#11 3.0 / 3.2
// specifications.
//
// Every expected number below is typed in from the specification (or, for the
// Craton vendor range, from our own allocation table), never computed from the
// header under test: a test that derives its expectation from the header would
// happily confirm a typo. Layout checks assume LP64, the only ABI we ship; on
// other data models they are compiled out rather than silently adjusted.

#include <craton/pkcs11/craton_vendor.h>
#include <craton/pkcs11/pkcs11.h>
#include <gtest/gtest.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace {

#if ULONG_MAX == 0xffffffffffffffffULL && UINTPTR_MAX == 0xffffffffffffffffULL
#define CRATON_TEST_LP64 1
#else
#define CRATON_TEST_LP64 0
#endif

// ---------------------------------------------------------------------------
// Base types
// ---------------------------------------------------------------------------

static_assert(std::is_same_v<CK_ULONG, unsigned long>);
static_assert(std::is_same_v<CK_LONG, long>);
static_assert(std::is_same_v<CK_BYTE, unsigned char>);
static_assert(std::is_same_v<CK_BBOOL, unsigned char>);
static_assert(std::is_same_v<CK_UTF8CHAR, unsigned char>);
static_assert(std::is_same_v<CK_FLAGS, unsigned long>);
static_assert(std::is_same_v<CK_RV, unsigned long>);
static_assert(std::is_same_v<CK_SESSION_HANDLE, unsigned long>);
static_assert(std::is_same_v<CK_OBJECT_HANDLE, unsigned long>);
static_assert(std::is_same_v<CK_MECHANISM_TYPE, unsigned long>);
static_assert(std::is_same_v<CK_VOID_PTR, void*>);
static_assert(std::is_same_v<CK_VOID_PTR_PTR, void**>);
static_assert(std::is_same_v<CK_BYTE_PTR, unsigned char*>);
static_assert(std::is_same_v<CK_ULONG_PTR, unsigned long*>);
static_assert(std::is_same_v<CK_ATTRIBUTE_PTR, CK_ATTRIBUTE*>);
static_assert(std::is_same_v<CK_MECHANISM_PTR, CK_MECHANISM*>);
static_assert(std::is_same_v<CK_INTERFACE_PTR_PTR, CK_INTERFACE**>);
static_assert(std::is_same_v<CK_FUNCTION_LIST_3_2_PTR_PTR, CK_FUNCTION_LIST_3_2**>);
// 3.0 published these two without the pointer; the spec text says pointer.
static_assert(std::is_same_v<CK_GCM_MESSAGE_PARAMS_PTR, CK_GCM_MESSAGE_PARAMS*>);
static_assert(std::is_same_v<CK_CCM_MESSAGE_PARAMS_PTR, CK_CCM_MESSAGE_PARAMS*>);
static_assert(std::is_same_v<decltype(NULL_PTR), std::nullptr_t>);

static_assert(CK_TRUE == 1 && CK_FALSE == 0);
static_assert(CK_UNAVAILABLE_INFORMATION == ~0UL);
static_assert(CK_EFFECTIVELY_INFINITE == 0UL);
static_assert(CK_INVALID_HANDLE == 0UL);
static_assert(CRYPTOKI_VERSION_MAJOR == 3 && CRYPTOKI_VERSION_MINOR == 0);
static_assert(CRYPTOKI_VERSION_AMENDMENT == 0);
static_assert(CRATON_PKCS11_V32_VERSION_MAJOR == 3 && CRATON_PKCS11_V32_VERSION_MINOR == 2);

// Constants must be usable in the preprocessor, where clients test them.
#if CKM_VENDOR_DEFINED != 0x80000000UL || CKR_OK != 0
#error "constants are not preprocessor friendly"
#endif

// ---------------------------------------------------------------------------
// PKCS#11 3.0 constants (values as printed in the 3.0 specification)
// ---------------------------------------------------------------------------

// Object classes, hardware features, certificates.
static_assert(CKO_DATA == 0x0UL);
static_assert(CKO_CERTIFICATE == 0x1UL);
static_assert(CKO_PUBLIC_KEY == 0x2UL);
static_assert(CKO_PRIVATE_KEY == 0x3UL);
static_assert(CKO_SECRET_KEY == 0x4UL);
static_assert(CKO_HW_FEATURE == 0x5UL);
static_assert(CKO_DOMAIN_PARAMETERS == 0x6UL);
static_assert(CKO_MECHANISM == 0x7UL);
static_assert(CKO_OTP_KEY == 0x8UL);
static_assert(CKO_PROFILE == 0x9UL);
static_assert(CKO_VENDOR_DEFINED == 0x80000000UL);
static_assert(CKH_MONOTONIC_COUNTER == 0x1UL);
static_assert(CKH_CLOCK == 0x2UL);
static_assert(CKH_USER_INTERFACE == 0x3UL);
static_assert(CKH_VENDOR_DEFINED == 0x80000000UL);
static_assert(CKC_X_509 == 0x0UL);
static_assert(CKC_X_509_ATTR_CERT == 0x1UL);
static_assert(CKC_WTLS == 0x2UL);
static_assert(CKC_VENDOR_DEFINED == 0x80000000UL);

// Profiles.
static_assert(CKP_INVALID_ID == 0x0UL);
static_assert(CKP_BASELINE_PROVIDER == 0x1UL);
static_assert(CKP_EXTENDED_PROVIDER == 0x2UL);
static_assert(CKP_AUTHENTICATION_TOKEN == 0x3UL);
static_assert(CKP_PUBLIC_CERTIFICATES_TOKEN == 0x4UL);
static_assert(CKP_VENDOR_DEFINED == 0x80000000UL);

// Users, session states, notifications.
static_assert(CKU_SO == 0UL && CKU_USER == 1UL && CKU_CONTEXT_SPECIFIC == 2UL);
static_assert(CKS_RO_PUBLIC_SESSION == 0UL);
static_assert(CKS_RO_USER_FUNCTIONS == 1UL);
static_assert(CKS_RW_PUBLIC_SESSION == 2UL);
static_assert(CKS_RW_USER_FUNCTIONS == 3UL);
static_assert(CKS_RW_SO_FUNCTIONS == 4UL);
static_assert(CKN_SURRENDER == 0UL && CKN_OTP_CHANGED == 1UL);

// Key types.
static_assert(CKK_RSA == 0x0UL);
static_assert(CKK_DSA == 0x1UL);
static_assert(CKK_DH == 0x2UL);
static_assert(CKK_EC == 0x3UL && CKK_ECDSA == 0x3UL);
static_assert(CKK_X9_42_DH == 0x4UL);
static_assert(CKK_GENERIC_SECRET == 0x10UL);
static_assert(CKK_DES3 == 0x15UL);
static_assert(CKK_CAST128 == 0x18UL && CKK_CAST5 == 0x18UL);
static_assert(CKK_AES == 0x1FUL);
static_assert(CKK_CAMELLIA == 0x25UL);
static_assert(CKK_SHA256_HMAC == 0x2BUL);
static_assert(CKK_GOSTR3410 == 0x30UL);
static_assert(CKK_CHACHA20 == 0x33UL);
static_assert(CKK_POLY1305 == 0x34UL);
static_assert(CKK_AES_XTS == 0x35UL);
static_assert(CKK_SHA3_256_HMAC == 0x37UL);
static_assert(CKK_BLAKE2B_512_HMAC == 0x3DUL);
static_assert(CKK_SALSA20 == 0x3EUL);
static_assert(CKK_X2RATCHET == 0x3FUL);
static_assert(CKK_EC_EDWARDS == 0x40UL);
static_assert(CKK_EC_MONTGOMERY == 0x41UL);
static_assert(CKK_HKDF == 0x42UL);
static_assert(CKK_SHA512_224_HMAC == 0x43UL);
static_assert(CKK_SHA512_256_HMAC == 0x44UL);
static_assert(CKK_SHA512_T_HMAC == 0x45UL);
static_assert(CKK_VENDOR_DEFINED == 0x80000000UL);

// Attributes.
static_assert(CKF_ARRAY_ATTRIBUTE == 0x40000000UL);
static_assert(CKA_CLASS == 0x0UL);
static_assert(CKA_TOKEN == 0x1UL);
static_assert(CKA_PRIVATE == 0x2UL);
static_assert(CKA_LABEL == 0x3UL);
static_assert(CKA_UNIQUE_ID == 0x4UL);
static_assert(CKA_APPLICATION == 0x10UL);
static_assert(CKA_VALUE == 0x11UL);
static_assert(CKA_OBJECT_ID == 0x12UL);
static_assert(CKA_CERTIFICATE_TYPE == 0x80UL);
static_assert(CKA_TRUSTED == 0x86UL);
static_assert(CKA_NAME_HASH_ALGORITHM == 0x8CUL);
static_assert(CKA_CHECK_VALUE == 0x90UL);
static_assert(CKA_KEY_TYPE == 0x100UL);
static_assert(CKA_ID == 0x102UL);
static_assert(CKA_SENSITIVE == 0x103UL);
static_assert(CKA_ENCRYPT == 0x104UL);
static_assert(CKA_DECRYPT == 0x105UL);
static_assert(CKA_WRAP == 0x106UL);
static_assert(CKA_UNWRAP == 0x107UL);
static_assert(CKA_SIGN == 0x108UL);
static_assert(CKA_VERIFY == 0x10AUL);
static_assert(CKA_DERIVE == 0x10CUL);
static_assert(CKA_MODULUS == 0x120UL);
static_assert(CKA_MODULUS_BITS == 0x121UL);
static_assert(CKA_PUBLIC_EXPONENT == 0x122UL);
static_assert(CKA_PUBLIC_KEY_INFO == 0x129UL);
static_assert(CKA_SUBPRIME_BITS == 0x134UL && CKA_SUB_PRIME_BITS == 0x134UL);
static_assert(CKA_VALUE_LEN == 0x161UL);
static_assert(CKA_EXTRACTABLE == 0x162UL);
static_assert(CKA_LOCAL == 0x163UL);
static_assert(CKA_NEVER_EXTRACTABLE == 0x164UL);
static_assert(CKA_ALWAYS_SENSITIVE == 0x165UL);
static_assert(CKA_KEY_GEN_MECHANISM == 0x166UL);
static_assert(CKA_MODIFIABLE == 0x170UL);
static_assert(CKA_COPYABLE == 0x171UL);
static_assert(CKA_DESTROYABLE == 0x172UL);
static_assert(CKA_EC_PARAMS == 0x180UL && CKA_ECDSA_PARAMS == 0x180UL);
static_assert(CKA_EC_POINT == 0x181UL);
static_assert(CKA_ALWAYS_AUTHENTICATE == 0x202UL);
static_assert(CKA_WRAP_WITH_TRUSTED == 0x210UL);
static_assert(CKA_WRAP_TEMPLATE == 0x40000211UL);
static_assert(CKA_UNWRAP_TEMPLATE == 0x40000212UL);
static_assert(CKA_DERIVE_TEMPLATE == 0x40000213UL);
static_assert(CKA_OTP_FORMAT == 0x220UL);
static_assert(CKA_OTP_COUNTER == 0x22EUL);
static_assert(CKA_GOSTR3410_PARAMS == 0x250UL);
static_assert(CKA_HW_FEATURE_TYPE == 0x300UL);
static_assert(CKA_MECHANISM_TYPE == 0x500UL);
static_assert(CKA_ALLOWED_MECHANISMS == 0x40000600UL);
static_assert(CKA_PROFILE_ID == 0x601UL);
static_assert(CKA_X2RATCHET_BAG == 0x602UL);
static_assert(CKA_X2RATCHET_RK == 0x612UL);
static_assert(CKA_VENDOR_DEFINED == 0x80000000UL);

// Mechanisms.
static_assert(CKM_RSA_PKCS_KEY_PAIR_GEN == 0x0UL);
static_assert(CKM_RSA_PKCS == 0x1UL);
static_assert(CKM_RSA_X_509 == 0x3UL);
static_assert(CKM_RSA_PKCS_OAEP == 0x9UL);
static_assert(CKM_RSA_PKCS_PSS == 0xDUL);
static_assert(CKM_SHA1_RSA_PKCS_PSS == 0xEUL);
static_assert(CKM_DSA_KEY_PAIR_GEN == 0x10UL);
static_assert(CKM_DSA_SHA3_512 == 0x1BUL);
static_assert(CKM_DH_PKCS_DERIVE == 0x21UL);
static_assert(CKM_SHA256_RSA_PKCS == 0x40UL);
static_assert(CKM_SHA256_RSA_PKCS_PSS == 0x43UL);
static_assert(CKM_SHA512_256 == 0x4CUL);
static_assert(CKM_SHA512_T_KEY_DERIVATION == 0x53UL);
static_assert(CKM_SHA3_256_RSA_PKCS == 0x60UL);
static_assert(CKM_SHA3_224_RSA_PKCS_PSS == 0x67UL);
static_assert(CKM_DES3_CBC == 0x133UL);
static_assert(CKM_DES3_CMAC == 0x138UL);
static_assert(CKM_SHA_1 == 0x220UL);
static_assert(CKM_SHA256 == 0x250UL);
static_assert(CKM_SHA256_HMAC == 0x251UL);
static_assert(CKM_SHA224 == 0x255UL);
static_assert(CKM_SHA384 == 0x260UL);
static_assert(CKM_SHA512 == 0x270UL);
static_assert(CKM_SHA512_HMAC == 0x271UL);
static_assert(CKM_SHA512_HMAC_GENERAL == 0x272UL);
static_assert(CKM_SHA3_256 == 0x2B0UL);
static_assert(CKM_SHA3_224 == 0x2B5UL);
static_assert(CKM_SHA3_384 == 0x2C0UL);
static_assert(CKM_SHA3_512 == 0x2D0UL);
static_assert(CKM_GENERIC_SECRET_KEY_GEN == 0x350UL);
static_assert(CKM_CONCATENATE_BASE_AND_KEY == 0x360UL);
static_assert(CKM_XOR_BASE_AND_DATA == 0x364UL);
static_assert(CKM_TLS12_MASTER_KEY_DERIVE == 0x3E0UL);
static_assert(CKM_TLS_KDF == 0x3E5UL);
static_assert(CKM_SHA3_256_KEY_DERIVATION == 0x397UL);
static_assert(CKM_SHA3_256_KEY_DERIVE == 0x397UL);
static_assert(CKM_SHAKE_256_KEY_DERIVATION == 0x39CUL);
static_assert(CKM_PKCS5_PBKD2 == 0x3B0UL);
static_assert(CKM_EC_KEY_PAIR_GEN == 0x1040UL && CKM_ECDSA_KEY_PAIR_GEN == 0x1040UL);
static_assert(CKM_ECDSA == 0x1041UL);
static_assert(CKM_ECDSA_SHA256 == 0x1044UL);
static_assert(CKM_ECDSA_SHA3_256 == 0x1048UL);
static_assert(CKM_ECDH1_DERIVE == 0x1050UL);
static_assert(CKM_ECDH1_COFACTOR_DERIVE == 0x1051UL);
static_assert(CKM_ECMQV_DERIVE == 0x1052UL);
static_assert(CKM_ECDH_AES_KEY_WRAP == 0x1053UL);
static_assert(CKM_RSA_AES_KEY_WRAP == 0x1054UL);
static_assert(CKM_EC_EDWARDS_KEY_PAIR_GEN == 0x1055UL);
static_assert(CKM_EC_MONTGOMERY_KEY_PAIR_GEN == 0x1056UL);
static_assert(CKM_EDDSA == 0x1057UL);
static_assert(CKM_SP800_108_COUNTER_KDF == 0x3ACUL);
static_assert(CKM_SP800_108_FEEDBACK_KDF == 0x3ADUL);
static_assert(CKM_SP800_108_DOUBLE_PIPELINE_KDF == 0x3AEUL);
static_assert(CKM_AES_KEY_GEN == 0x1080UL);
static_assert(CKM_AES_ECB == 0x1081UL);
static_assert(CKM_AES_CBC == 0x1082UL);
static_assert(CKM_AES_CBC_PAD == 0x1085UL);
static_assert(CKM_AES_CTR == 0x1086UL);
static_assert(CKM_AES_GCM == 0x1087UL);
static_assert(CKM_AES_CCM == 0x1088UL);
static_assert(CKM_AES_CTS == 0x1089UL);
static_assert(CKM_AES_CMAC == 0x108AUL);
static_assert(CKM_AES_GMAC == 0x108EUL);
static_assert(CKM_AES_ECB_ENCRYPT_DATA == 0x1104UL);
static_assert(CKM_AES_CBC_ENCRYPT_DATA == 0x1105UL);
static_assert(CKM_AES_XTS == 0x1071UL);
static_assert(CKM_AES_XTS_KEY_GEN == 0x1072UL);
static_assert(CKM_AES_KEY_WRAP == 0x2109UL);
static_assert(CKM_AES_KEY_WRAP_PAD == 0x210AUL);
static_assert(CKM_AES_KEY_WRAP_KWP == 0x210BUL);
static_assert(CKM_RSA_PKCS_TPM_1_1 == 0x4001UL);
static_assert(CKM_RSA_PKCS_OAEP_TPM_1_1 == 0x4002UL);
static_assert(CKM_SHA_1_KEY_GEN == 0x4003UL);
static_assert(CKM_SHA256_KEY_GEN == 0x4005UL);
static_assert(CKM_BLAKE2B_256 == 0x4011UL);
static_assert(CKM_BLAKE2B_256_KEY_DERIVE == 0x4014UL);
static_assert(CKM_CHACHA20_KEY_GEN == 0x1225UL);
static_assert(CKM_CHACHA20 == 0x1226UL);
static_assert(CKM_POLY1305_KEY_GEN == 0x1227UL);
static_assert(CKM_POLY1305 == 0x1228UL);
static_assert(CKM_SALSA20 == 0x4020UL);
static_assert(CKM_CHACHA20_POLY1305 == 0x4021UL);
static_assert(CKM_SALSA20_POLY1305 == 0x4022UL);
static_assert(CKM_X3DH_INITIALIZE == 0x4023UL);
static_assert(CKM_X3DH_RESPOND == 0x4024UL);
static_assert(CKM_X2RATCHET_INITIALIZE == 0x4025UL);
static_assert(CKM_X2RATCHET_DECRYPT == 0x4028UL);
static_assert(CKM_XEDDSA == 0x4029UL);
static_assert(CKM_HKDF_DERIVE == 0x402AUL);
static_assert(CKM_HKDF_DATA == 0x402BUL);
static_assert(CKM_HKDF_KEY_GEN == 0x402CUL);
static_assert(CKM_SALSA20_KEY_GEN == 0x402DUL);
static_assert(CKM_VENDOR_DEFINED == 0x80000000UL);

// Mechanism information flags.
static_assert(CKF_HW == 0x1UL);
static_assert(CKF_MESSAGE_ENCRYPT == 0x2UL);
static_assert(CKF_MESSAGE_DECRYPT == 0x4UL);
static_assert(CKF_MESSAGE_SIGN == 0x8UL);
static_assert(CKF_MESSAGE_VERIFY == 0x10UL);
static_assert(CKF_MULTI_MESSAGE == 0x20UL);
static_assert(CKF_FIND_OBJECTS == 0x40UL);
static_assert(CKF_ENCRYPT == 0x100UL);
static_assert(CKF_DECRYPT == 0x200UL);
static_assert(CKF_DIGEST == 0x400UL);
static_assert(CKF_SIGN == 0x800UL);
static_assert(CKF_SIGN_RECOVER == 0x1000UL);
static_assert(CKF_VERIFY == 0x2000UL);
static_assert(CKF_VERIFY_RECOVER == 0x4000UL);
static_assert(CKF_GENERATE == 0x8000UL);
static_assert(CKF_GENERATE_KEY_PAIR == 0x10000UL);
static_assert(CKF_WRAP == 0x20000UL);
static_assert(CKF_UNWRAP == 0x40000UL);
static_assert(CKF_DERIVE == 0x80000UL);
static_assert(CKF_EC_F_P == 0x100000UL);
static_assert(CKF_EC_F_2M == 0x200000UL);
static_assert(CKF_EC_ECPARAMETERS == 0x400000UL);
static_assert(CKF_EC_OID == 0x800000UL && CKF_EC_NAMEDCURVE == 0x800000UL);
static_assert(CKF_EC_UNCOMPRESS == 0x1000000UL);
static_assert(CKF_EC_COMPRESS == 0x2000000UL);
static_assert(CKF_EC_CURVENAME == 0x4000000UL);
static_assert(CKF_EXTENSION == 0x80000000UL);

// Slot, token, session, initialisation, interface and message flags.
static_assert(CKF_TOKEN_PRESENT == 0x1UL);
static_assert(CKF_REMOVABLE_DEVICE == 0x2UL);
static_assert(CKF_HW_SLOT == 0x4UL);
static_assert(CKF_RNG == 0x1UL);
static_assert(CKF_WRITE_PROTECTED == 0x2UL);
static_assert(CKF_LOGIN_REQUIRED == 0x4UL);
static_assert(CKF_USER_PIN_INITIALIZED == 0x8UL);
static_assert(CKF_RESTORE_KEY_NOT_NEEDED == 0x20UL);
static_assert(CKF_CLOCK_ON_TOKEN == 0x40UL);
static_assert(CKF_PROTECTED_AUTHENTICATION_PATH == 0x100UL);
static_assert(CKF_DUAL_CRYPTO_OPERATIONS == 0x200UL);
static_assert(CKF_TOKEN_INITIALIZED == 0x400UL);
static_assert(CKF_SECONDARY_AUTHENTICATION == 0x800UL);
static_assert(CKF_USER_PIN_COUNT_LOW == 0x10000UL);
static_assert(CKF_USER_PIN_FINAL_TRY == 0x20000UL);
static_assert(CKF_USER_PIN_LOCKED == 0x40000UL);
static_assert(CKF_USER_PIN_TO_BE_CHANGED == 0x80000UL);
static_assert(CKF_SO_PIN_COUNT_LOW == 0x100000UL);
static_assert(CKF_SO_PIN_FINAL_TRY == 0x200000UL);
static_assert(CKF_SO_PIN_LOCKED == 0x400000UL);
static_assert(CKF_SO_PIN_TO_BE_CHANGED == 0x800000UL);
static_assert(CKF_ERROR_STATE == 0x1000000UL);
static_assert(CKF_RW_SESSION == 0x2UL);
static_assert(CKF_SERIAL_SESSION == 0x4UL);
static_assert(CKF_LIBRARY_CANT_CREATE_OS_THREADS == 0x1UL);
static_assert(CKF_OS_LOCKING_OK == 0x2UL);
static_assert(CKF_DONT_BLOCK == 1);
static_assert(CKF_INTERFACE_FORK_SAFE == 0x1UL);
static_assert(CKF_END_OF_MESSAGE == 0x1UL);
static_assert(CKF_NEXT_OTP == 0x1UL);
static_assert(CKF_USER_FRIENDLY_OTP == 0x20UL);
static_assert(CKF_HKDF_SALT_NULL == 0x1UL);
static_assert(CKF_HKDF_SALT_DATA == 0x2UL);
static_assert(CKF_HKDF_SALT_KEY == 0x4UL);

// Return values.
static_assert(CKR_OK == 0x0UL);
static_assert(CKR_CANCEL == 0x1UL);
static_assert(CKR_HOST_MEMORY == 0x2UL);
static_assert(CKR_SLOT_ID_INVALID == 0x3UL);
static_assert(CKR_GENERAL_ERROR == 0x5UL);
static_assert(CKR_FUNCTION_FAILED == 0x6UL);
static_assert(CKR_ARGUMENTS_BAD == 0x7UL);
static_assert(CKR_NO_EVENT == 0x8UL);
static_assert(CKR_NEED_TO_CREATE_THREADS == 0x9UL);
static_assert(CKR_CANT_LOCK == 0xAUL);
static_assert(CKR_ATTRIBUTE_READ_ONLY == 0x10UL);
static_assert(CKR_ATTRIBUTE_SENSITIVE == 0x11UL);
static_assert(CKR_ATTRIBUTE_TYPE_INVALID == 0x12UL);
static_assert(CKR_ATTRIBUTE_VALUE_INVALID == 0x13UL);
static_assert(CKR_ACTION_PROHIBITED == 0x1BUL);
static_assert(CKR_DATA_INVALID == 0x20UL);
static_assert(CKR_DATA_LEN_RANGE == 0x21UL);
static_assert(CKR_DEVICE_ERROR == 0x30UL);
static_assert(CKR_DEVICE_MEMORY == 0x31UL);
static_assert(CKR_DEVICE_REMOVED == 0x32UL);
static_assert(CKR_ENCRYPTED_DATA_INVALID == 0x40UL);
static_assert(CKR_ENCRYPTED_DATA_LEN_RANGE == 0x41UL);
static_assert(CKR_AEAD_DECRYPT_FAILED == 0x42UL);
static_assert(CKR_FUNCTION_CANCELED == 0x50UL);
static_assert(CKR_FUNCTION_NOT_PARALLEL == 0x51UL);
static_assert(CKR_FUNCTION_NOT_SUPPORTED == 0x54UL);
static_assert(CKR_KEY_HANDLE_INVALID == 0x60UL);
static_assert(CKR_KEY_SIZE_RANGE == 0x62UL);
static_assert(CKR_KEY_TYPE_INCONSISTENT == 0x63UL);
static_assert(CKR_KEY_FUNCTION_NOT_PERMITTED == 0x68UL);
static_assert(CKR_KEY_NOT_WRAPPABLE == 0x69UL);
static_assert(CKR_KEY_UNEXTRACTABLE == 0x6AUL);
static_assert(CKR_MECHANISM_INVALID == 0x70UL);
static_assert(CKR_MECHANISM_PARAM_INVALID == 0x71UL);
static_assert(CKR_OBJECT_HANDLE_INVALID == 0x82UL);
static_assert(CKR_OPERATION_ACTIVE == 0x90UL);
static_assert(CKR_OPERATION_NOT_INITIALIZED == 0x91UL);
static_assert(CKR_PIN_INCORRECT == 0xA0UL);
static_assert(CKR_PIN_INVALID == 0xA1UL);
static_assert(CKR_PIN_LEN_RANGE == 0xA2UL);
static_assert(CKR_PIN_EXPIRED == 0xA3UL);
static_assert(CKR_PIN_LOCKED == 0xA4UL);
static_assert(CKR_SESSION_CLOSED == 0xB0UL);
static_assert(CKR_SESSION_COUNT == 0xB1UL);
static_assert(CKR_SESSION_HANDLE_INVALID == 0xB3UL);
static_assert(CKR_SESSION_PARALLEL_NOT_SUPPORTED == 0xB4UL);
static_assert(CKR_SESSION_READ_ONLY == 0xB5UL);
static_assert(CKR_SESSION_EXISTS == 0xB6UL);
static_assert(CKR_SESSION_READ_ONLY_EXISTS == 0xB7UL);
static_assert(CKR_SESSION_READ_WRITE_SO_EXISTS == 0xB8UL);
static_assert(CKR_SIGNATURE_INVALID == 0xC0UL);
static_assert(CKR_SIGNATURE_LEN_RANGE == 0xC1UL);
static_assert(CKR_TEMPLATE_INCOMPLETE == 0xD0UL);
static_assert(CKR_TEMPLATE_INCONSISTENT == 0xD1UL);
static_assert(CKR_TOKEN_NOT_PRESENT == 0xE0UL);
static_assert(CKR_TOKEN_NOT_RECOGNIZED == 0xE1UL);
static_assert(CKR_TOKEN_WRITE_PROTECTED == 0xE2UL);
static_assert(CKR_USER_ALREADY_LOGGED_IN == 0x100UL);
static_assert(CKR_USER_NOT_LOGGED_IN == 0x101UL);
static_assert(CKR_USER_PIN_NOT_INITIALIZED == 0x102UL);
static_assert(CKR_USER_TYPE_INVALID == 0x103UL);
static_assert(CKR_USER_ANOTHER_ALREADY_LOGGED_IN == 0x104UL);
static_assert(CKR_USER_TOO_MANY_TYPES == 0x105UL);
static_assert(CKR_WRAPPED_KEY_INVALID == 0x110UL);
static_assert(CKR_RANDOM_SEED_NOT_SUPPORTED == 0x120UL);
static_assert(CKR_RANDOM_NO_RNG == 0x121UL);
static_assert(CKR_DOMAIN_PARAMS_INVALID == 0x130UL);
static_assert(CKR_CURVE_NOT_SUPPORTED == 0x140UL);
static_assert(CKR_BUFFER_TOO_SMALL == 0x150UL);
static_assert(CKR_SAVED_STATE_INVALID == 0x160UL);
static_assert(CKR_INFORMATION_SENSITIVE == 0x170UL);
static_assert(CKR_STATE_UNSAVEABLE == 0x180UL);
static_assert(CKR_CRYPTOKI_NOT_INITIALIZED == 0x190UL);
static_assert(CKR_CRYPTOKI_ALREADY_INITIALIZED == 0x191UL);
static_assert(CKR_MUTEX_BAD == 0x1A0UL);
static_assert(CKR_MUTEX_NOT_LOCKED == 0x1A1UL);
static_assert(CKR_NEW_PIN_MODE == 0x1B0UL);
static_assert(CKR_NEXT_OTP == 0x1B1UL);
static_assert(CKR_EXCEEDED_MAX_ITERATIONS == 0x1B5UL);
static_assert(CKR_FIPS_SELF_TEST_FAILED == 0x1B6UL);
static_assert(CKR_LIBRARY_LOAD_FAILED == 0x1B7UL);
static_assert(CKR_PIN_TOO_WEAK == 0x1B8UL);
static_assert(CKR_PUBLIC_KEY_INVALID == 0x1B9UL);
static_assert(CKR_FUNCTION_REJECTED == 0x200UL);
static_assert(CKR_TOKEN_RESOURCE_EXCEEDED == 0x201UL);
static_assert(CKR_OPERATION_CANCEL_FAILED == 0x202UL);
static_assert(CKR_VENDOR_DEFINED == 0x80000000UL);

// Mechanism-parameter enumerations.
static_assert(CKG_MGF1_SHA1 == 0x1UL);
static_assert(CKG_MGF1_SHA256 == 0x2UL);
static_assert(CKG_MGF1_SHA384 == 0x3UL);
static_assert(CKG_MGF1_SHA512 == 0x4UL);
static_assert(CKG_MGF1_SHA224 == 0x5UL);
static_assert(CKG_MGF1_SHA3_224 == 0x6UL);
static_assert(CKG_MGF1_SHA3_512 == 0x9UL);
static_assert(CKZ_DATA_SPECIFIED == 0x1UL);
static_assert(CKZ_SALT_SPECIFIED == 0x1UL);
static_assert(CKD_NULL == 0x1UL);
static_assert(CKD_SHA1_KDF == 0x2UL);
static_assert(CKD_SHA256_KDF == 0x6UL);
static_assert(CKD_SHA3_512_KDF == 0xDUL);
static_assert(CKD_SHA1_KDF_SP800 == 0xEUL);
static_assert(CKD_SHA3_512_KDF_SP800 == 0x16UL);
static_assert(CKD_BLAKE2B_512_KDF == 0x1AUL);
static_assert(CKP_PKCS5_PBKD2_HMAC_SHA1 == 0x1UL);
static_assert(CKP_PKCS5_PBKD2_HMAC_SHA256 == 0x4UL);
static_assert(CKP_PKCS5_PBKD2_HMAC_SHA512_256 == 0x8UL);
static_assert(CKG_NO_GENERATE == 0x0UL);
static_assert(CKG_GENERATE == 0x1UL);
static_assert(CKG_GENERATE_COUNTER == 0x2UL);
static_assert(CKG_GENERATE_RANDOM == 0x3UL);
static_assert(CK_SP800_108_ITERATION_VARIABLE == 0x1UL);
static_assert(CK_SP800_108_OPTIONAL_COUNTER == 0x2UL && CK_SP800_108_COUNTER == 0x2UL);
static_assert(CK_SP800_108_DKM_LENGTH == 0x3UL);
static_assert(CK_SP800_108_BYTE_ARRAY == 0x4UL);
static_assert(CK_SP800_108_DKM_LENGTH_SUM_OF_KEYS == 0x1UL);
static_assert(CK_SP800_108_DKM_LENGTH_SUM_OF_SEGMENTS == 0x2UL);
static_assert(CK_OTP_VALUE == 0UL && CK_OTP_OUTPUT_FORMAT == 7UL);
static_assert(CK_OTP_FORMAT_BINARY == 3UL);
static_assert(CK_OTP_PARAM_MANDATORY == 2UL);
static_assert(CK_CERTIFICATE_CATEGORY_OTHER_ENTITY == 3UL);
static_assert(CK_SECURITY_DOMAIN_THIRD_PARTY == 3UL);

// ---------------------------------------------------------------------------
// PKCS#11 3.2 additions (values as printed in the 3.2 specification)
// ---------------------------------------------------------------------------

static_assert(CKK_HSS == 0x46UL);
static_assert(CKK_XMSS == 0x47UL);
static_assert(CKK_XMSSMT == 0x48UL);
static_assert(CKK_ML_KEM == 0x49UL);
static_assert(CKK_ML_DSA == 0x4AUL);
static_assert(CKK_SLH_DSA == 0x4BUL);

static_assert(CKM_ML_KEM_KEY_PAIR_GEN == 0xFUL);
static_assert(CKM_ML_KEM == 0x17UL);
static_assert(CKM_ML_DSA_KEY_PAIR_GEN == 0x1CUL);
static_assert(CKM_ML_DSA == 0x1DUL);
static_assert(CKM_HASH_ML_DSA == 0x1FUL);
static_assert(CKM_HASH_ML_DSA_SHA224 == 0x23UL);
static_assert(CKM_HASH_ML_DSA_SHA256 == 0x24UL);
static_assert(CKM_HASH_ML_DSA_SHA384 == 0x25UL);
static_assert(CKM_HASH_ML_DSA_SHA512 == 0x26UL);
static_assert(CKM_HASH_ML_DSA_SHA3_224 == 0x27UL);
static_assert(CKM_HASH_ML_DSA_SHA3_256 == 0x28UL);
static_assert(CKM_HASH_ML_DSA_SHA3_384 == 0x29UL);
static_assert(CKM_HASH_ML_DSA_SHA3_512 == 0x2AUL);
static_assert(CKM_HASH_ML_DSA_SHAKE128 == 0x2BUL);
static_assert(CKM_HASH_ML_DSA_SHAKE256 == 0x2CUL);
static_assert(CKM_SLH_DSA_KEY_PAIR_GEN == 0x2DUL);
static_assert(CKM_SLH_DSA == 0x2EUL);
static_assert(CKM_HASH_SLH_DSA == 0x34UL);
static_assert(CKM_HASH_SLH_DSA_SHA224 == 0x36UL);
static_assert(CKM_HASH_SLH_DSA_SHA256 == 0x37UL);
static_assert(CKM_HASH_SLH_DSA_SHA384 == 0x38UL);
static_assert(CKM_HASH_SLH_DSA_SHA512 == 0x39UL);
static_assert(CKM_HASH_SLH_DSA_SHA3_224 == 0x3AUL);
static_assert(CKM_HASH_SLH_DSA_SHA3_256 == 0x3BUL);
static_assert(CKM_HASH_SLH_DSA_SHA3_384 == 0x3CUL);
static_assert(CKM_HASH_SLH_DSA_SHA3_512 == 0x3DUL);
static_assert(CKM_HASH_SLH_DSA_SHAKE128 == 0x3EUL);
static_assert(CKM_HASH_SLH_DSA_SHAKE256 == 0x3FUL);
static_assert(CKM_TLS12_EXTENDED_MASTER_KEY_DERIVE == 0x56UL);
static_assert(CKM_TLS12_EXTENDED_MASTER_KEY_DERIVE_DH == 0x57UL);
static_assert(CKM_AES_KEY_WRAP_PKCS7 == 0x210CUL);
static_assert(CKM_HSS_KEY_PAIR_GEN == 0x4032UL);
static_assert(CKM_HSS == 0x4033UL);
static_assert(CKM_XMSS_KEY_PAIR_GEN == 0x4034UL);
static_assert(CKM_XMSSMT == 0x4037UL);
static_assert(CKM_ECDH_X_AES_KEY_WRAP == 0x4038UL);
static_assert(CKM_ECDH_COF_AES_KEY_WRAP == 0x4039UL);
static_assert(CKM_PUB_KEY_FROM_PRIV_KEY == 0x403AUL);

static_assert(CKA_HSS_LEVELS == 0x617UL);
static_assert(CKA_HSS_KEYS_REMAINING == 0x61CUL);
static_assert(CKA_PARAMETER_SET == 0x61DUL);
static_assert(CKA_OBJECT_VALIDATION_FLAGS == 0x61EUL);
static_assert(CKA_VALIDATION_TYPE == 0x61FUL);
static_assert(CKA_VALIDATION_PROFILE == 0x629UL);
static_assert(CKA_ENCAPSULATE_TEMPLATE == 0x62AUL);
static_assert(CKA_DECAPSULATE_TEMPLATE == 0x62BUL);
static_assert(CKA_TRUST_SERVER_AUTH == 0x62CUL);
static_assert(CKA_TRUST_OCSP_SIGNING == 0x632UL);
static_assert(CKA_ENCAPSULATE == 0x633UL);
static_assert(CKA_DECAPSULATE == 0x634UL);
static_assert(CKA_HASH_OF_CERTIFICATE == 0x635UL);
static_assert(CKA_PUBLIC_CRC64_VALUE == 0x636UL);
static_assert(CKA_SEED == 0x637UL);

static_assert(CKO_VALIDATION == 0xAUL);
static_assert(CKO_TRUST == 0xBUL);
static_assert(CKP_COMPLETE_PROVIDER == 0x5UL);
static_assert(CKP_HKDF_TLS_TOKEN == 0x6UL);

static_assert(CKF_ENCAPSULATE == 0x10000000UL);
static_assert(CKF_DECAPSULATE == 0x20000000UL);
static_assert(CKF_SEED_RANDOM_REQUIRED == 0x2000000UL);
static_assert(CKF_ASYNC_SESSION_SUPPORTED == 0x4000000UL);
static_assert(CKF_ASYNC_SESSION == 0x8UL);
static_assert(CKG_GENERATE_COUNTER_XOR == 0x4UL);
static_assert(CK_SP800_108_KEY_HANDLE == 0x5UL);

static_assert(CKR_KEY_EXHAUSTED == 0x203UL);
static_assert(CKR_PENDING == 0x204UL);
static_assert(CKR_SESSION_ASYNC_NOT_SUPPORTED == 0x205UL);
static_assert(CKR_SEED_RANDOM_REQUIRED == 0x206UL);
static_assert(CKR_OPERATION_NOT_VALIDATED == 0x207UL);
static_assert(CKR_TOKEN_NOT_INITIALIZED == 0x208UL);
static_assert(CKR_PARAMETER_SET_NOT_SUPPORTED == 0x209UL);

static_assert(CKH_HEDGE_PREFERRED == 0UL);
static_assert(CKH_HEDGE_REQUIRED == 1UL);
static_assert(CKH_DETERMINISTIC_REQUIRED == 2UL);

static_assert(CKP_ML_KEM_512 == 1UL && CKP_ML_KEM_768 == 2UL && CKP_ML_KEM_1024 == 3UL);
static_assert(CKP_ML_DSA_44 == 1UL && CKP_ML_DSA_65 == 2UL && CKP_ML_DSA_87 == 3UL);
static_assert(CKP_SLH_DSA_SHA2_128S == 1UL);
static_assert(CKP_SLH_DSA_SHAKE_128S == 2UL);
static_assert(CKP_SLH_DSA_SHA2_128F == 3UL);
static_assert(CKP_SLH_DSA_SHAKE_128F == 4UL);
static_assert(CKP_SLH_DSA_SHA2_192S == 5UL);
static_assert(CKP_SLH_DSA_SHAKE_192S == 6UL);
static_assert(CKP_SLH_DSA_SHA2_192F == 7UL);
static_assert(CKP_SLH_DSA_SHAKE_192F == 8UL);
static_assert(CKP_SLH_DSA_SHA2_256S == 9UL);
static_assert(CKP_SLH_DSA_SHAKE_256S == 10UL);
static_assert(CKP_SLH_DSA_SHA2_256F == 11UL);
static_assert(CKP_SLH_DSA_SHAKE_256F == 12UL);

static_assert(CKS_LAST_VALIDATION_OK == 0x1UL);
static_assert(CKV_AUTHORITY_TYPE_NIST_CMVP == 0x1UL);
static_assert(CKV_AUTHORITY_TYPE_COMMON_CRITERIA == 0x2UL);
static_assert(CKV_TYPE_HYBRID == 0x4UL);
static_assert(CKT_TRUST_UNKNOWN == 0x0UL);
static_assert(CKT_TRUSTED == 0x1UL);
static_assert(CKT_TRUST_ANCHOR == 0x2UL);
static_assert(CKT_NOT_TRUSTED == 0x3UL);
static_assert(CKT_TRUST_MUST_VERIFY_TRUST == 0x4UL);

static_assert(std::is_same_v<CK_HEDGE_TYPE, CK_ULONG>);
static_assert(std::is_same_v<decltype(CK_SIGN_ADDITIONAL_CONTEXT::hedgeVariant), CK_HEDGE_TYPE>);
static_assert(std::is_same_v<decltype(CK_SIGN_ADDITIONAL_CONTEXT::pContext), CK_BYTE_PTR>);
static_assert(std::is_same_v<decltype(CK_SIGN_ADDITIONAL_CONTEXT::ulContextLen), CK_ULONG>);
static_assert(std::is_same_v<decltype(CK_HASH_SIGN_ADDITIONAL_CONTEXT::hash), CK_MECHANISM_TYPE>);
static_assert(std::is_same_v<CK_FLAGS_PTR, CK_FLAGS*>);

// ---------------------------------------------------------------------------
// Craton vendor values (from our allocation table in craton_vendor.h's docs)
// ---------------------------------------------------------------------------

static_assert(CRATON_VENDOR_TAG == 0x43520000UL);
static_assert(CKM_CRATON_BASE == 0xC3520000UL);
static_assert(CKK_CRATON_BASE == 0xC3520000UL);
static_assert(CKM_CRATON_X25519_ML_KEM_768 == 0xC3520001UL);
static_assert(CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN == 0xC3520002UL);
static_assert(CKK_CRATON_X25519_ML_KEM_768 == 0xC3520001UL);
static_assert(CKK_CRATON_LEGACY_ML_KEM == 0x80000001UL);
static_assert(CKK_CRATON_LEGACY_ML_DSA == 0x80000002UL);
static_assert(CKK_CRATON_LEGACY_SLH_DSA == 0x80000003UL);
static_assert(CKM_CRATON_LEGACY_ML_KEM_512 == 0x80000001UL);
static_assert(CKM_CRATON_LEGACY_ML_KEM_768 == 0x80000002UL);
static_assert(CKM_CRATON_LEGACY_ML_KEM_1024 == 0x80000003UL);
static_assert(CKM_CRATON_LEGACY_ML_DSA_44 == 0x80000010UL);
static_assert(CKM_CRATON_LEGACY_ML_DSA_65 == 0x80000011UL);
static_assert(CKM_CRATON_LEGACY_ML_DSA_87 == 0x80000012UL);
static_assert(CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S == 0x80000020UL);
static_assert(CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S == 0x80000021UL);
static_assert(CKM_CRATON_LEGACY_X25519_ML_KEM_768 == 0x80000040UL);

// ---------------------------------------------------------------------------
// Structure layout on LP64
// ---------------------------------------------------------------------------

#if CRATON_TEST_LP64
static_assert(sizeof(CK_VERSION) == 2);
static_assert(sizeof(CK_ATTRIBUTE) == 24);
static_assert(offsetof(CK_ATTRIBUTE, type) == 0);
static_assert(offsetof(CK_ATTRIBUTE, pValue) == 8);
static_assert(offsetof(CK_ATTRIBUTE, ulValueLen) == 16);
static_assert(sizeof(CK_MECHANISM) == 24);
static_assert(offsetof(CK_MECHANISM, mechanism) == 0);
static_assert(offsetof(CK_MECHANISM, pParameter) == 8);
static_assert(offsetof(CK_MECHANISM, ulParameterLen) == 16);
static_assert(sizeof(CK_MECHANISM_INFO) == 24);
static_assert(sizeof(CK_DATE) == 8);
static_assert(sizeof(CK_SESSION_INFO) == 32);

// 2 version bytes + 32 text bytes, then natural alignment of flags.
static_assert(sizeof(CK_INFO) == 88);
static_assert(offsetof(CK_INFO, manufacturerID) == 2);
static_assert(offsetof(CK_INFO, flags) == 40);
static_assert(offsetof(CK_INFO, libraryDescription) == 48);
static_assert(offsetof(CK_INFO, libraryVersion) == 80);

static_assert(sizeof(CK_SLOT_INFO) == 112);
static_assert(offsetof(CK_SLOT_INFO, manufacturerID) == 64);
static_assert(offsetof(CK_SLOT_INFO, flags) == 96);
static_assert(offsetof(CK_SLOT_INFO, hardwareVersion) == 104);
static_assert(offsetof(CK_SLOT_INFO, firmwareVersion) == 106);

static_assert(sizeof(CK_TOKEN_INFO) == 208);
static_assert(offsetof(CK_TOKEN_INFO, manufacturerID) == 32);
static_assert(offsetof(CK_TOKEN_INFO, model) == 64);
static_assert(offsetof(CK_TOKEN_INFO, serialNumber) == 80);
static_assert(offsetof(CK_TOKEN_INFO, flags) == 96);
static_assert(offsetof(CK_TOKEN_INFO, ulMaxSessionCount) == 104);
static_assert(offsetof(CK_TOKEN_INFO, ulFreePrivateMemory) == 176);
static_assert(offsetof(CK_TOKEN_INFO, hardwareVersion) == 184);
static_assert(offsetof(CK_TOKEN_INFO, firmwareVersion) == 186);
static_assert(offsetof(CK_TOKEN_INFO, utcTime) == 188);

static_assert(sizeof(CK_C_INITIALIZE_ARGS) == 48);
static_assert(offsetof(CK_C_INITIALIZE_ARGS, flags) == 32);
static_assert(offsetof(CK_C_INITIALIZE_ARGS, pReserved) == 40);
static_assert(sizeof(CK_INTERFACE) == 24);
static_assert(offsetof(CK_INTERFACE, pFunctionList) == 8);
static_assert(offsetof(CK_INTERFACE, flags) == 16);

static_assert(sizeof(CK_RSA_PKCS_OAEP_PARAMS) == 40);
static_assert(offsetof(CK_RSA_PKCS_OAEP_PARAMS, pSourceData) == 24);
static_assert(sizeof(CK_RSA_PKCS_PSS_PARAMS) == 24);
static_assert(offsetof(CK_RSA_PKCS_PSS_PARAMS, sLen) == 16);
static_assert(sizeof(CK_ECDH1_DERIVE_PARAMS) == 40);
static_assert(offsetof(CK_ECDH1_DERIVE_PARAMS, pPublicData) == 32);
static_assert(sizeof(CK_ECDH2_DERIVE_PARAMS) == 72);
static_assert(sizeof(CK_ECMQV_DERIVE_PARAMS) == 80);
static_assert(sizeof(CK_AES_CTR_PARAMS) == 24);
static_assert(offsetof(CK_AES_CTR_PARAMS, cb) == 8);
static_assert(sizeof(CK_AES_CBC_ENCRYPT_DATA_PARAMS) == 32);
static_assert(offsetof(CK_AES_CBC_ENCRYPT_DATA_PARAMS, pData) == 16);
static_assert(sizeof(CK_GCM_PARAMS) == 48);
static_assert(offsetof(CK_GCM_PARAMS, ulIvBits) == 16);
static_assert(offsetof(CK_GCM_PARAMS, ulTagBits) == 40);
static_assert(sizeof(CK_CCM_PARAMS) == 48);
static_assert(offsetof(CK_CCM_PARAMS, ulMACLen) == 40);
static_assert(sizeof(CK_GCM_MESSAGE_PARAMS) == 48);
static_assert(offsetof(CK_GCM_MESSAGE_PARAMS, ivGenerator) == 24);
static_assert(offsetof(CK_GCM_MESSAGE_PARAMS, pTag) == 32);
static_assert(sizeof(CK_CCM_MESSAGE_PARAMS) == 56);
static_assert(offsetof(CK_CCM_MESSAGE_PARAMS, nonceGenerator) == 32);
static_assert(offsetof(CK_CCM_MESSAGE_PARAMS, pMAC) == 40);
static_assert(sizeof(CK_HKDF_PARAMS) == 64);
static_assert(offsetof(CK_HKDF_PARAMS, bExpand) == 1);
static_assert(offsetof(CK_HKDF_PARAMS, prfHashMechanism) == 8);
static_assert(offsetof(CK_HKDF_PARAMS, hSaltKey) == 40);
static_assert(sizeof(CK_EDDSA_PARAMS) == 24);
static_assert(offsetof(CK_EDDSA_PARAMS, pContextData) == 16);
static_assert(sizeof(CK_XEDDSA_PARAMS) == 8);
static_assert(sizeof(CK_KEY_DERIVATION_STRING_DATA) == 16);
static_assert(sizeof(CK_PKCS5_PBKD2_PARAMS2) == 72);
static_assert(offsetof(CK_PKCS5_PBKD2_PARAMS2, ulPasswordLen) == 64);
static_assert(sizeof(CK_PKCS5_PBKD2_PARAMS) == sizeof(CK_PKCS5_PBKD2_PARAMS2));
static_assert(sizeof(CK_SP800_108_KDF_PARAMS) == 40);
static_assert(sizeof(CK_SP800_108_FEEDBACK_KDF_PARAMS) == 56);
static_assert(sizeof(CK_PRF_DATA_PARAM) == 24);
static_assert(sizeof(CK_DERIVED_KEY) == 24);
static_assert(sizeof(CK_CHACHA20_PARAMS) == 32);
static_assert(sizeof(CK_SALSA20_PARAMS) == 24);
static_assert(sizeof(CK_SALSA20_CHACHA20_POLY1305_PARAMS) == 32);
static_assert(sizeof(CK_SALSA20_CHACHA20_POLY1305_MSG_PARAMS) == 24);
static_assert(sizeof(CK_OTP_PARAMS) == 16);

static_assert(sizeof(CK_SIGN_ADDITIONAL_CONTEXT) == 24);
static_assert(offsetof(CK_SIGN_ADDITIONAL_CONTEXT, pContext) == 8);
static_assert(offsetof(CK_SIGN_ADDITIONAL_CONTEXT, ulContextLen) == 16);
static_assert(sizeof(CK_HASH_SIGN_ADDITIONAL_CONTEXT) == 32);
static_assert(offsetof(CK_HASH_SIGN_ADDITIONAL_CONTEXT, hash) == 24);
static_assert(sizeof(CK_ASYNC_DATA) == 40);

// Function tables: a 2-byte CK_VERSION padded to pointer alignment, then
// 68 / 92 / 104 pointers.
static_assert(sizeof(CK_FUNCTION_LIST) == 8 + 68 * 8);
static_assert(sizeof(CK_FUNCTION_LIST_3_0) == 8 + 92 * 8);
static_assert(sizeof(CK_FUNCTION_LIST_3_2) == 8 + 104 * 8);
static_assert(offsetof(CK_FUNCTION_LIST, C_Initialize) == 8);
static_assert(offsetof(CK_FUNCTION_LIST, C_WaitForSlotEvent) == 8 + 67 * 8);
static_assert(offsetof(CK_FUNCTION_LIST_3_0, C_GetInterfaceList) ==
              offsetof(CK_FUNCTION_LIST_3_0, C_WaitForSlotEvent) + 8);
static_assert(offsetof(CK_FUNCTION_LIST_3_0, C_MessageVerifyFinal) == 8 + 91 * 8);
static_assert(offsetof(CK_FUNCTION_LIST_3_2, C_EncapsulateKey) ==
              offsetof(CK_FUNCTION_LIST_3_2, C_MessageVerifyFinal) + 8);
static_assert(offsetof(CK_FUNCTION_LIST_3_2, C_UnwrapKeyAuthenticated) == 8 + 103 * 8);
#endif

// Independent of data model: each newer table must extend the older one.
static_assert(offsetof(CK_FUNCTION_LIST_3_0, C_WaitForSlotEvent) ==
              offsetof(CK_FUNCTION_LIST, C_WaitForSlotEvent));
static_assert(offsetof(CK_FUNCTION_LIST_3_2, C_MessageVerifyFinal) ==
              offsetof(CK_FUNCTION_LIST_3_0, C_MessageVerifyFinal));

// ---------------------------------------------------------------------------
// Function signatures (argument lists as given in the specification)
// ---------------------------------------------------------------------------

// The pointer typedef and the prototype must agree for every entry point.
#define CRATON_TEST_SAME_TYPE(name) static_assert(std::is_same_v<decltype(&name), CK_##name>);
CRATON_P11_FUNCTIONS_ALL(CRATON_TEST_SAME_TYPE)
#undef CRATON_TEST_SAME_TYPE

template <typename... Args>
using Fn = CK_RV (*)(Args...);

static_assert(std::is_same_v<CK_C_Initialize, Fn<CK_VOID_PTR>>);
static_assert(std::is_same_v<CK_C_GetFunctionList, Fn<CK_FUNCTION_LIST_PTR_PTR>>);
static_assert(
    std::is_same_v<CK_C_OpenSession,
                   Fn<CK_SLOT_ID, CK_FLAGS, CK_VOID_PTR, CK_NOTIFY, CK_SESSION_HANDLE_PTR>>);
static_assert(
    std::is_same_v<CK_C_GenerateKeyPair,
                   Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_ATTRIBUTE_PTR, CK_ULONG,
                      CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR, CK_OBJECT_HANDLE_PTR>>);
static_assert(std::is_same_v<CK_C_UnwrapKey,
                             Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_BYTE_PTR,
                                CK_ULONG, CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR>>);
static_assert(std::is_same_v<CK_C_WaitForSlotEvent, Fn<CK_FLAGS, CK_SLOT_ID_PTR, CK_VOID_PTR>>);

// 3.0 additions.
static_assert(std::is_same_v<CK_C_GetInterfaceList, Fn<CK_INTERFACE_PTR, CK_ULONG_PTR>>);
static_assert(std::is_same_v<CK_C_GetInterface,
                             Fn<CK_UTF8CHAR_PTR, CK_VERSION_PTR, CK_INTERFACE_PTR_PTR, CK_FLAGS>>);
static_assert(std::is_same_v<CK_C_LoginUser, Fn<CK_SESSION_HANDLE, CK_USER_TYPE, CK_UTF8CHAR_PTR,
                                                CK_ULONG, CK_UTF8CHAR_PTR, CK_ULONG>>);
static_assert(std::is_same_v<CK_C_SessionCancel, Fn<CK_SESSION_HANDLE, CK_FLAGS>>);
static_assert(std::is_same_v<CK_C_MessageEncryptInit,
                             Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE>>);
static_assert(std::is_same_v<CK_C_EncryptMessage,
                             Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG,
                                CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR>>);
static_assert(std::is_same_v<CK_C_EncryptMessageBegin,
                             Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG>>);
static_assert(std::is_same_v<CK_C_EncryptMessageNext,
                             Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG,
                                CK_BYTE_PTR, CK_ULONG_PTR, CK_FLAGS>>);
static_assert(std::is_same_v<CK_C_MessageEncryptFinal, Fn<CK_SESSION_HANDLE>>);
static_assert(std::is_same_v<CK_C_DecryptMessage,
                             Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG,
                                CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR>>);
static_assert(std::is_same_v<CK_C_DecryptMessageNext,
                             Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG,
                                CK_BYTE_PTR, CK_ULONG_PTR, CK_FLAGS>>);
static_assert(
    std::is_same_v<CK_C_SignMessage, Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR,
                                        CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR>>);
static_assert(std::is_same_v<CK_C_SignMessageBegin, Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG>>);
static_assert(std::is_same_v<CK_C_VerifyMessage, Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG,
                                                    CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG>>);
static_assert(
    std::is_same_v<CK_C_VerifyMessageNext, Fn<CK_SESSION_HANDLE, CK_VOID_PTR, CK_ULONG, CK_BYTE_PTR,
                                              CK_ULONG, CK_BYTE_PTR, CK_ULONG>>);

// 3.2 additions.
static_assert(
    std::is_same_v<CK_C_EncapsulateKey,
                   Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR,
                      CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR, CK_OBJECT_HANDLE_PTR>>);
static_assert(
    std::is_same_v<CK_C_DecapsulateKey,
                   Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR,
                      CK_ULONG, CK_BYTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR>>);
static_assert(
    std::is_same_v<CK_C_VerifySignatureInit, Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR,
                                                CK_OBJECT_HANDLE, CK_BYTE_PTR, CK_ULONG>>);
static_assert(std::is_same_v<CK_C_VerifySignature, Fn<CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG>>);
static_assert(
    std::is_same_v<CK_C_VerifySignatureUpdate, Fn<CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG>>);
static_assert(std::is_same_v<CK_C_VerifySignatureFinal, Fn<CK_SESSION_HANDLE>>);
static_assert(
    std::is_same_v<CK_C_GetSessionValidationFlags,
                   Fn<CK_SESSION_HANDLE, CK_SESSION_VALIDATION_FLAGS_TYPE, CK_FLAGS_PTR>>);
static_assert(
    std::is_same_v<CK_C_AsyncComplete, Fn<CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ASYNC_DATA_PTR>>);
static_assert(
    std::is_same_v<CK_C_AsyncGetID, Fn<CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG_PTR>>);
static_assert(
    std::is_same_v<CK_C_AsyncJoin,
                   Fn<CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG>>);
static_assert(
    std::is_same_v<CK_C_WrapKeyAuthenticated,
                   Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_OBJECT_HANDLE,
                      CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR>>);
static_assert(
    std::is_same_v<CK_C_UnwrapKeyAuthenticated,
                   Fn<CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_BYTE_PTR, CK_ULONG,
                      CK_ATTRIBUTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR>>);

// ---------------------------------------------------------------------------
// X-macro lists
// ---------------------------------------------------------------------------

#define CRATON_TEST_COUNT(name) +1
constexpr int kV2Count = 0 CRATON_P11_FUNCTIONS_V2(CRATON_TEST_COUNT);
constexpr int kV30Count = 0 CRATON_P11_FUNCTIONS_V30_ADDED(CRATON_TEST_COUNT);
constexpr int kV32Count = 0 CRATON_P11_FUNCTIONS_V32_ADDED(CRATON_TEST_COUNT);
constexpr int kAllCount = 0 CRATON_P11_FUNCTIONS_ALL(CRATON_TEST_COUNT);
#undef CRATON_TEST_COUNT
static_assert(kV2Count == 68);
static_assert(kV30Count == 24);
static_assert(kV32Count == 12);
static_assert(kAllCount == 104);

#define CRATON_TEST_NAME(name) #name,
constexpr std::string_view kListedV2[] = {CRATON_P11_FUNCTIONS_V2(CRATON_TEST_NAME)};
constexpr std::string_view kListedV30[] = {CRATON_P11_FUNCTIONS_V30_ADDED(CRATON_TEST_NAME)};
constexpr std::string_view kListedV32[] = {CRATON_P11_FUNCTIONS_V32_ADDED(CRATON_TEST_NAME)};
#undef CRATON_TEST_NAME

// Table order exactly as the specification lists the entry points.
constexpr std::string_view kSpecV2[] = {
    "C_Initialize",
    "C_Finalize",
    "C_GetInfo",
    "C_GetFunctionList",
    "C_GetSlotList",
    "C_GetSlotInfo",
    "C_GetTokenInfo",
    "C_GetMechanismList",
    "C_GetMechanismInfo",
    "C_InitToken",
    "C_InitPIN",
    "C_SetPIN",
    "C_OpenSession",
    "C_CloseSession",
    "C_CloseAllSessions",
    "C_GetSessionInfo",
    "C_GetOperationState",
    "C_SetOperationState",
    "C_Login",
    "C_Logout",
    "C_CreateObject",
    "C_CopyObject",
    "C_DestroyObject",
    "C_GetObjectSize",
    "C_GetAttributeValue",
    "C_SetAttributeValue",
    "C_FindObjectsInit",
    "C_FindObjects",
    "C_FindObjectsFinal",
    "C_EncryptInit",
    "C_Encrypt",
    "C_EncryptUpdate",
    "C_EncryptFinal",
    "C_DecryptInit",
    "C_Decrypt",
    "C_DecryptUpdate",
    "C_DecryptFinal",
    "C_DigestInit",
    "C_Digest",
    "C_DigestUpdate",
    "C_DigestKey",
    "C_DigestFinal",
    "C_SignInit",
    "C_Sign",
    "C_SignUpdate",
    "C_SignFinal",
    "C_SignRecoverInit",
    "C_SignRecover",
    "C_VerifyInit",
    "C_Verify",
    "C_VerifyUpdate",
    "C_VerifyFinal",
    "C_VerifyRecoverInit",
    "C_VerifyRecover",
    "C_DigestEncryptUpdate",
    "C_DecryptDigestUpdate",
    "C_SignEncryptUpdate",
    "C_DecryptVerifyUpdate",
    "C_GenerateKey",
    "C_GenerateKeyPair",
    "C_WrapKey",
    "C_UnwrapKey",
    "C_DeriveKey",
    "C_SeedRandom",
    "C_GenerateRandom",
    "C_GetFunctionStatus",
    "C_CancelFunction",
    "C_WaitForSlotEvent",
};
constexpr std::string_view kSpecV30[] = {
    "C_GetInterfaceList",    "C_GetInterface",        "C_LoginUser",
    "C_SessionCancel",       "C_MessageEncryptInit",  "C_EncryptMessage",
    "C_EncryptMessageBegin", "C_EncryptMessageNext",  "C_MessageEncryptFinal",
    "C_MessageDecryptInit",  "C_DecryptMessage",      "C_DecryptMessageBegin",
    "C_DecryptMessageNext",  "C_MessageDecryptFinal", "C_MessageSignInit",
    "C_SignMessage",         "C_SignMessageBegin",    "C_SignMessageNext",
    "C_MessageSignFinal",    "C_MessageVerifyInit",   "C_VerifyMessage",
    "C_VerifyMessageBegin",  "C_VerifyMessageNext",   "C_MessageVerifyFinal",
};
constexpr std::string_view kSpecV32[] = {
    "C_EncapsulateKey",
    "C_DecapsulateKey",
    "C_VerifySignatureInit",
    "C_VerifySignature",
    "C_VerifySignatureUpdate",
    "C_VerifySignatureFinal",
    "C_GetSessionValidationFlags",
    "C_AsyncComplete",
    "C_AsyncGetID",
    "C_AsyncJoin",
    "C_WrapKeyAuthenticated",
    "C_UnwrapKeyAuthenticated",
};

template <std::size_t N, std::size_t M>
constexpr bool SameNames(const std::string_view (&a)[N], const std::string_view (&b)[M]) {
    if (N != M) return false;
    for (std::size_t i = 0; i < N; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}
static_assert(SameNames(kListedV2, kSpecV2));
static_assert(SameNames(kListedV30, kSpecV30));
static_assert(SameNames(kListedV32, kSpecV32));

// The X-macro order must also be the struct member order: consecutive
// entries sit exactly one pointer apart, starting right after `version`.
#define CRATON_TEST_OFFSET_V2(name) offsetof(CK_FUNCTION_LIST, name),
#define CRATON_TEST_OFFSET_V30(name) offsetof(CK_FUNCTION_LIST_3_0, name),
#define CRATON_TEST_OFFSET_V32(name) offsetof(CK_FUNCTION_LIST_3_2, name),
constexpr std::size_t kOffsetsV2[] = {CRATON_P11_FUNCTIONS_V2(CRATON_TEST_OFFSET_V2)};
constexpr std::size_t kOffsetsV30[] = {CRATON_P11_FUNCTIONS_V2(CRATON_TEST_OFFSET_V30)
                                           CRATON_P11_FUNCTIONS_V30_ADDED(CRATON_TEST_OFFSET_V30)};
constexpr std::size_t kOffsetsV32[] = {CRATON_P11_FUNCTIONS_ALL(CRATON_TEST_OFFSET_V32)};
#undef CRATON_TEST_OFFSET_V2
#undef CRATON_TEST_OFFSET_V30
#undef CRATON_TEST_OFFSET_V32

template <std::size_t N>
constexpr bool Contiguous(const std::size_t (&offsets)[N], std::size_t first) {
    for (std::size_t i = 0; i < N; ++i) {
        if (offsets[i] != first + i * sizeof(void (*)())) return false;
    }
    return true;
}
static_assert(Contiguous(kOffsetsV2, offsetof(CK_FUNCTION_LIST, C_Initialize)));
static_assert(Contiguous(kOffsetsV30, offsetof(CK_FUNCTION_LIST_3_0, C_Initialize)));
static_assert(Contiguous(kOffsetsV32, offsetof(CK_FUNCTION_LIST_3_2, C_Initialize)));
static_assert(sizeof(CK_FUNCTION_LIST) ==
              offsetof(CK_FUNCTION_LIST, C_Initialize) + 68 * sizeof(void (*)()));
static_assert(sizeof(CK_FUNCTION_LIST_3_0) ==
              offsetof(CK_FUNCTION_LIST_3_0, C_Initialize) + 92 * sizeof(void (*)()));
static_assert(sizeof(CK_FUNCTION_LIST_3_2) ==
              offsetof(CK_FUNCTION_LIST_3_2, C_Initialize) + 104 * sizeof(void (*)()));

// ---------------------------------------------------------------------------
// Runtime checks
// ---------------------------------------------------------------------------

TEST(Pkcs11Header, XMacroCountsMatchSpec) {
    EXPECT_EQ(kV2Count, 68);
    EXPECT_EQ(kV30Count, 24);
    EXPECT_EQ(kV32Count, 12);
    EXPECT_EQ(kListedV2[67], "C_WaitForSlotEvent");
    EXPECT_EQ(kListedV30[0], "C_GetInterfaceList");
    EXPECT_EQ(kListedV32[0], "C_EncapsulateKey");
    EXPECT_EQ(kListedV32[11], "C_UnwrapKeyAuthenticated");
}

TEST(Pkcs11Header, NewerTableReadableThroughOlderType) {
    // A 3.2 table filled through the X-macros must present the same entries
    // to a client that only knows the 3.0 or 2.40 layout.
    CK_FUNCTION_LIST_3_2 table;
    std::memset(&table, 0, sizeof table);
    table.version.major = 3;
    table.version.minor = 2;
    std::size_t seen = 0;
#define CRATON_TEST_FILL(name)                                                     \
    table.name = reinterpret_cast<CK_##name>(static_cast<std::uintptr_t>(++seen)); \
    (void)0;
    CRATON_P11_FUNCTIONS_ALL(CRATON_TEST_FILL)
#undef CRATON_TEST_FILL
    EXPECT_EQ(seen, 104u);

    CK_FUNCTION_LIST legacy;
    std::memcpy(&legacy, &table, sizeof legacy);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(legacy.C_Initialize), 1u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(legacy.C_WaitForSlotEvent), 68u);

    CK_FUNCTION_LIST_3_0 v30;
    std::memcpy(&v30, &table, sizeof v30);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v30.C_GetInterfaceList), 69u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v30.C_MessageVerifyFinal), 92u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(table.C_EncapsulateKey), 93u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(table.C_UnwrapKeyAuthenticated), 104u);
}

TEST(Pkcs11Header, ArrayAttributesCarryTheArrayFlag) {
    EXPECT_NE(CKA_WRAP_TEMPLATE & CKF_ARRAY_ATTRIBUTE, 0UL);
    EXPECT_NE(CKA_UNWRAP_TEMPLATE & CKF_ARRAY_ATTRIBUTE, 0UL);
    EXPECT_NE(CKA_DERIVE_TEMPLATE & CKF_ARRAY_ATTRIBUTE, 0UL);
    EXPECT_NE(CKA_ALLOWED_MECHANISMS & CKF_ARRAY_ATTRIBUTE, 0UL);
    EXPECT_EQ(CKA_WRAP_TEMPLATE & ~CKF_ARRAY_ATTRIBUTE, 0x211UL);
}

TEST(Pkcs11Header, VendorValuesStayInVendorRangeAndApart) {
    EXPECT_GE(CKM_CRATON_X25519_ML_KEM_768, CKM_VENDOR_DEFINED);
    EXPECT_GE(CKK_CRATON_X25519_ML_KEM_768, CKK_VENDOR_DEFINED);
    const CK_MECHANISM_TYPE legacy[] = {
        CKM_CRATON_LEGACY_ML_KEM_512,        CKM_CRATON_LEGACY_ML_KEM_768,
        CKM_CRATON_LEGACY_ML_KEM_1024,       CKM_CRATON_LEGACY_ML_DSA_44,
        CKM_CRATON_LEGACY_ML_DSA_65,         CKM_CRATON_LEGACY_ML_DSA_87,
        CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S, CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S,
        CKM_CRATON_LEGACY_X25519_ML_KEM_768,
    };
    for (CK_MECHANISM_TYPE m : legacy) {
        EXPECT_GE(m, CKM_VENDOR_DEFINED);
        EXPECT_NE(m, CKM_CRATON_X25519_ML_KEM_768);
        EXPECT_NE(m, CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN);
    }
}

TEST(Pkcs11Header, SignContextStructuresAreAggregates) {
    CK_BYTE ctx[] = {'c', 't', 'x'};
    CK_SIGN_ADDITIONAL_CONTEXT sign = {CKH_DETERMINISTIC_REQUIRED, ctx, sizeof ctx};
    CK_HASH_SIGN_ADDITIONAL_CONTEXT hashed = {CKH_HEDGE_REQUIRED, ctx, sizeof ctx, CKM_SHA3_256};
    CK_MECHANISM mech = {CKM_ML_DSA, &sign, sizeof sign};
    EXPECT_EQ(mech.ulParameterLen, sizeof(CK_SIGN_ADDITIONAL_CONTEXT));
    EXPECT_EQ(hashed.hash, CKM_SHA3_256);
    EXPECT_EQ(sign.ulContextLen, 3UL);
}

}  // namespace
