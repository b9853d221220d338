// Test helper: one HKDF derivation through C_DeriveKey into an extractable, non-sensitive
// generic secret (or a data object for CKM_HKDF_DATA) whose value is then read back.
#pragma once

#include <optional>

#include "support/p11_module.h"

namespace craton::test {

struct HkdfCall {
    CK_MECHANISM_TYPE prf = CKM_SHA256;
    bool extract = true;
    bool expand = true;
    std::optional<Bytes> salt;                      // absent: CKF_HKDF_SALT_NULL
    CK_OBJECT_HANDLE salt_key = CK_INVALID_HANDLE;  // set: CKF_HKDF_SALT_KEY
    Bytes info;
    CK_ULONG length = 0;  // CKA_VALUE_LEN in the template; 0: not given
    CK_MECHANISM_TYPE mechanism = CKM_HKDF_DERIVE;
};

inline CK_HKDF_PARAMS hkdf_params(HkdfCall& c) {
    CK_HKDF_PARAMS p{};
    p.bExtract = c.extract ? CK_TRUE : CK_FALSE;
    p.bExpand = c.expand ? CK_TRUE : CK_FALSE;
    p.prfHashMechanism = c.prf;
    if (c.salt_key != CK_INVALID_HANDLE) {
        p.ulSaltType = CKF_HKDF_SALT_KEY;
        p.hSaltKey = c.salt_key;
    } else if (c.salt) {
        p.ulSaltType = CKF_HKDF_SALT_DATA;
        p.pSalt = c.salt->empty() ? nullptr : c.salt->data();
        p.ulSaltLen = c.salt->size();
    } else {
        p.ulSaltType = CKF_HKDF_SALT_NULL;
    }
    p.pInfo = c.info.empty() ? nullptr : c.info.data();
    p.ulInfoLen = c.info.size();
    return p;
}

// Derives with `params` (already filled) and returns the CK_RV; `out` gets the handle.
inline CK_RV hkdf_derive_raw(P11Session& p11, CK_OBJECT_HANDLE base, CK_MECHANISM& mech,
                             CK_ULONG length, CK_OBJECT_HANDLE& out) {
    AttrBuilder b;
    if (mech.mechanism == CKM_HKDF_DATA) {
        b.add_ulong(CKA_CLASS, CKO_DATA);
    } else {
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
            .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
            .add_bool(CKA_SENSITIVE, false)
            .add_bool(CKA_EXTRACTABLE, true)
            .add_bool(CKA_DERIVE, true);
    }
    if (length != 0) b.add_ulong(CKA_VALUE_LEN, length);
    auto attrs = b.build();
    out = CK_INVALID_HANDLE;
    return p11.fn()->C_DeriveKey(p11.session(), &mech, base, attrs.data(), attrs.size(), &out);
}

// The derived value, or the CK_RV of a refused derivation.
struct HkdfResult {
    CK_RV rv = CKR_OK;
    Bytes value;
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
};

inline HkdfResult hkdf_derive(P11Session& p11, CK_OBJECT_HANDLE base, HkdfCall c) {
    CK_HKDF_PARAMS p = hkdf_params(c);
    CK_MECHANISM mech{c.mechanism, &p, sizeof p};
    HkdfResult r;
    r.rv = hkdf_derive_raw(p11, base, mech, c.length, r.handle);
    if (r.rv == CKR_OK) r.value = p11.attribute(r.handle, CKA_VALUE);
    return r;
}

}  // namespace craton::test
