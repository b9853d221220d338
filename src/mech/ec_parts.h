// The pieces of the EC family, each registered by its own file; ec.cpp calls them in order.
#pragma once

namespace craton::mech {
class MechanismRegistry;
}

namespace craton::mech::ec {

void register_key_types(MechanismRegistry& r);  // ec_keytype.cpp: import checks, PKCS#8
void register_keygen(MechanismRegistry& r);     // ec_keygen.cpp
void register_ecdsa(MechanismRegistry& r);      // ec_ecdsa.cpp
void register_eddsa(MechanismRegistry& r);      // ec_eddsa.cpp
void register_ecdh(MechanismRegistry& r);       // ec_ecdh.cpp

}  // namespace craton::mech::ec
