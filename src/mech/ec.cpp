// Elliptic curves: ECDSA on P-256/P-384, Ed25519, X25519 and ECDH, on OpenSSL EVP.
#include "mech/ec_parts.h"
#include "mech/registry.h"

namespace craton::mech {

void register_ec_mechanisms(MechanismRegistry& r) {
    ec::register_key_types(r);
    ec::register_keygen(r);
    ec::register_ecdsa(r);
    ec::register_eddsa(r);
    ec::register_ecdh(r);
}

}  // namespace craton::mech
