// Key encapsulation (PKCS#11 3.2 C_EncapsulateKey / C_DecapsulateKey).
//
// Both create a secret key from a KEM shared secret. The key's attributes follow the derive
// rules: it is not CKA_LOCAL, and CKA_ALWAYS_SENSITIVE / CKA_NEVER_EXTRACTABLE can only be
// true if the decapsulating private key had them (an encapsulated secret is fresh randomness
// made inside the token, so only the new key's own attributes count). A CKA_VALUE_LEN in the
// template takes that many leading bytes of the shared secret, identically on both sides.
#include <algorithm>

#include "core/attribute_policy.h"
#include "core/audit_call.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/key_use.h"
#include "mech/registry.h"

namespace craton {
namespace {

// The new secret key object, attributes only; the value comes from the shared secret.
ObjectPtr new_secret_key(const Session& s, const Template& tmpl, bool base_always_sensitive,
                         bool base_never_extractable) {
    NewObjectContext ctx;
    ctx.path = CreationPath::Derive;
    ctx.so_logged_in = s.so_logged_in();
    ctx.base_always_sensitive = base_always_sensitive;
    ctx.base_never_extractable = base_never_extractable;
    ctx.implied_class = CKO_SECRET_KEY;
    // A shared secret is a generic secret unless the caller names what it is for.
    Template with_type = tmpl;
    if (!tmpl.find(CKA_KEY_TYPE)) with_type.add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    ObjectPtr key = AttributePolicy::build(with_type, ctx);
    Hsm::check_may_create(s, key->is_token(), key->is_private());
    if (key->has(CKA_VALUE_LEN) && key->get_ulong(CKA_VALUE_LEN) == 0) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    return key;
}

void set_secret_value(Object& key, const SecureBytes& secret) {
    const std::size_t length = key.get_ulong(CKA_VALUE_LEN, 0);
    const std::size_t take = length == 0 ? secret.size() : length;
    if (take > secret.size()) fail(CKR_TEMPLATE_INCONSISTENT);
    key.set(CKA_VALUE, ByteView(secret.data(), take));
    key.set_ulong(CKA_VALUE_LEN, take);
    if (const auto* support = mech::MechanismRegistry::global().key_type(key.key_type());
        support != nullptr && support->complete_import) {
        support->complete_import(key);
    }
}

}  // namespace

CK_OBJECT_HANDLE Hsm::encapsulate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                      CK_OBJECT_HANDLE public_key, const Template& tmpl,
                                      OutputBuffer ciphertext) {
    AuditCall audit(*this, "C_EncapsulateKey", handle,
                    audit_crypto_operations(*this) && !ciphertext.is_length_query());
    audit.mechanism(mechanism).key(public_key);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.encapsulate || !m.ciphertext_length) fail(CKR_MECHANISM_INVALID);
    ObjectPtr pub = visible_key(*s, public_key);
    check_key_use(m, *pub, CKA_ENCAPSULATE, mechanism->mechanism);
    ObjectPtr key = new_secret_key(*s, tmpl, true, true);

    const std::size_t ct_len = m.ciphertext_length(*mechanism, pub);
    if (!ciphertext.reserve(ct_len)) return CK_INVALID_HANDLE;
    // Produced aside so that a template the secret cannot satisfy leaves the caller's
    // buffer as it was.
    Bytes ct(ct_len);
    const SecureBytes secret = m.encapsulate(*mechanism, pub, ct.data());
    set_secret_value(*key, secret);
    const CK_OBJECT_HANDLE h = audit.object(store_new_object(*s, key));
    std::copy(ct.begin(), ct.end(), ciphertext.data());
    ciphertext.set_written(ct_len);
    return h;
}

CK_OBJECT_HANDLE Hsm::decapsulate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                      CK_OBJECT_HANDLE private_key, const Template& tmpl,
                                      ByteView ciphertext) {
    AuditCall audit(*this, "C_DecapsulateKey", handle, audit_crypto_operations(*this));
    audit.mechanism(mechanism).key(private_key);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.decapsulate) fail(CKR_MECHANISM_INVALID);
    ObjectPtr priv = visible_key(*s, private_key);
    check_key_use(m, *priv, CKA_DECAPSULATE, mechanism->mechanism);
    ObjectPtr key = new_secret_key(*s, tmpl, priv->get_bool(CKA_ALWAYS_SENSITIVE),
                                   priv->get_bool(CKA_NEVER_EXTRACTABLE));

    const SecureBytes secret = m.decapsulate(*mechanism, priv, ciphertext);
    set_secret_value(*key, secret);
    return audit.object(store_new_object(*s, key));
}

}  // namespace craton
