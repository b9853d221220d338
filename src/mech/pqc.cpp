// Post-quantum mechanisms through the PKCS#11 3.2 interface: ML-KEM, ML-DSA, SLH-DSA, and the
// vendor hybrid X25519 + ML-KEM-768 (X-Wing). The algorithms live in src/pqc; each family's
// PKCS#11 semantics live in src/mech/pqc_<family>.cpp.
#include "mech/pqc_common.h"
#include "mech/registry.h"

namespace craton::mech {

void register_pqc_mechanisms(MechanismRegistry& r) {
    pqc::register_mlkem(r);
    pqc::register_mldsa(r);
    pqc::register_slhdsa(r);
    pqc::register_xwing(r);
}

}  // namespace craton::mech
