// Sampling for ML-KEM: uniform NTT-domain polynomials from SHAKE128 (the public matrix A) and
// centred binomial noise from SHAKE256 (the secret and error polynomials).
#pragma once

#include <cstdint>

#include "pqc/mlkem/poly.h"

namespace craton::pqc::mlkem {

// SampleNTT (FIPS 203 Algorithm 7) on the XOF input rho || x || y. Rejection sampling on public
// data: the loop length depends only on rho.
void sample_ntt(Poly& out, const std::uint8_t rho[32], std::uint8_t x, std::uint8_t y) noexcept;

// The k x k matrix A-hat (Algorithm 13 line 3-7), or its transpose for K-PKE.Encrypt.
// Entry (i, j) of A-hat is SampleNTT(rho || j || i).
void generate_matrix(PolyVec (&a)[kMaxK], int k, const std::uint8_t rho[32],
                     bool transposed) noexcept;

// SamplePolyCBD_eta(PRF_eta(sigma, nonce)) (Algorithms 8 and FIPS 203 §4.1) for eta in {2, 3}.
// Branch-free in the secret bits.
void sample_cbd(Poly& out, const std::uint8_t sigma[32], std::uint8_t nonce, int eta) noexcept;

}  // namespace craton::pqc::mlkem
