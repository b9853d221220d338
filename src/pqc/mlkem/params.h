// ML-KEM parameters (FIPS 203 §8) shared by the internal ML-KEM files.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pqc/mlkem/mlkem.h"

namespace craton::pqc::mlkem {

inline constexpr int kN = 256;
inline constexpr std::int16_t kQ = 3329;
inline constexpr int kMaxK = 4;
inline constexpr std::size_t kSymBytes = 32;    // seeds, hashes, messages, shared secrets
inline constexpr std::size_t kPolyBytes = 384;  // ByteEncode12 of one polynomial

struct Params {
    int k;     // module rank
    int eta1;  // CBD width for s, e, y
    int eta2;  // CBD width for e1, e2
    int du;    // ciphertext compression of u
    int dv;    // ciphertext compression of v

    constexpr std::size_t poly_vec_bytes() const {
        return kPolyBytes * static_cast<std::size_t>(k);
    }
    constexpr std::size_t ek_bytes() const { return poly_vec_bytes() + kSymBytes; }
    constexpr std::size_t dk_bytes() const { return 2 * poly_vec_bytes() + 3 * kSymBytes; }
    constexpr std::size_t c1_bytes() const { return 32 * static_cast<std::size_t>(du * k); }
    constexpr std::size_t c2_bytes() const { return 32 * static_cast<std::size_t>(dv); }
    constexpr std::size_t ct_bytes() const { return c1_bytes() + c2_bytes(); }
};

constexpr Params params_for(MlKemParameterSet ps) {
    switch (ps) {
        case MlKemParameterSet::MlKem512:
            return {2, 3, 2, 10, 4};
        case MlKemParameterSet::MlKem768:
            return {3, 2, 2, 10, 4};
        case MlKemParameterSet::MlKem1024:
            return {4, 2, 2, 11, 5};
    }
    return {0, 0, 0, 0, 0};
}

// The public size table must agree with the sizes the parameters imply.
constexpr bool sizes_agree(MlKemParameterSet ps) {
    const Params p = params_for(ps);
    const MlKemSizes s = mlkem_sizes(ps);
    return p.ek_bytes() == s.encaps_key && p.dk_bytes() == s.decaps_key &&
           p.ct_bytes() == s.ciphertext;
}
static_assert(sizes_agree(MlKemParameterSet::MlKem512));
static_assert(sizes_agree(MlKemParameterSet::MlKem768));
static_assert(sizes_agree(MlKemParameterSet::MlKem1024));

}  // namespace craton::pqc::mlkem
