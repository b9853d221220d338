/*
 * Craton HSM - vendor-defined PKCS#11 values.
 *
 * Values outside the OASIS registry that Craton HSM assigns itself: our own
 * mechanisms and key types, and the numbers used by the earlier Rust product
 * which we still accept so that its applications keep working unchanged.
 *
 * Include after (or instead of) <craton/pkcs11/pkcs11.h>; this header pulls
 * it in itself because every value is built on a *_VENDOR_DEFINED base.
 */
#ifndef CRATON_PKCS11_CRATON_VENDOR_H
#define CRATON_PKCS11_CRATON_VENDOR_H

#include "pkcs11.h"

/* ------------------------------------------------------------------------ */
/* Craton vendor range                                                      */
/* ------------------------------------------------------------------------ */

/*
 * The standard reserves everything at or above *_VENDOR_DEFINED (bit 31) for
 * vendors, and every vendor starts its numbering at that bit. To stay clear
 * of values other modules (and our own legacy product) use, Craton places
 * its numbers under bits 16..30 = 0x4352, the ASCII letters "CR". The low 16
 * bits are ours to allocate; 0 is never used so a bare base is recognisable
 * as a mistake.
 *
 * New values must be appended; a value once released is never reused.
 */
/* clang-format off */
#define CRATON_VENDOR_TAG                     0x43520000UL

#define CKM_CRATON_BASE                       (CKM_VENDOR_DEFINED | CRATON_VENDOR_TAG)
#define CKK_CRATON_BASE                       (CKK_VENDOR_DEFINED | CRATON_VENDOR_TAG)
#define CKA_CRATON_BASE                       (CKA_VENDOR_DEFINED | CRATON_VENDOR_TAG)
#define CKR_CRATON_BASE                       (CKR_VENDOR_DEFINED | CRATON_VENDOR_TAG)
/* clang-format on */

/* ------------------------------------------------------------------------ */
/* Hybrid X25519 + ML-KEM-768 key encapsulation                             */
/* ------------------------------------------------------------------------ */

/*
 * A hybrid KEM stays secure as long as either component does, which is why
 * we offer it while ML-KEM is young. The combination is not (yet) assigned
 * by OASIS, hence a vendor number. Keys of this type are used with
 * C_EncapsulateKey / C_DecapsulateKey and the CKM_CRATON_X25519_ML_KEM_768
 * mechanism; key pairs come from CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN.
 */
/* clang-format off */
#define CKK_CRATON_X25519_ML_KEM_768          (CKK_CRATON_BASE | 0x00000001UL)

#define CKM_CRATON_X25519_ML_KEM_768          (CKM_CRATON_BASE | 0x00000001UL)
#define CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN (CKM_CRATON_BASE | 0x00000002UL)

/* ------------------------------------------------------------------------ */
/* Key life cycle and FIPS approval                                         */
/* ------------------------------------------------------------------------ */

/*
 * SP 800-57 key states beyond what CKA_START_DATE / CKA_END_DATE express
 * (before the start date a key is pre-activation, after the end date it is
 * deactivated). CKA_CRATON_KEY_STATE (CK_ULONG) on any key:
 *   ACTIVE       the dates decide (the default when absent);
 *   SUSPENDED    no operation at all until set back to ACTIVE;
 *   COMPROMISED  only processing of existing data: verify, decrypt, unwrap,
 *                decapsulate; never sign, encrypt, wrap, derive, encapsulate;
 *   DESTROYED    no operation (the metadata of a destroyed key).
 * Any other value is treated as DESTROYED (fail closed).
 *
 * CKF_CRATON_FIPS_APPROVED is set in CK_MECHANISM_INFO.flags by
 * C_GetMechanismInfo in approved-only mode ([fips] approved_only = true), where
 * every listed mechanism is approved. The flags word has no vendor range; this
 * bit is unassigned in PKCS#11 3.2.
 */
/*
 * Not CKA_CRATON_BASE: bit 30 of an attribute type is CKF_ARRAY_ATTRIBUTE (the
 * value is an attribute template), and the "CR" tag 0x4352 sets it. A plain
 * CK_ULONG attribute must leave bit 30 clear, so it uses the tag without it.
 */
#define CKA_CRATON_KEY_STATE                  (CKA_VENDOR_DEFINED | \
                                               (CRATON_VENDOR_TAG & ~CKF_ARRAY_ATTRIBUTE) | \
                                               0x00000001UL)

#define CRATON_KEY_STATE_ACTIVE               0x00000000UL
#define CRATON_KEY_STATE_SUSPENDED            0x00000001UL
#define CRATON_KEY_STATE_COMPROMISED          0x00000002UL
#define CRATON_KEY_STATE_DESTROYED            0x00000003UL

#define CKF_CRATON_FIPS_APPROVED              0x40000000UL

/* ------------------------------------------------------------------------ */
/* Legacy values of the earlier Rust product                                */
/* ------------------------------------------------------------------------ */

/*
 * The previous product predates PKCS#11 3.2 and put the parameter set into
 * the mechanism number instead of CKA_PARAMETER_SET. We accept these numbers
 * as aliases of the standard key types, mechanisms and parameter sets listed
 * below, so that its applications run against Craton unmodified.
 *
 * They sit at the very start of the vendor range, so they overlap between
 * namespaces (CKK_CRATON_LEGACY_ML_KEM has the same number as
 * CKM_CRATON_LEGACY_ML_KEM_512) and very likely with other vendors. That is
 * harmless for key types and mechanisms, which live in separate namespaces,
 * but it is the reason new Craton values use the CRATON_VENDOR_TAG range.
 *
 * Standard equivalent of each legacy value:
 *   CKK_CRATON_LEGACY_ML_KEM             -> CKK_ML_KEM
 *   CKK_CRATON_LEGACY_ML_DSA             -> CKK_ML_DSA
 *   CKK_CRATON_LEGACY_SLH_DSA            -> CKK_SLH_DSA
 *   CKM_CRATON_LEGACY_ML_KEM_{512,768,1024}
 *                                        -> CKM_ML_KEM, CKP_ML_KEM_{512,768,1024}
 *   CKM_CRATON_LEGACY_ML_DSA_{44,65,87}  -> CKM_ML_DSA, CKP_ML_DSA_{44,65,87}
 *   CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S  -> CKM_SLH_DSA, CKP_SLH_DSA_SHA2_128S
 *   CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S  -> CKM_SLH_DSA, CKP_SLH_DSA_SHA2_256S
 *   CKM_CRATON_LEGACY_X25519_ML_KEM_768  -> CKM_CRATON_X25519_ML_KEM_768
 */
#define CKK_CRATON_LEGACY_ML_KEM              0x80000001UL
#define CKK_CRATON_LEGACY_ML_DSA              0x80000002UL
#define CKK_CRATON_LEGACY_SLH_DSA             0x80000003UL

#define CKM_CRATON_LEGACY_ML_KEM_512          0x80000001UL
#define CKM_CRATON_LEGACY_ML_KEM_768          0x80000002UL
#define CKM_CRATON_LEGACY_ML_KEM_1024         0x80000003UL
#define CKM_CRATON_LEGACY_ML_DSA_44           0x80000010UL
#define CKM_CRATON_LEGACY_ML_DSA_65           0x80000011UL
#define CKM_CRATON_LEGACY_ML_DSA_87           0x80000012UL
#define CKM_CRATON_LEGACY_SLH_DSA_SHA2_128S   0x80000020UL
#define CKM_CRATON_LEGACY_SLH_DSA_SHA2_256S   0x80000021UL
#define CKM_CRATON_LEGACY_X25519_ML_KEM_768   0x80000040UL
/* clang-format on */

#endif /* CRATON_PKCS11_CRATON_VENDOR_H */
