// The checks every key-using entry point makes before a mechanism touches a key.
//
// One place for the PKCS#11 rules shared by sign/verify, encrypt/decrypt, the message-based
// calls, wrap/unwrap/derive and encapsulate/decapsulate: the mechanism is registered, the key's
// type is one the mechanism accepts, the usage attribute (CKA_SIGN, CKA_WRAP, …) is TRUE, the
// mechanism is in CKA_ALLOWED_MECHANISMS when that list is set, and the key's life cycle and
// the approved-mode policy allow the use. Keeping them together keeps the entry points from
// drifting apart in the order of their checks (and so in the CK_RV a caller sees).
#pragma once

#include "core/object.h"
#include "mech/registry.h"

namespace craton {

// The registry row of `mechanism`: CKR_ARGUMENTS_BAD for NULL, CKR_MECHANISM_INVALID when the
// module does not implement it.
const mech::Mechanism& registered_mechanism(const CK_MECHANISM* mechanism);

// Throws the CK_RV the specification gives for the first rule `key` breaks when used with
// mechanism `m` (of type `type`) for `usage`.
void check_key_use(const mech::Mechanism& m, const Object& key, CK_ATTRIBUTE_TYPE usage,
                   CK_MECHANISM_TYPE type);

}  // namespace craton
