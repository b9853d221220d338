// Number-theoretic transform over Z_q[X]/(X^256 + 1) (FIPS 204 Algorithms 41, 42, 45).
//
// The forward transform takes coefficients in normal form; pointwise products are Montgomery
// products (they carry a factor 2^-32), and the inverse transform multiplies that factor back
// out, so inv_ntt(pointwise(ntt(a), ntt(b))) is the plain product a*b mod q. Inputs to the
// inverse transform must be smaller than q in absolute value; outputs are in (-q, q).
#pragma once

#include "pqc/mldsa/field.h"

namespace craton::pqc::mldsa {

// In place; |input| <= q gives |output| < 9q.
void ntt(Poly& a) noexcept;
// In place; |input| < q gives |output| < q. Includes the 1/256 scaling and the 2^32 factor.
void inv_ntt(Poly& a) noexcept;
// r = a * b * 2^-32 coefficient-wise.
void pointwise_montgomery(Poly& r, const Poly& a, const Poly& b) noexcept;
// out[i] = sum_j a[i*l + j] * v[j] * 2^-32 for i < k: the NTT-domain product A*v.
// Entries of a must be below q and entries of v below 9q in absolute value.
void matrix_vector_montgomery(Poly* out, const Poly* a, const Poly* v, int k, int l) noexcept;

}  // namespace craton::pqc::mldsa
