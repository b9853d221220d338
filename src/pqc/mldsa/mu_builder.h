// Incremental computation of ML-DSA's message representative mu = SHAKE256(tr || M', 64).
//
// The PKCS#11 layer signs multi-part messages (C_SignUpdate) without buffering them: it starts
// a builder with the key's tr and the domain-separation prefix of M', streams the message in
// with update(), and hands the 64-byte mu to MlDsaPrivateKey::sign_mu / MlDsaPublicKey::
// verify_mu. The prefixes are those of FIPS 204 Algorithms 2 and 4:
//   pure ML-DSA:  M' = 0 || len(ctx) || ctx || M
//   HashML-DSA:   M' = 1 || len(ctx) || ctx || OID(PH) || PH(M)
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "pqc/keccak/keccak.h"
#include "pqc/mldsa/params.h"
#include "pqc/mldsa/prehash.h"

namespace craton::pqc {

class MlDsaMuBuilder {
  public:
    using Mu = std::array<std::uint8_t, mldsa::kMuBytes>;

    // Absorbs tr (64 bytes, std::invalid_argument otherwise); M' follows through update().
    explicit MlDsaMuBuilder(std::span<const std::uint8_t> tr);

    // tr || 0 || len(ctx) || ctx; the message follows through update(). ctx longer than
    // 255 bytes throws std::invalid_argument.
    static MlDsaMuBuilder pure(std::span<const std::uint8_t> tr, std::span<const std::uint8_t> ctx);

    // The whole HashML-DSA M' for an already computed PH(M) (digest length must match ph).
    static MlDsaMuBuilder prehashed(std::span<const std::uint8_t> tr,
                                    std::span<const std::uint8_t> ctx, MlDsaPreHash ph,
                                    std::span<const std::uint8_t> digest);

    void update(std::span<const std::uint8_t> data) noexcept;
    // Squeezes mu; the builder must not be updated afterwards.
    Mu finish() noexcept;

  private:
    Shake256 xof_;
};

}  // namespace craton::pqc
