// Key generation, wrapping, unwrapping and derivation.
//
// Attribute rules come from AttributePolicy (with the Generate / Unwrap / Derive footnotes);
// the mechanism only produces or transforms key material. Wrapping rules (CKA_EXTRACTABLE,
// CKA_WRAP_WITH_TRUSTED, the wrap and unwrap templates) are enforced here for every mechanism.
#include <algorithm>
#include <mutex>

#include "core/attribute_policy.h"
#include "core/audit_call.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/key_use.h"
#include "mech/registry.h"

namespace craton {
namespace {

// Every attribute in `required` (a stored nested template) must match `obj`.
bool satisfies(const Object& obj, const std::optional<ByteView>& required) {
    if (!required || required->empty()) return true;
    return AttributePolicy::matches(obj, decode_nested_template(*required));
}

}  // namespace

CK_OBJECT_HANDLE Hsm::generate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                   const Template& tmpl) {
    AuditCall audit(*this, "C_GenerateKey", handle);
    audit.mechanism(mechanism);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.generate_key) fail(CKR_MECHANISM_INVALID);
    NewObjectContext ctx;
    ctx.path = CreationPath::Generate;
    ctx.mechanism = m.type;
    ctx.implied_class = CKO_SECRET_KEY;
    ctx.implied_key_type = m.generated_key_type;
    ctx.so_logged_in = s->so_logged_in();
    ObjectPtr key = AttributePolicy::build(tmpl, ctx);
    check_may_create(*s, key->is_token(), key->is_private());
    m.generate_key(*mechanism, *key);
    return audit.object(store_new_object(*s, key));
}

std::pair<CK_OBJECT_HANDLE, CK_OBJECT_HANDLE> Hsm::generate_key_pair(
    CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism, const Template& pub_tmpl,
    const Template& priv_tmpl) {
    AuditCall audit(*this, "C_GenerateKeyPair", handle);
    audit.mechanism(mechanism);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.generate_key_pair) fail(CKR_MECHANISM_INVALID);
    NewObjectContext ctx;
    ctx.path = CreationPath::Generate;
    ctx.mechanism = m.type;
    ctx.implied_key_type = m.generated_key_type;
    ctx.so_logged_in = s->so_logged_in();
    ctx.implied_class = CKO_PUBLIC_KEY;
    ObjectPtr pub = AttributePolicy::build(pub_tmpl, ctx);
    ctx.implied_class = CKO_PRIVATE_KEY;
    ObjectPtr priv = AttributePolicy::build(priv_tmpl, ctx);
    check_may_create(*s, pub->is_token(), pub->is_private());
    check_may_create(*s, priv->is_token(), priv->is_private());
    m.generate_key_pair(*mechanism, *pub, *priv);
    const CK_OBJECT_HANDLE hpub = audit.object(store_new_object(*s, pub));
    const CK_OBJECT_HANDLE hpriv = audit.object(store_new_object(*s, priv));
    return {hpub, hpriv};
}

void Hsm::wrap_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                   CK_OBJECT_HANDLE wrapping_key, CK_OBJECT_HANDLE key, OutputBuffer out) {
    AuditCall audit(*this, "C_WrapKey", handle, !out.is_length_query());
    audit.mechanism(mechanism).key(wrapping_key).object(key);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.wrap) fail(CKR_MECHANISM_INVALID);
    // The specification names the wrapping key's own code (as unwrap_key does for its key).
    ObjectPtr wrapper = [&] {
        ObjectPtr o = s->token().objects().find(wrapping_key);
        if (!o || !can_see(*s, *o)) fail(CKR_WRAPPING_KEY_HANDLE_INVALID);
        return o;
    }();
    ObjectPtr target = [&] {
        ObjectPtr o = s->token().objects().find(key);
        if (!o || !can_see(*s, *o)) fail(CKR_KEY_HANDLE_INVALID);
        return o;
    }();
    if (wrapper->object_class() != CKO_SECRET_KEY && wrapper->object_class() != CKO_PUBLIC_KEY) {
        fail(CKR_WRAPPING_KEY_TYPE_INCONSISTENT);
    }
    check_key_use(m, *wrapper, CKA_WRAP, m.type);
    const CK_OBJECT_CLASS cls = target->object_class();
    if (cls != CKO_SECRET_KEY && cls != CKO_PRIVATE_KEY) fail(CKR_KEY_NOT_WRAPPABLE);
    if (!target->get_bool(CKA_EXTRACTABLE)) fail(CKR_KEY_UNEXTRACTABLE);
    if (target->get_bool(CKA_WRAP_WITH_TRUSTED) && !wrapper->get_bool(CKA_TRUSTED)) {
        fail(CKR_KEY_NOT_WRAPPABLE);
    }
    if (!satisfies(*target, wrapper->get(CKA_WRAP_TEMPLATE))) fail(CKR_KEY_NOT_WRAPPABLE);

    SecureBytes plain;
    if (cls == CKO_SECRET_KEY) {
        const auto value = target->get(CKA_VALUE);
        if (!value) fail(CKR_KEY_NOT_WRAPPABLE);
        plain.assign(value->begin(), value->end());
    } else {
        const auto* support = mech::MechanismRegistry::global().key_type(target->key_type());
        if (support == nullptr || !support->encode_private) fail(CKR_KEY_NOT_WRAPPABLE);
        plain = support->encode_private(*target);
    }
    // The wrapped length is only known after wrapping; wrapping twice for a length query
    // would cost a second RSA operation, so the result is computed once and then sized.
    const SecureBytes wrapped = m.wrap(*mechanism, wrapper, plain);
    if (out.reserve(wrapped.size())) {
        std::copy(wrapped.begin(), wrapped.end(), out.data());
        out.set_written(wrapped.size());
    }
}

CK_OBJECT_HANDLE Hsm::unwrap_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                 CK_OBJECT_HANDLE unwrapping_key, ByteView wrapped,
                                 const Template& tmpl) {
    AuditCall audit(*this, "C_UnwrapKey", handle);
    audit.mechanism(mechanism).key(unwrapping_key);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.unwrap) fail(CKR_MECHANISM_INVALID);
    ObjectPtr unwrapper = [&] {
        ObjectPtr o = s->token().objects().find(unwrapping_key);
        if (!o || !can_see(*s, *o)) fail(CKR_UNWRAPPING_KEY_HANDLE_INVALID);
        return o;
    }();
    if (std::find(m.key_types.begin(), m.key_types.end(), unwrapper->key_type()) ==
        m.key_types.end()) {
        fail(CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT);
    }
    check_key_use(m, *unwrapper, CKA_UNWRAP, m.type);

    NewObjectContext ctx;
    ctx.path = CreationPath::Unwrap;
    ctx.so_logged_in = s->so_logged_in();
    ObjectPtr key = AttributePolicy::build(tmpl, ctx);
    check_may_create(*s, key->is_token(), key->is_private());
    if (!satisfies(*key, unwrapper->get(CKA_UNWRAP_TEMPLATE))) fail(CKR_TEMPLATE_INCONSISTENT);

    SecureBytes plain;
    try {
        plain = m.unwrap(*mechanism, unwrapper, wrapped);
    } catch (const Pkcs11Error& e) {
        // A wrong key or tampered blob must not be distinguishable by error code.
        if (e.rv() == CKR_ENCRYPTED_DATA_INVALID || e.rv() == CKR_ENCRYPTED_DATA_LEN_RANGE) {
            fail(CKR_WRAPPED_KEY_INVALID);
        }
        throw;
    }
    if (key->object_class() == CKO_SECRET_KEY) {
        if (const auto len = key->get_ulong(CKA_VALUE_LEN, 0); len != 0 && len != plain.size()) {
            fail(CKR_TEMPLATE_INCONSISTENT);
        }
        key->set(CKA_VALUE, plain);
        key->set_ulong(CKA_VALUE_LEN, plain.size());
    } else if (key->object_class() == CKO_PRIVATE_KEY) {
        const auto* support = mech::MechanismRegistry::global().key_type(key->key_type());
        if (support == nullptr || !support->decode_private) fail(CKR_TEMPLATE_INCONSISTENT);
        support->decode_private(plain, *key);
    } else {
        fail(CKR_TEMPLATE_INCONSISTENT);
    }
    if (const auto* support = mech::MechanismRegistry::global().key_type(key->key_type());
        support != nullptr && support->complete_import) {
        support->complete_import(*key);
    }
    return audit.object(store_new_object(*s, key));
}

CK_OBJECT_HANDLE Hsm::derive_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                 CK_OBJECT_HANDLE base_key, const Template& tmpl) {
    AuditCall audit(*this, "C_DeriveKey", handle);
    audit.mechanism(mechanism).key(base_key);
    SessionPtr s = session(handle);
    const auto& m = registered_mechanism(mechanism);
    if (!m.derive && !m.derive_with_lookup) fail(CKR_MECHANISM_INVALID);
    ObjectPtr base = visible_key(*s, base_key);
    check_key_use(m, *base, CKA_DERIVE, m.type);

    NewObjectContext ctx;
    ctx.path = CreationPath::Derive;
    ctx.so_logged_in = s->so_logged_in();
    ctx.base_always_sensitive = base->get_bool(CKA_ALWAYS_SENSITIVE);
    ctx.base_never_extractable = base->get_bool(CKA_NEVER_EXTRACTABLE);
    // Derived secrets land in a readable data object only for mechanisms made for that.
    const std::optional<CK_ULONG> asked_class = tmpl.get_ulong(CKA_CLASS);
    if (asked_class && (*asked_class == CKO_DATA) != (m.derived_class == CKO_DATA)) {
        fail(CKR_TEMPLATE_INCONSISTENT);
    }
    if (!asked_class) ctx.implied_class = m.derived_class;
    std::size_t length = 0;
    ObjectPtr key;
    if (m.derived_class == CKO_DATA) {
        length = tmpl.get_ulong(CKA_VALUE_LEN).value_or(0);
        Template object_tmpl;
        for (const auto& e : tmpl.entries()) {
            if (e.type != CKA_VALUE_LEN) object_tmpl.add(e.type, e.value);
        }
        key = AttributePolicy::build(object_tmpl, ctx);
    } else {
        key = AttributePolicy::build(tmpl, ctx);
        length = key->get_ulong(CKA_VALUE_LEN, 0);
    }
    check_may_create(*s, key->is_token(), key->is_private());
    if (!satisfies(*key, base->get(CKA_DERIVE_TEMPLATE))) fail(CKR_TEMPLATE_INCONSISTENT);

    if (key->key_type() == CKK_AES && length == 0) fail(CKR_TEMPLATE_INCOMPLETE);
    const mech::Mechanism::KeyLookup lookup = [&](CK_OBJECT_HANDLE h) {
        return visible_key(*s, h);
    };
    const SecureBytes value = m.derive_with_lookup
                                  ? m.derive_with_lookup(*mechanism, base, length, lookup)
                                  : m.derive(*mechanism, base, length);
    if (length != 0 && value.size() != length) fail(CKR_TEMPLATE_INCONSISTENT);
    key->set(CKA_VALUE, value);
    if (key->object_class() == CKO_SECRET_KEY) key->set_ulong(CKA_VALUE_LEN, value.size());
    if (const auto* support = mech::MechanismRegistry::global().key_type(key->key_type());
        support != nullptr && support->complete_import) {
        support->complete_import(*key);
    }
    return audit.object(store_new_object(*s, key));
}

}  // namespace craton
