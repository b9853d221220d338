// The list of mechanism families compiled into the module.
#pragma once

namespace craton::mech {
class MechanismRegistry;
// Calls every family's register function; one line per family in families.cpp.
void register_all_families(MechanismRegistry& r);
}  // namespace craton::mech
