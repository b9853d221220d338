#include "mech/families.h"

#include "mech/registry.h"

namespace craton::mech {

void register_all_families(MechanismRegistry& r) {
    register_digest_mechanisms(r);
    register_hmac_mechanisms(r);
    register_aes_mechanisms(r);
    register_rsa_mechanisms(r);
    register_ec_mechanisms(r);
    register_hkdf_mechanisms(r);
    register_pqc_mechanisms(r);
}

}  // namespace craton::mech
