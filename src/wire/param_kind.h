// Which portable parameter shape each mechanism takes (docs/remote.md, "Mechanism parameters").
//
// Both ends use this one table: the remote module to encode a CK_MECHANISM, the daemon to
// refuse a parameter whose shape does not match the mechanism. The daemon must never hand the
// module a byte string where the module expects a structure: structures hold pointers, and a
// client-chosen "pointer" would be dereferenced inside the daemon.
#pragma once

#include <craton/pkcs11/pkcs11.h>

namespace craton::wire {

enum class ParamKind {
    Unsupported,  // no portable encoding: a parameter is refused (NULL still passes)
    Bytes,        // the parameter is a byte string (IVs)
    Ulong,        // CK_MAC_GENERAL_PARAMS
    Gcm,
    Oaep,
    Pss,
    Ecdh1,
    Hkdf,
    AesCtr,
    Eddsa,
    SignContext,      // CK_SIGN_ADDITIONAL_CONTEXT
    HashSignContext,  // CK_HASH_SIGN_ADDITIONAL_CONTEXT
};

ParamKind param_kind(CK_MECHANISM_TYPE type);

}  // namespace craton::wire
