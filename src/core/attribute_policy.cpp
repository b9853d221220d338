#include "core/attribute_policy.h"

#include <cstring>
#include <set>
#include <vector>

#include <craton/pkcs11/craton_vendor.h>

#include "core/error.h"

namespace craton {
namespace {

enum class Kind { Bool, Ulong, Bytes, Date, AttrArray, MechArray };

// Footnotes of the PKCS#11 attribute tables, as bit flags.
enum Flag : unsigned {
    kReqCreate = 1u << 0,     // 1: must be given to C_CreateObject
    kNoCreate = 1u << 1,      // 2: must not be given to C_CreateObject
    kReqGenerate = 1u << 2,   // 3: must be given when generated
    kNoGenerate = 1u << 3,    // 4: must not be given when generated
    kReqUnwrap = 1u << 4,     // 5: must be given when unwrapped
    kNoUnwrap = 1u << 5,      // 6: must not be given when unwrapped
    kSensitive = 1u << 6,     // 7: hidden when SENSITIVE or not EXTRACTABLE
    kModifiable = 1u << 7,    // 8: may change after creation
    kOnlyToTrue = 1u << 8,    // 10/11: once TRUE stays TRUE
    kOnlyToFalse = 1u << 9,   // 12: once FALSE stays FALSE
    kTokenSet = 1u << 10,     // set by the token only (LOCAL, ALWAYS_SENSITIVE, ...)
    kSoOnly = 1u << 11,       // CKA_TRUSTED: only the SO may set TRUE
};

struct Rule {
    CK_ATTRIBUTE_TYPE type;
    Kind kind;
    unsigned flags;
};

constexpr unsigned kKeyValue = kReqCreate | kNoGenerate | kNoUnwrap;

const std::vector<Rule> kCommon = {
    {CKA_CLASS, Kind::Ulong, kReqCreate},
    {CKA_TOKEN, Kind::Bool, 0},
    {CKA_PRIVATE, Kind::Bool, 0},
    {CKA_MODIFIABLE, Kind::Bool, 0},
    {CKA_COPYABLE, Kind::Bool, 0},
    {CKA_DESTROYABLE, Kind::Bool, 0},
    {CKA_LABEL, Kind::Bytes, kModifiable},
    {CKA_UNIQUE_ID, Kind::Bytes, kTokenSet},
};

const std::vector<Rule> kData = {
    {CKA_APPLICATION, Kind::Bytes, 0},
    {CKA_OBJECT_ID, Kind::Bytes, 0},
    {CKA_VALUE, Kind::Bytes, 0},
};

const std::vector<Rule> kCertificate = {
    {CKA_CERTIFICATE_TYPE, Kind::Ulong, kReqCreate},
    {CKA_TRUSTED, Kind::Bool, kModifiable | kOnlyToTrue | kSoOnly},
    {CKA_CERTIFICATE_CATEGORY, Kind::Ulong, 0},
    {CKA_CHECK_VALUE, Kind::Bytes, 0},
    {CKA_START_DATE, Kind::Date, kModifiable},
    {CKA_END_DATE, Kind::Date, kModifiable},
    {CKA_PUBLIC_KEY_INFO, Kind::Bytes, 0},
    {CKA_SUBJECT, Kind::Bytes, 0},
    {CKA_ID, Kind::Bytes, kModifiable},
    {CKA_ISSUER, Kind::Bytes, kModifiable},
    {CKA_SERIAL_NUMBER, Kind::Bytes, kModifiable},
    {CKA_VALUE, Kind::Bytes, kReqCreate},
    {CKA_URL, Kind::Bytes, 0},
    {CKA_HASH_OF_SUBJECT_PUBLIC_KEY, Kind::Bytes, 0},
    {CKA_HASH_OF_ISSUER_PUBLIC_KEY, Kind::Bytes, 0},
    {CKA_JAVA_MIDP_SECURITY_DOMAIN, Kind::Ulong, 0},
    {CKA_NAME_HASH_ALGORITHM, Kind::Ulong, 0},
};

const std::vector<Rule> kKeyCommon = {
    {CKA_KEY_TYPE, Kind::Ulong, kReqCreate | kReqUnwrap},
    {CKA_ID, Kind::Bytes, kModifiable},
    {CKA_START_DATE, Kind::Date, kModifiable},
    {CKA_END_DATE, Kind::Date, kModifiable},
    {CKA_DERIVE, Kind::Bool, kModifiable},
    {CKA_LOCAL, Kind::Bool, kTokenSet},
    {CKA_KEY_GEN_MECHANISM, Kind::Ulong, kTokenSet},
    {CKA_ALLOWED_MECHANISMS, Kind::MechArray, 0},
    // SP 800-57 state beyond the dates (craton_vendor.h); enforced by core/fips_policy.
    {CKA_CRATON_KEY_STATE, Kind::Ulong, kModifiable},
};

const std::vector<Rule> kPublicKey = {
    {CKA_SUBJECT, Kind::Bytes, kModifiable},
    {CKA_ENCRYPT, Kind::Bool, kModifiable},
    {CKA_VERIFY, Kind::Bool, kModifiable},
    {CKA_VERIFY_RECOVER, Kind::Bool, kModifiable},
    {CKA_WRAP, Kind::Bool, kModifiable},
    {CKA_ENCAPSULATE, Kind::Bool, kModifiable},
    {CKA_TRUSTED, Kind::Bool, kModifiable | kOnlyToTrue | kSoOnly},
    {CKA_WRAP_TEMPLATE, Kind::AttrArray, 0},
    {CKA_PUBLIC_KEY_INFO, Kind::Bytes, 0},
};

const std::vector<Rule> kPrivateKey = {
    {CKA_SUBJECT, Kind::Bytes, kModifiable},
    {CKA_SENSITIVE, Kind::Bool, kModifiable | kOnlyToTrue},
    {CKA_DECRYPT, Kind::Bool, kModifiable},
    {CKA_SIGN, Kind::Bool, kModifiable},
    {CKA_SIGN_RECOVER, Kind::Bool, kModifiable},
    {CKA_UNWRAP, Kind::Bool, kModifiable},
    {CKA_DECAPSULATE, Kind::Bool, kModifiable},
    {CKA_EXTRACTABLE, Kind::Bool, kModifiable | kOnlyToFalse},
    {CKA_ALWAYS_SENSITIVE, Kind::Bool, kTokenSet},
    {CKA_NEVER_EXTRACTABLE, Kind::Bool, kTokenSet},
    {CKA_WRAP_WITH_TRUSTED, Kind::Bool, kModifiable | kOnlyToTrue},
    {CKA_UNWRAP_TEMPLATE, Kind::AttrArray, 0},
    {CKA_DERIVE_TEMPLATE, Kind::AttrArray, 0},
    {CKA_ALWAYS_AUTHENTICATE, Kind::Bool, 0},
    {CKA_PUBLIC_KEY_INFO, Kind::Bytes, 0},
};

const std::vector<Rule> kSecretKey = {
    {CKA_SENSITIVE, Kind::Bool, kModifiable | kOnlyToTrue},
    {CKA_ENCRYPT, Kind::Bool, kModifiable},
    {CKA_DECRYPT, Kind::Bool, kModifiable},
    {CKA_SIGN, Kind::Bool, kModifiable},
    {CKA_VERIFY, Kind::Bool, kModifiable},
    {CKA_WRAP, Kind::Bool, kModifiable},
    {CKA_UNWRAP, Kind::Bool, kModifiable},
    {CKA_EXTRACTABLE, Kind::Bool, kModifiable | kOnlyToFalse},
    {CKA_ALWAYS_SENSITIVE, Kind::Bool, kTokenSet},
    {CKA_NEVER_EXTRACTABLE, Kind::Bool, kTokenSet},
    {CKA_CHECK_VALUE, Kind::Bytes, 0},
    {CKA_WRAP_WITH_TRUSTED, Kind::Bool, kModifiable | kOnlyToTrue},
    {CKA_TRUSTED, Kind::Bool, kModifiable | kOnlyToTrue | kSoOnly},
    {CKA_WRAP_TEMPLATE, Kind::AttrArray, 0},
    {CKA_UNWRAP_TEMPLATE, Kind::AttrArray, 0},
    {CKA_DERIVE_TEMPLATE, Kind::AttrArray, 0},
};

// Key-type specific attributes, by class.
const std::vector<Rule> kRsaPublic = {
    {CKA_MODULUS, Kind::Bytes, kReqCreate | kNoGenerate},
    {CKA_MODULUS_BITS, Kind::Ulong, kNoCreate | kReqGenerate},
    {CKA_PUBLIC_EXPONENT, Kind::Bytes, kReqCreate},
};
const std::vector<Rule> kRsaPrivate = {
    {CKA_MODULUS, Kind::Bytes, kKeyValue},
    {CKA_PUBLIC_EXPONENT, Kind::Bytes, kNoGenerate | kNoUnwrap},
    {CKA_PRIVATE_EXPONENT, Kind::Bytes, kKeyValue | kSensitive},
    {CKA_PRIME_1, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
    {CKA_PRIME_2, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
    {CKA_EXPONENT_1, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
    {CKA_EXPONENT_2, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
    {CKA_COEFFICIENT, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
};
const std::vector<Rule> kEcPublic = {
    {CKA_EC_PARAMS, Kind::Bytes, kReqCreate | kReqGenerate},
    {CKA_EC_POINT, Kind::Bytes, kReqCreate | kNoGenerate},
};
const std::vector<Rule> kEcPrivate = {
    // Footnotes 1, 4, 6: an unwrapped key takes its curve from the PKCS#8 encoding.
    {CKA_EC_PARAMS, Kind::Bytes, kReqCreate | kNoGenerate | kNoUnwrap},
    {CKA_VALUE, Kind::Bytes, kKeyValue | kSensitive},
};
const std::vector<Rule> kSecretValue = {
    {CKA_VALUE, Kind::Bytes, kKeyValue | kSensitive},
    {CKA_VALUE_LEN, Kind::Ulong, kNoCreate | kReqGenerate},
};
const std::vector<Rule> kFixedSecretValue = {
    // Key types whose length is implied (none today beyond AES, which still takes VALUE_LEN).
    {CKA_VALUE, Kind::Bytes, kKeyValue | kSensitive},
};
const std::vector<Rule> kPqcPublic = {
    // Required when generated too, but the pre-3.2 vendor mechanisms imply it, so the
    // key-pair generation mechanism enforces that (src/mech/pqc_*.cpp).
    {CKA_PARAMETER_SET, Kind::Ulong, kReqCreate},
    {CKA_VALUE, Kind::Bytes, kReqCreate | kNoGenerate},
};
const std::vector<Rule> kPqcPrivate = {
    {CKA_PARAMETER_SET, Kind::Ulong, 0},
    {CKA_VALUE, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
    {CKA_SEED, Kind::Bytes, kNoGenerate | kNoUnwrap | kSensitive},
};

// The vendor X25519 + ML-KEM-768 (X-Wing) KEM: one parameter set, one key form each.
const std::vector<Rule> kHybridKemPublic = {
    {CKA_VALUE, Kind::Bytes, kReqCreate | kNoGenerate},
};
const std::vector<Rule> kHybridKemPrivate = {
    {CKA_VALUE, Kind::Bytes, kKeyValue | kSensitive},
};

const std::vector<Rule>* class_rules(CK_OBJECT_CLASS cls) {
    switch (cls) {
        case CKO_DATA: return &kData;
        case CKO_CERTIFICATE: return &kCertificate;
        case CKO_PUBLIC_KEY: return &kPublicKey;
        case CKO_PRIVATE_KEY: return &kPrivateKey;
        case CKO_SECRET_KEY: return &kSecretKey;
        default: return nullptr;
    }
}

bool is_pqc_key_type(CK_KEY_TYPE kt) {
    return kt == CKK_ML_KEM || kt == CKK_ML_DSA || kt == CKK_SLH_DSA;
}

// nullptr: the key type is not valid for this class.
const std::vector<Rule>* key_type_rules(CK_OBJECT_CLASS cls, CK_KEY_TYPE kt) {
    if (cls == CKO_SECRET_KEY) {
        switch (kt) {
            case CKK_AES:
            case CKK_GENERIC_SECRET:
            case CKK_SHA_1_HMAC:
            case CKK_SHA224_HMAC:
            case CKK_SHA256_HMAC:
            case CKK_SHA384_HMAC:
            case CKK_SHA512_HMAC:
            case CKK_SHA512_224_HMAC:
            case CKK_SHA512_256_HMAC:
            case CKK_SHA3_224_HMAC:
            case CKK_SHA3_256_HMAC:
            case CKK_SHA3_384_HMAC:
            case CKK_SHA3_512_HMAC:
            case CKK_HKDF:
                return &kSecretValue;
            default:
                return nullptr;
        }
    }
    const bool pub = cls == CKO_PUBLIC_KEY;
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY) return nullptr;
    switch (kt) {
        case CKK_RSA: return pub ? &kRsaPublic : &kRsaPrivate;
        case CKK_EC:
        case CKK_EC_EDWARDS:
        case CKK_EC_MONTGOMERY:
            return pub ? &kEcPublic : &kEcPrivate;
        case CKK_CRATON_X25519_ML_KEM_768:
            return pub ? &kHybridKemPublic : &kHybridKemPrivate;
        default:
            if (is_pqc_key_type(kt)) return pub ? &kPqcPublic : &kPqcPrivate;
            return nullptr;
    }
}

// Collects the rules that apply to (class, key type).
class RuleSet {
public:
    RuleSet(CK_OBJECT_CLASS cls, std::optional<CK_KEY_TYPE> kt) {
        add(kCommon);
        if (const auto* r = class_rules(cls)) add(*r);
        if (cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY || cls == CKO_SECRET_KEY) {
            add(kKeyCommon);
            if (kt) {
                if (const auto* r = key_type_rules(cls, *kt)) add(*r);
            }
        }
    }
    const Rule* find(CK_ATTRIBUTE_TYPE type) const {
        for (const Rule* r : rules_) {
            if (r->type == type) return r;
        }
        return nullptr;
    }
    const std::vector<const Rule*>& all() const { return rules_; }

private:
    void add(const std::vector<Rule>& rules) {
        for (const auto& r : rules) {
            // A later, more specific table overrides a generic entry for the same attribute.
            bool replaced = false;
            for (auto& existing : rules_) {
                if (existing->type == r.type) {
                    existing = &r;
                    replaced = true;
                }
            }
            if (!replaced) rules_.push_back(&r);
        }
    }
    std::vector<const Rule*> rules_;
};

bool is_key_class(CK_OBJECT_CLASS cls) {
    return cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY || cls == CKO_SECRET_KEY;
}

void check_value_shape(const Rule& rule, ByteView value) {
    switch (rule.kind) {
        case Kind::Bool:
            if (value.size() != sizeof(CK_BBOOL) || value[0] > 1) fail(CKR_ATTRIBUTE_VALUE_INVALID);
            break;
        case Kind::Ulong:
            if (value.size() != sizeof(CK_ULONG)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
            break;
        case Kind::Date:
            if (!value.empty() && value.size() != sizeof(CK_DATE)) {
                fail(CKR_ATTRIBUTE_VALUE_INVALID);
            }
            for (std::uint8_t c : value) {
                if (c < '0' || c > '9') fail(CKR_ATTRIBUTE_VALUE_INVALID);
            }
            break;
        case Kind::MechArray:
            if (value.size() % sizeof(CK_MECHANISM_TYPE) != 0) fail(CKR_ATTRIBUTE_VALUE_INVALID);
            break;
        case Kind::Bytes:
        case Kind::AttrArray:
            break;
    }
}

bool bool_of(ByteView v) { return !v.empty() && v[0] != CK_FALSE; }

AttributePolicy::KeyValidator& key_validator() {
    static AttributePolicy::KeyValidator validator;
    return validator;
}

// Value checks that need no mechanism code: lengths fixed by the key type.
void check_key_value_lengths(const Object& obj) {
    if (obj.object_class() != CKO_SECRET_KEY) return;
    const auto value = obj.get(CKA_VALUE);
    if (!value) return;
    if (obj.key_type() == CKK_AES && value->size() != 16 && value->size() != 24 &&
        value->size() != 32) {
        fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    if (value->empty()) fail(CKR_ATTRIBUTE_VALUE_INVALID);
}

}  // namespace

void AttributePolicy::set_key_validator(KeyValidator validator) {
    key_validator() = std::move(validator);
}

ObjectPtr AttributePolicy::build(const Template& tmpl, const NewObjectContext& ctx) {
    // Duplicates are refused outright: which of two values "wins" is not something we guess.
    std::set<CK_ATTRIBUTE_TYPE> seen;
    for (const auto& e : tmpl.entries()) {
        if (!seen.insert(e.type).second) fail(CKR_TEMPLATE_INCONSISTENT);
    }

    std::optional<CK_ULONG> cls = tmpl.get_ulong(CKA_CLASS);
    if (ctx.implied_class) {
        if (cls && *cls != *ctx.implied_class) fail(CKR_TEMPLATE_INCONSISTENT);
        cls = ctx.implied_class;
    }
    if (!cls) fail(CKR_TEMPLATE_INCOMPLETE);
    if (class_rules(*cls) == nullptr) fail(CKR_ATTRIBUTE_VALUE_INVALID);

    std::optional<CK_ULONG> kt;
    if (is_key_class(*cls)) {
        kt = tmpl.get_ulong(CKA_KEY_TYPE);
        if (ctx.implied_key_type) {
            if (kt && *kt != *ctx.implied_key_type) fail(CKR_TEMPLATE_INCONSISTENT);
            kt = ctx.implied_key_type;
        }
        if (!kt) fail(CKR_TEMPLATE_INCOMPLETE);
        if (key_type_rules(*cls, *kt) == nullptr) {
            // A key type we know but not for this class is a valid value in an inconsistent
            // template (spec 4.1.1); one we do not know at all is an invalid value.
            const bool known = key_type_rules(CKO_SECRET_KEY, *kt) != nullptr ||
                               key_type_rules(CKO_PUBLIC_KEY, *kt) != nullptr;
            fail(known ? CKR_TEMPLATE_INCONSISTENT : CKR_ATTRIBUTE_VALUE_INVALID);
        }
    }

    const RuleSet rules(*cls, kt);
    unsigned required = 0, forbidden = 0;
    switch (ctx.path) {
        case CreationPath::Create: required = kReqCreate; forbidden = kNoCreate; break;
        case CreationPath::Generate: required = kReqGenerate; forbidden = kNoGenerate; break;
        case CreationPath::Unwrap: required = kReqUnwrap; forbidden = kNoUnwrap; break;
        case CreationPath::Derive: required = 0; forbidden = kNoGenerate; break;
    }

    auto obj = std::make_shared<Object>();
    obj->set_ulong(CKA_CLASS, *cls);
    for (const auto& e : tmpl.entries()) {
        const Rule* rule = rules.find(e.type);
        if (rule == nullptr) fail(CKR_ATTRIBUTE_TYPE_INVALID);
        if (rule->flags & kTokenSet) fail(CKR_ATTRIBUTE_READ_ONLY);
        // CKA_CLASS/CKA_KEY_TYPE are implied by generate/unwrap and may repeat consistently.
        const bool implied = e.type == CKA_CLASS || e.type == CKA_KEY_TYPE;
        if ((rule->flags & forbidden) && !implied) fail(CKR_TEMPLATE_INCONSISTENT);
        check_value_shape(*rule, ByteView(e.value.data(), e.value.size()));
        if ((rule->flags & kSoOnly) && bool_of(e.value) && !ctx.so_logged_in) {
            fail(CKR_ATTRIBUTE_READ_ONLY);
        }
        if (e.type != CKA_CLASS) obj->set(e.type, ByteView(e.value.data(), e.value.size()));
    }
    if (kt) obj->set_ulong(CKA_KEY_TYPE, *kt);
    for (const Rule* rule : rules.all()) {
        if ((rule->flags & required) && !obj->has(rule->type)) fail(CKR_TEMPLATE_INCOMPLETE);
    }
    // X.509 public-key certificates also need their subject (footnote 1 of that table); the
    // other certificate types have no such attribute requirement.
    if (*cls == CKO_CERTIFICATE && ctx.path == CreationPath::Create &&
        obj->get_ulong(CKA_CERTIFICATE_TYPE) == CKC_X_509 && !obj->has(CKA_SUBJECT)) {
        fail(CKR_TEMPLATE_INCOMPLETE);
    }

    // Defaults. Keys that can hold secrets are private and sensitive unless told otherwise.
    const bool secret_class = *cls == CKO_SECRET_KEY || *cls == CKO_PRIVATE_KEY;
    auto default_bool = [&](CK_ATTRIBUTE_TYPE t, bool v) {
        if (!obj->has(t) && rules.find(t) != nullptr) obj->set_bool(t, v);
    };
    default_bool(CKA_TOKEN, false);
    default_bool(CKA_PRIVATE, secret_class);
    default_bool(CKA_MODIFIABLE, true);
    default_bool(CKA_COPYABLE, true);
    default_bool(CKA_DESTROYABLE, true);
    if (!obj->has(CKA_LABEL)) obj->set(CKA_LABEL, {});
    if (*cls == CKO_CERTIFICATE) {
        default_bool(CKA_TRUSTED, false);
        if (!obj->has(CKA_CERTIFICATE_CATEGORY)) obj->set_ulong(CKA_CERTIFICATE_CATEGORY, 0);
        for (CK_ATTRIBUTE_TYPE t : {CKA_ID, CKA_ISSUER, CKA_SERIAL_NUMBER, CKA_START_DATE,
                                    CKA_END_DATE}) {
            if (!obj->has(t)) obj->set(t, {});
        }
    }
    if (*cls == CKO_DATA) {
        for (CK_ATTRIBUTE_TYPE t : {CKA_APPLICATION, CKA_OBJECT_ID, CKA_VALUE}) {
            if (!obj->has(t)) obj->set(t, {});
        }
    }
    if (is_key_class(*cls)) {
        for (CK_ATTRIBUTE_TYPE t : {CKA_ID, CKA_START_DATE, CKA_END_DATE}) {
            if (!obj->has(t)) obj->set(t, {});
        }
        default_bool(CKA_DERIVE, false);
        const bool local = ctx.path == CreationPath::Generate;
        obj->set_bool(CKA_LOCAL, local);
        obj->set_ulong(CKA_KEY_GEN_MECHANISM,
                       local ? ctx.mechanism : CK_UNAVAILABLE_INFORMATION);
        // Usage defaults are token-specific (footnote 9): a key may do what its class does,
        // as applications such as keytool and pkcs11-tool expect.
        default_bool(CKA_ENCRYPT, true);
        default_bool(CKA_DECRYPT, true);
        default_bool(CKA_SIGN, true);
        default_bool(CKA_VERIFY, true);
        default_bool(CKA_VERIFY_RECOVER, *kt == CKK_RSA);
        default_bool(CKA_SIGN_RECOVER, *kt == CKK_RSA);
        default_bool(CKA_WRAP, true);
        default_bool(CKA_UNWRAP, true);
        const bool kem = *kt == CKK_ML_KEM || *kt == CKK_CRATON_X25519_ML_KEM_768;
        default_bool(CKA_ENCAPSULATE, kem);
        default_bool(CKA_DECAPSULATE, kem);
        default_bool(CKA_TRUSTED, false);
        default_bool(CKA_WRAP_WITH_TRUSTED, false);
        default_bool(CKA_ALWAYS_AUTHENTICATE, false);
        if (!obj->has(CKA_SUBJECT) && rules.find(CKA_SUBJECT) != nullptr) obj->set(CKA_SUBJECT, {});
        if (secret_class) {
            default_bool(CKA_SENSITIVE, true);
            default_bool(CKA_EXTRACTABLE, false);
            const bool sensitive = obj->get_bool(CKA_SENSITIVE);
            const bool extractable = obj->get_bool(CKA_EXTRACTABLE);
            // Keys that were ever in the clear outside the token (created, unwrapped) were
            // never "always sensitive"; generated keys are as sensitive as they start;
            // derived keys inherit from their base key.
            switch (ctx.path) {
                case CreationPath::Generate:
                    obj->set_bool(CKA_ALWAYS_SENSITIVE, sensitive);
                    obj->set_bool(CKA_NEVER_EXTRACTABLE, !extractable);
                    break;
                case CreationPath::Derive:
                    obj->set_bool(CKA_ALWAYS_SENSITIVE, ctx.base_always_sensitive && sensitive);
                    obj->set_bool(CKA_NEVER_EXTRACTABLE,
                                  ctx.base_never_extractable && !extractable);
                    break;
                default:
                    obj->set_bool(CKA_ALWAYS_SENSITIVE, false);
                    obj->set_bool(CKA_NEVER_EXTRACTABLE, false);
            }
        }
    }

    if (*cls == CKO_SECRET_KEY && !obj->has(CKA_VALUE_LEN)) {
        if (const auto value = obj->get(CKA_VALUE)) obj->set_ulong(CKA_VALUE_LEN, value->size());
    }
    if (ctx.path == CreationPath::Create || ctx.path == CreationPath::Unwrap) {
        check_key_value_lengths(*obj);
        if (is_key_class(*cls) && key_validator()) key_validator()(*obj);
    }
    return obj;
}

namespace {
// Checks one change to an existing object against its rule; `copying` relaxes nothing but
// allows CKA_TOKEN/CKA_PRIVATE/CKA_MODIFIABLE, which only a copy may change.
void check_change(const Object& obj, const RuleSet& rules, const TemplateEntry& e,
                  bool so_logged_in, bool copying) {
    const Rule* rule = rules.find(e.type);
    if (rule == nullptr) fail(CKR_ATTRIBUTE_TYPE_INVALID);
    const ByteView value(e.value.data(), e.value.size());
    check_value_shape(*rule, value);
    if (copying) {
        if (e.type == CKA_TOKEN || e.type == CKA_PRIVATE) return;
        if (e.type == CKA_MODIFIABLE || e.type == CKA_COPYABLE || e.type == CKA_DESTROYABLE) {
            // These may only be tightened (TRUE -> FALSE) in a copy.
            if (bool_of(value) && !obj.get_bool(e.type, true)) fail(CKR_ATTRIBUTE_READ_ONLY);
            return;
        }
    }
    if (!(rule->flags & kModifiable)) {
        // Setting an attribute to the value it already has is not a modification.
        const auto current = obj.get(e.type);
        if (current && current->size() == value.size() &&
            std::equal(current->begin(), current->end(), value.begin())) {
            return;
        }
        fail(CKR_ATTRIBUTE_READ_ONLY);
    }
    if (rule->kind == Kind::Bool) {
        const bool now = obj.get_bool(e.type);
        const bool next = bool_of(value);
        if ((rule->flags & kOnlyToTrue) && now && !next) fail(CKR_ATTRIBUTE_READ_ONLY);
        if ((rule->flags & kOnlyToFalse) && !now && next) fail(CKR_ATTRIBUTE_READ_ONLY);
        if ((rule->flags & kSoOnly) && next && !so_logged_in) fail(CKR_ATTRIBUTE_READ_ONLY);
    }
}

RuleSet rules_of(const Object& obj) {
    const CK_OBJECT_CLASS cls = obj.object_class();
    return RuleSet(cls, is_key_class(cls) ? std::optional<CK_KEY_TYPE>(obj.key_type())
                                          : std::nullopt);
}

void check_no_duplicates(const Template& tmpl) {
    std::set<CK_ATTRIBUTE_TYPE> seen;
    for (const auto& e : tmpl.entries()) {
        if (!seen.insert(e.type).second) fail(CKR_TEMPLATE_INCONSISTENT);
    }
}
}  // namespace

void AttributePolicy::set_attributes(Object& obj, const Template& tmpl, bool so_logged_in) {
    if (!obj.get_bool(CKA_MODIFIABLE, true)) fail(CKR_ACTION_PROHIBITED);
    check_no_duplicates(tmpl);
    const RuleSet rules = rules_of(obj);
    for (const auto& e : tmpl.entries()) check_change(obj, rules, e, so_logged_in, false);
    for (const auto& e : tmpl.entries()) obj.set(e.type, ByteView(e.value.data(), e.value.size()));
}

ObjectPtr AttributePolicy::copy(const Object& source, const Template& tmpl, bool so_logged_in) {
    if (!source.get_bool(CKA_COPYABLE, true)) fail(CKR_ACTION_PROHIBITED);
    check_no_duplicates(tmpl);
    const RuleSet rules = rules_of(source);
    for (const auto& e : tmpl.entries()) check_change(source, rules, e, so_logged_in, true);
    auto copy = std::make_shared<Object>(source);
    for (const auto& e : tmpl.entries()) copy->set(e.type, ByteView(e.value.data(), e.value.size()));
    // A copy made non-extractable was extractable before, so it was never "never extractable".
    if (copy->has(CKA_NEVER_EXTRACTABLE) && source.get_bool(CKA_EXTRACTABLE)) {
        copy->set_bool(CKA_NEVER_EXTRACTABLE, false);
    }
    return copy;
}

bool AttributePolicy::is_hidden(const Object& obj, CK_ATTRIBUTE_TYPE type) {
    const CK_OBJECT_CLASS cls = obj.object_class();
    if (cls != CKO_PRIVATE_KEY && cls != CKO_SECRET_KEY) return false;
    const Rule* rule = rules_of(obj).find(type);
    if (rule == nullptr || !(rule->flags & kSensitive)) return false;
    return obj.get_bool(CKA_SENSITIVE) || !obj.get_bool(CKA_EXTRACTABLE);
}

namespace {
// Writes a nested template into the caller's CK_ATTRIBUTE array following the same buffer
// protocol as the outer call. Returns false when any inner buffer was too small.
bool fill_nested(const Template& nested, CK_ATTRIBUTE& out) {
    const CK_ULONG needed = nested.entries().size() * sizeof(CK_ATTRIBUTE);
    if (out.pValue == nullptr) {
        out.ulValueLen = needed;
        return true;
    }
    if (out.ulValueLen < needed) {
        out.ulValueLen = CK_UNAVAILABLE_INFORMATION;
        return false;
    }
    auto* inner = static_cast<CK_ATTRIBUTE*>(out.pValue);
    bool ok = true;
    for (std::size_t i = 0; i < nested.entries().size(); ++i) {
        const auto& e = nested.entries()[i];
        inner[i].type = e.type;
        if (inner[i].pValue == nullptr) {
            inner[i].ulValueLen = e.value.size();
        } else if (inner[i].ulValueLen < e.value.size()) {
            inner[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
            ok = false;
        } else {
            if (!e.value.empty()) std::memcpy(inner[i].pValue, e.value.data(), e.value.size());
            inner[i].ulValueLen = e.value.size();
        }
    }
    out.ulValueLen = needed;
    return ok;
}
}  // namespace

CK_RV AttributePolicy::get_attributes(const Object& obj, CK_ATTRIBUTE* attrs, CK_ULONG count) {
    CK_RV rv = CKR_OK;
    // The specification gives no precedence among the three per-attribute errors; we report
    // the most specific one seen, sensitive before invalid before too-small.
    auto note = [&rv](CK_RV r) {
        auto rank = [](CK_RV x) {
            return x == CKR_ATTRIBUTE_SENSITIVE ? 3 : x == CKR_ATTRIBUTE_TYPE_INVALID ? 2
                                                  : x == CKR_BUFFER_TOO_SMALL          ? 1
                                                                                       : 0;
        };
        if (rank(r) > rank(rv)) rv = r;
    };
    for (CK_ULONG i = 0; i < count; ++i) {
        CK_ATTRIBUTE& a = attrs[i];
        const auto value = obj.get(a.type);
        if (!value) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            note(CKR_ATTRIBUTE_TYPE_INVALID);
            continue;
        }
        if (is_hidden(obj, a.type)) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            note(CKR_ATTRIBUTE_SENSITIVE);
            continue;
        }
        if (is_array_attribute(a.type)) {
            if (!fill_nested(decode_nested_template(*value), a)) note(CKR_BUFFER_TOO_SMALL);
            continue;
        }
        if (a.pValue == nullptr) {
            a.ulValueLen = value->size();
        } else if (a.ulValueLen < value->size()) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            note(CKR_BUFFER_TOO_SMALL);
        } else {
            if (!value->empty()) std::memcpy(a.pValue, value->data(), value->size());
            a.ulValueLen = value->size();
        }
    }
    return rv;
}

bool AttributePolicy::matches(const Object& obj, const Template& tmpl) {
    for (const auto& e : tmpl.entries()) {
        const auto value = obj.get(e.type);
        if (!value || value->size() != e.value.size()) return false;
        // Searching on a hidden attribute's value would let a caller test guesses of it.
        if (is_hidden(obj, e.type)) return false;
        if (!std::equal(value->begin(), value->end(), e.value.begin())) return false;
    }
    return true;
}

}  // namespace craton
