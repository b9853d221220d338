#include "mech/registry.h"

#include "audit/module_events.h"
#include "core/fips_policy.h"
#include "mech/families.h"

namespace craton::mech {

void MechanismRegistry::add(Mechanism m) {
    table_[m.type] = std::move(m);
}

void MechanismRegistry::add_key_type(KeyTypeSupport k) {
    key_types_[k.type] = std::move(k);
}

const KeyTypeSupport* MechanismRegistry::key_type(CK_KEY_TYPE type) const {
    const auto it = key_types_.find(type);
    return it == key_types_.end() ? nullptr : &it->second;
}

// In approved-only mode a non-approved row does not exist for any caller: every *Init, key
// generation, derivation, wrap/unwrap, encapsulation and C_GetMechanismInfo finds nothing
// (CKR_MECHANISM_INVALID), and C_GetMechanismList omits it. One place, so no entry point can
// forget the policy.
const Mechanism* MechanismRegistry::find(CK_MECHANISM_TYPE type) const {
    const auto it = table_.find(type);
    if (it == table_.end()) return nullptr;
    if (!it->second.fips_approved && fips::approved_only()) {
        audit::notice({.op = "approved_mode_refusal",
                       .mechanism = it->second.name,
                       .rv = CKR_MECHANISM_INVALID,
                       .fips_approved = false,
                       .detail = "mechanism not approved"});
        return nullptr;
    }
    return &it->second;
}

const Mechanism* MechanismRegistry::describe(CK_MECHANISM_TYPE type) const {
    const auto it = table_.find(type);
    return it == table_.end() ? nullptr : &it->second;
}

std::vector<CK_MECHANISM_TYPE> MechanismRegistry::types() const {
    const bool approved_only = fips::approved_only();
    std::vector<CK_MECHANISM_TYPE> out;
    out.reserve(table_.size());
    for (const auto& [type, m] : table_) {
        if (m.fips_approved || !approved_only) out.push_back(type);
    }
    return out;
}

const MechanismRegistry& MechanismRegistry::global() {
    static const MechanismRegistry registry = [] {
        MechanismRegistry r;
        register_all_families(r);
        return r;
    }();
    return registry;
}

}  // namespace craton::mech
