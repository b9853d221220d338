// One-shot ML-DSA entry points: decode (and expand) the key, then run one operation.
#include "pqc/mldsa/mldsa.h"

namespace craton::pqc {

void mldsa_sign_internal(MlDsaParameterSet ps, mldsa::ByteView secret_key,
                         mldsa::ByteView message_prime, mldsa::ByteView rnd,
                         mldsa::MutableByteView signature) {
    MlDsaPrivateKey(ps, secret_key).sign_internal(message_prime, rnd, signature);
}

void mldsa_sign_mu(MlDsaParameterSet ps, mldsa::ByteView secret_key, mldsa::ByteView mu,
                   mldsa::ByteView rnd, mldsa::MutableByteView signature) {
    MlDsaPrivateKey(ps, secret_key).sign_mu(mu, rnd, signature);
}

void mldsa_sign(MlDsaParameterSet ps, mldsa::ByteView secret_key, mldsa::ByteView message,
                mldsa::ByteView context, mldsa::ByteView rnd, mldsa::MutableByteView signature) {
    MlDsaPrivateKey(ps, secret_key).sign(message, context, rnd, signature);
}

void hash_mldsa_sign(MlDsaParameterSet ps, mldsa::ByteView secret_key, MlDsaPreHash ph,
                     mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView rnd,
                     mldsa::MutableByteView signature) {
    MlDsaPrivateKey(ps, secret_key).sign_hash(ph, message, context, rnd, signature);
}

void hash_mldsa_sign_prehashed(MlDsaParameterSet ps, mldsa::ByteView secret_key, MlDsaPreHash ph,
                               mldsa::ByteView digest, mldsa::ByteView context, mldsa::ByteView rnd,
                               mldsa::MutableByteView signature) {
    MlDsaPrivateKey(ps, secret_key).sign_prehashed(ph, digest, context, rnd, signature);
}

bool mldsa_verify_internal(MlDsaParameterSet ps, mldsa::ByteView public_key,
                           mldsa::ByteView message_prime, mldsa::ByteView signature) {
    return MlDsaPublicKey(ps, public_key).verify_internal(message_prime, signature);
}

bool mldsa_verify_mu(MlDsaParameterSet ps, mldsa::ByteView public_key, mldsa::ByteView mu,
                     mldsa::ByteView signature) {
    return MlDsaPublicKey(ps, public_key).verify_mu(mu, signature);
}

bool mldsa_verify(MlDsaParameterSet ps, mldsa::ByteView public_key, mldsa::ByteView message,
                  mldsa::ByteView context, mldsa::ByteView signature) {
    return MlDsaPublicKey(ps, public_key).verify(message, context, signature);
}

bool hash_mldsa_verify(MlDsaParameterSet ps, mldsa::ByteView public_key, MlDsaPreHash ph,
                       mldsa::ByteView message, mldsa::ByteView context,
                       mldsa::ByteView signature) {
    return MlDsaPublicKey(ps, public_key).verify_hash(ph, message, context, signature);
}

bool hash_mldsa_verify_prehashed(MlDsaParameterSet ps, mldsa::ByteView public_key, MlDsaPreHash ph,
                                 mldsa::ByteView digest, mldsa::ByteView context,
                                 mldsa::ByteView signature) {
    return MlDsaPublicKey(ps, public_key).verify_prehashed(ph, digest, context, signature);
}

}  // namespace craton::pqc
