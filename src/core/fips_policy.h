// Approved-only mode and key life-cycle enforcement: the checks every key use passes.
//
// Approved-only mode ([fips] approved_only = true) is process-wide, set by C_Initialize. In
// it the mechanism table hides every row whose fips_approved flag is false (registry.cpp:
// C_GetMechanismList omits them, every *Init, key generation, derivation, wrap/unwrap and
// encapsulation finds no such mechanism and returns CKR_MECHANISM_INVALID), and
// check_key_use() refuses what the row cannot express: RSA keys under 2048 bits for anything
// but verification (SP 800-131A legacy use), and X25519 key agreement (not an SP 800-56A
// scheme). SHA-1 signing and raw RSA are refused by the configuration itself, which rejects
// approved_only together with allow_sha1_signing or allow_rsa_x509_decrypt.
//
// Key life cycle (SP 800-57 Part 1, 5.3): CKA_START_DATE and CKA_END_DATE (UTC, inclusive)
// and the vendor attribute CKA_CRATON_KEY_STATE decide what a key may do:
//   pre-activation (today < start), suspended, destroyed: nothing;
//   deactivated (today > end), compromised: verify, decrypt, unwrap, decapsulate only;
//   active: everything its usage attributes allow.
// A refused use is CKR_KEY_FUNCTION_NOT_PERMITTED. PKCS#11 itself calls the dates
// informational; enforcing them is this module's policy (docs/self-tests.md).
#pragma once

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"

namespace craton::mech {
struct Mechanism;
}

namespace craton::fips {

void set_approved_only(bool on) noexcept;
bool approved_only() noexcept;

enum class Lifecycle { PreActivation, Active, Deactivated, Suspended, Compromised, Destroyed };

// The key's state on `today` ("YYYYMMDD", the CK_DATE characters).
Lifecycle lifecycle(const Object& key, const char (&today)[8]);
// Whether a key in `state` may serve `usage` (CKA_SIGN, CKA_VERIFY, CKA_ENCRYPT, CKA_DECRYPT,
// CKA_WRAP, CKA_UNWRAP, CKA_DERIVE, CKA_ENCAPSULATE, CKA_DECAPSULATE).
bool lifecycle_permits(Lifecycle state, CK_ATTRIBUTE_TYPE usage) noexcept;
// Today's UTC date as CK_DATE characters.
void today_utc(char (&out)[8]) noexcept;

// The check at every key use: throws CKR_KEY_FUNCTION_NOT_PERMITTED for a life-cycle refusal
// and CKR_MECHANISM_INVALID for an approved-mode refusal. `usage` as for lifecycle_permits.
void check_key_use(const mech::Mechanism& m, const Object& key, CK_ATTRIBUTE_TYPE usage);

}  // namespace craton::fips
