#include "core/key_use.h"

#include <algorithm>

#include "core/error.h"
#include "core/fips_policy.h"

namespace craton {

const mech::Mechanism& registered_mechanism(const CK_MECHANISM* mechanism) {
    if (mechanism == nullptr) fail(CKR_ARGUMENTS_BAD);
    const auto* m = mech::MechanismRegistry::global().find(mechanism->mechanism);
    if (m == nullptr) fail(CKR_MECHANISM_INVALID);
    return *m;
}

void check_key_use(const mech::Mechanism& m, const Object& key, CK_ATTRIBUTE_TYPE usage,
                   CK_MECHANISM_TYPE type) {
    if (std::find(m.key_types.begin(), m.key_types.end(), key.key_type()) == m.key_types.end()) {
        fail(CKR_KEY_TYPE_INCONSISTENT);
    }
    if (!key.get_bool(usage)) fail(CKR_KEY_FUNCTION_NOT_PERMITTED);
    if (const auto allowed = key.get(CKA_ALLOWED_MECHANISMS); allowed && !allowed->empty()) {
        const auto* list = reinterpret_cast<const CK_MECHANISM_TYPE*>(allowed->data());
        const std::size_t n = allowed->size() / sizeof(CK_MECHANISM_TYPE);
        if (std::find(list, list + n, type) == list + n) fail(CKR_MECHANISM_INVALID);
    }
    fips::check_key_use(m, key, usage);  // life cycle and approved mode
}

}  // namespace craton
