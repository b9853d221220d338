// The expanded key representations behind MlDsaPrivateKey and MlDsaPublicKey (internal).
//
// Each state owns one heap array of polynomials, laid out as described at the accessors, so
// a parsed key costs a single allocation and its secret part can be wiped in one call.
#pragma once

#include <array>
#include <memory>

#include "pqc/mldsa/field.h"
#include "pqc/mldsa/mldsa.h"

namespace craton::pqc {

struct MlDsaPrivateKey::State {
    MlDsaParameterSet ps;
    MlDsaParams p;
    std::array<std::uint8_t, mldsa::kRhoBytes> rho;
    std::array<std::uint8_t, mldsa::kKeyBytes> key;  // K
    std::array<std::uint8_t, mldsa::kTrBytes> tr;
    // A_hat (k*l, row-major) | s1_hat (l) | s2_hat (k) | t0_hat (k)
    std::unique_ptr<mldsa::Poly[]> polys;

    explicit State(MlDsaParameterSet set);
    ~State();
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    static std::size_t poly_count(const MlDsaParams& p) {
        return static_cast<std::size_t>(p.k * p.l + p.l + 2 * p.k);
    }
    mldsa::Poly* a_hat() { return polys.get(); }
    mldsa::Poly* s1_hat() { return polys.get() + p.k * p.l; }
    mldsa::Poly* s2_hat() { return s1_hat() + p.l; }
    mldsa::Poly* t0_hat() { return s2_hat() + p.k; }
    const mldsa::Poly* a_hat() const { return polys.get(); }
    const mldsa::Poly* s1_hat() const { return polys.get() + p.k * p.l; }
    const mldsa::Poly* s2_hat() const { return s1_hat() + p.l; }
    const mldsa::Poly* t0_hat() const { return s2_hat() + p.k; }
};

struct MlDsaPublicKey::State {
    MlDsaParameterSet ps;
    MlDsaParams p;
    std::array<std::uint8_t, mldsa::kRhoBytes> rho;
    std::array<std::uint8_t, mldsa::kTrBytes> tr;
    // A_hat (k*l, row-major) | NTT(t1 * 2^d) (k)
    std::unique_ptr<mldsa::Poly[]> polys;

    explicit State(MlDsaParameterSet set);

    static std::size_t poly_count(const MlDsaParams& p) {
        return static_cast<std::size_t>(p.k * p.l + p.k);
    }
    const mldsa::Poly* a_hat() const { return polys.get(); }
    const mldsa::Poly* t1_hat() const { return polys.get() + p.k * p.l; }
};

namespace mldsa {

// Throws std::invalid_argument unless buf.size() == expected.
void require_length(std::size_t actual, std::size_t expected, const char* what);

// Sign_internal from mu (FIPS 204 Algorithm 7, steps 6 onward).
void sign_with_mu(const MlDsaPrivateKey::State& key, const std::uint8_t mu[kMuBytes],
                  const std::uint8_t rnd[kRndBytes], std::uint8_t* signature);

// Verify_internal from mu (FIPS 204 Algorithm 8, steps 2 onward). The signature length is
// checked here.
bool verify_with_mu(const MlDsaPublicKey::State& key, const std::uint8_t mu[kMuBytes],
                    ByteView signature);

}  // namespace mldsa

}  // namespace craton::pqc
