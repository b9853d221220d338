// ML-DSA (FIPS 204) for ML-DSA-44, ML-DSA-65 and ML-DSA-87.
//
// The key classes are what the module keeps for a loaded key: MlDsaPrivateKey decodes sk once
// and holds A_hat (ExpandA), s1_hat, s2_hat and t0_hat in the NTT domain; MlDsaPublicKey holds
// A_hat and t1_hat * 2^d. Repeated signing or verification then skips the SHAKE128 matrix
// expansion and the key NTTs, the largest fixed costs of an operation. The price is memory,
// one 1 KiB polynomial per matrix entry and vector element (see expanded_size()):
//   private key  ML-DSA-44 28 KiB, ML-DSA-65 47 KiB, ML-DSA-87 79 KiB
//   public key   ML-DSA-44 20 KiB, ML-DSA-65 36 KiB, ML-DSA-87 64 KiB
// The private key's buffers are wiped by its destructor. Keys are move-only (a moved-from key
// may only be destroyed or assigned to); their const operations touch no shared mutable state,
// so one key may sign or verify on several threads at once.
//
// Randomness is always an explicit argument: rnd is 32 bytes from the module's DRBG for
// hedged signing, or 32 zero bytes for deterministic signing. The free functions at the end
// are one-shot conveniences that decode the key on every call.
//
// Error model: wrong buffer lengths, a context string over 255 bytes when signing, or a
// malformed secret key throw std::invalid_argument. Verification returns false for anything
// wrong with the signature (length, hint encoding, norms) or a context over 255 bytes; it
// throws only for a public key, mu or pre-hash digest of the wrong length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "pqc/mldsa/mu_builder.h"
#include "pqc/mldsa/params.h"
#include "pqc/mldsa/prehash.h"

namespace craton::pqc {

namespace mldsa {
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;
}  // namespace mldsa

// ML-DSA.KeyGen_internal (FIPS 204 Algorithm 6) from the 32-byte seed xi.
void mldsa_keygen_internal(MlDsaParameterSet ps, mldsa::ByteView seed,
                           mldsa::MutableByteView public_key, mldsa::MutableByteView secret_key);

class MlDsaPrivateKey {
  public:
    // skDecode. Throws std::invalid_argument for a wrong length or an s1/s2 coefficient
    // outside [-eta, eta].
    MlDsaPrivateKey(MlDsaParameterSet ps, mldsa::ByteView secret_key);
    // KeyGen_internal(seed) straight into the expanded form; optionally also writes the
    // encodings (empty spans skip them, otherwise they must have the exact lengths).
    static MlDsaPrivateKey from_seed(MlDsaParameterSet ps, mldsa::ByteView seed,
                                     mldsa::MutableByteView public_key = {},
                                     mldsa::MutableByteView secret_key = {});

    ~MlDsaPrivateKey();
    MlDsaPrivateKey(MlDsaPrivateKey&&) noexcept;
    MlDsaPrivateKey& operator=(MlDsaPrivateKey&&) noexcept;
    MlDsaPrivateKey(const MlDsaPrivateKey&) = delete;
    MlDsaPrivateKey& operator=(const MlDsaPrivateKey&) = delete;

    // Heap bytes one key of this parameter set keeps.
    static std::size_t expanded_size(MlDsaParameterSet ps) noexcept;

    MlDsaParameterSet parameter_set() const noexcept;
    // tr = H(pk, 64), the key's binding for mu (see MlDsaMuBuilder).
    mldsa::ByteView tr() const noexcept;

    // Sign_internal with mu given directly (the "external mu" interface).
    void sign_mu(mldsa::ByteView mu, mldsa::ByteView rnd, mldsa::MutableByteView signature) const;
    // ML-DSA.Sign_internal(sk, M', rnd).
    void sign_internal(mldsa::ByteView message_prime, mldsa::ByteView rnd,
                       mldsa::MutableByteView signature) const;
    // ML-DSA.Sign (pure): M' = 0 || len(ctx) || ctx || M.
    void sign(mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView rnd,
              mldsa::MutableByteView signature) const;
    // HashML-DSA.Sign with PH(M) computed by the caller (digest length must match ph).
    void sign_prehashed(MlDsaPreHash ph, mldsa::ByteView digest, mldsa::ByteView context,
                        mldsa::ByteView rnd, mldsa::MutableByteView signature) const;
    // HashML-DSA.Sign hashing the message here.
    void sign_hash(MlDsaPreHash ph, mldsa::ByteView message, mldsa::ByteView context,
                   mldsa::ByteView rnd, mldsa::MutableByteView signature) const;

    struct State;

  private:
    explicit MlDsaPrivateKey(std::unique_ptr<State> state) noexcept;
    std::unique_ptr<State> state_;
};

class MlDsaPublicKey {
  public:
    // pkDecode; throws std::invalid_argument for a wrong length.
    MlDsaPublicKey(MlDsaParameterSet ps, mldsa::ByteView public_key);

    ~MlDsaPublicKey();
    MlDsaPublicKey(MlDsaPublicKey&&) noexcept;
    MlDsaPublicKey& operator=(MlDsaPublicKey&&) noexcept;
    MlDsaPublicKey(const MlDsaPublicKey&) = delete;
    MlDsaPublicKey& operator=(const MlDsaPublicKey&) = delete;

    static std::size_t expanded_size(MlDsaParameterSet ps) noexcept;

    MlDsaParameterSet parameter_set() const noexcept;
    mldsa::ByteView tr() const noexcept;

    bool verify_mu(mldsa::ByteView mu, mldsa::ByteView signature) const;
    bool verify_internal(mldsa::ByteView message_prime, mldsa::ByteView signature) const;
    bool verify(mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView signature) const;
    bool verify_prehashed(MlDsaPreHash ph, mldsa::ByteView digest, mldsa::ByteView context,
                          mldsa::ByteView signature) const;
    bool verify_hash(MlDsaPreHash ph, mldsa::ByteView message, mldsa::ByteView context,
                     mldsa::ByteView signature) const;

    struct State;

  private:
    std::unique_ptr<State> state_;
};

// One-shot forms (decode and expand the key per call).
void mldsa_sign_internal(MlDsaParameterSet ps, mldsa::ByteView secret_key,
                         mldsa::ByteView message_prime, mldsa::ByteView rnd,
                         mldsa::MutableByteView signature);
void mldsa_sign_mu(MlDsaParameterSet ps, mldsa::ByteView secret_key, mldsa::ByteView mu,
                   mldsa::ByteView rnd, mldsa::MutableByteView signature);
void mldsa_sign(MlDsaParameterSet ps, mldsa::ByteView secret_key, mldsa::ByteView message,
                mldsa::ByteView context, mldsa::ByteView rnd, mldsa::MutableByteView signature);
void hash_mldsa_sign(MlDsaParameterSet ps, mldsa::ByteView secret_key, MlDsaPreHash ph,
                     mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView rnd,
                     mldsa::MutableByteView signature);
void hash_mldsa_sign_prehashed(MlDsaParameterSet ps, mldsa::ByteView secret_key, MlDsaPreHash ph,
                               mldsa::ByteView digest, mldsa::ByteView context, mldsa::ByteView rnd,
                               mldsa::MutableByteView signature);

bool mldsa_verify_internal(MlDsaParameterSet ps, mldsa::ByteView public_key,
                           mldsa::ByteView message_prime, mldsa::ByteView signature);
bool mldsa_verify_mu(MlDsaParameterSet ps, mldsa::ByteView public_key, mldsa::ByteView mu,
                     mldsa::ByteView signature);
bool mldsa_verify(MlDsaParameterSet ps, mldsa::ByteView public_key, mldsa::ByteView message,
                  mldsa::ByteView context, mldsa::ByteView signature);
bool hash_mldsa_verify(MlDsaParameterSet ps, mldsa::ByteView public_key, MlDsaPreHash ph,
                       mldsa::ByteView message, mldsa::ByteView context, mldsa::ByteView signature);
bool hash_mldsa_verify_prehashed(MlDsaParameterSet ps, mldsa::ByteView public_key, MlDsaPreHash ph,
                                 mldsa::ByteView digest, mldsa::ByteView context,
                                 mldsa::ByteView signature);

}  // namespace craton::pqc
