// Keys shared by the cases: made once per process (session objects of the main session, so
// every session of the process sees them), with the usages the cases need.
#pragma once

#include "bench_env.h"

namespace craton::bench {

enum class Curve { P256, P384, Ed25519 };

// Each returns CKR_OK and the handle(s), or the code of the call that failed.
CK_RV aes256_key(Env::Handles& out);
CK_RV hmac_key(Env::Handles& out);
CK_RV rsa_key_pair(CK_ULONG bits, Env::Handles& out);  // first: private, second: public
CK_RV ec_key_pair(Curve curve, Env::Handles& out);

// Templates for key generation, also used by the key-generation cases.
Attrs aes_template();
void rsa_templates(CK_ULONG bits, Attrs& pub, Attrs& priv);
void ec_templates(Curve curve, Attrs& pub, Attrs& priv);
CK_MECHANISM_TYPE ec_keygen_mechanism(Curve curve);

}  // namespace craton::bench
