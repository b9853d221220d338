// Pseudorandom sampling of ML-DSA polynomials from SHAKE (FIPS 204 Algorithms 29-34).
//
// expand_a is public (rho is part of the public key). expand_s, expand_mask and
// sample_in_ball handle secret-derived seeds: they are constant time except for rejection
// verdicts, which are declassified because a rejected sample is discarded and the accepted
// values do not depend on which samples were rejected.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pqc/mldsa/field.h"

namespace craton::pqc::mldsa {

// A_hat[r*l + s] = RejNTTPoly(rho || s || r), already in the NTT domain, coefficients in [0, q).
void expand_a(Poly* a_hat, const std::uint8_t rho[kRhoBytes], const MlDsaParams& p) noexcept;

// s1 (l polys) and s2 (k polys) with coefficients in [-eta, eta] from the 64-byte rho'.
void expand_s(Poly* s1, Poly* s2, const std::uint8_t rho_prime[64], const MlDsaParams& p) noexcept;

// y (l polys) with coefficients in (-gamma1, gamma1] from rho'' and the counter kappa.
void expand_mask(Poly* y, const std::uint8_t rho_pp[64], std::uint32_t kappa,
                 const MlDsaParams& p) noexcept;

// The challenge c with exactly tau coefficients +-1 from the commitment hash c~.
void sample_in_ball(Poly& c, const std::uint8_t* ctilde, std::size_t ctilde_len, int tau) noexcept;

}  // namespace craton::pqc::mldsa
