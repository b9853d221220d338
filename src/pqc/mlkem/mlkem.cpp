// ML-KEM key generation, encapsulation and decapsulation (FIPS 203 §6) and the §7 key checks.
#include "pqc/mlkem/mlkem.h"

#include <stdexcept>
#include <string>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mlkem/encode.h"
#include "pqc/mlkem/kpke.h"
#include "pqc/mlkem/params.h"

namespace craton::pqc {

using mlkem::kPolyBytes;
using mlkem::kSymBytes;
using mlkem::Params;

namespace {

void require_size(std::size_t actual, std::size_t expected, const char* what) {
    if (actual != expected) {
        throw std::invalid_argument(std::string("ML-KEM: wrong length for ") + what);
    }
}

// Layout of the expanded decapsulation key: dk_pke || ek || H(ek) || z.
struct DecapsKeyLayout {
    std::size_t ek_offset, h_offset, z_offset;
    explicit DecapsKeyLayout(const Params& p)
        : ek_offset(p.poly_vec_bytes()),
          h_offset(p.poly_vec_bytes() + p.ek_bytes()),
          z_offset(p.poly_vec_bytes() + p.ek_bytes() + kSymBytes) {}
};

// All-ones when the two byte strings are equal, zero otherwise, without data-dependent branches.
std::uint8_t equal_mask(const std::uint8_t* a, const std::uint8_t* b, std::size_t len) noexcept {
    std::uint32_t diff = 0;
    for (std::size_t i = 0; i < len; ++i) diff |= static_cast<std::uint32_t>(a[i] ^ b[i]);
    // diff in [0, 255]: (diff - 1) >> 8 has its low bit set exactly when diff == 0.
    return static_cast<std::uint8_t>(-static_cast<std::int32_t>(((diff - 1) >> 8) & 1u));
}

}  // namespace

void mlkem_keygen(MlKemParameterSet ps, std::span<const std::uint8_t> d,
                  std::span<const std::uint8_t> z, std::span<std::uint8_t> ek_out,
                  std::span<std::uint8_t> dk_out) {
    const Params p = mlkem::params_for(ps);
    require_size(d.size(), kSymBytes, "d");
    require_size(z.size(), kSymBytes, "z");
    require_size(ek_out.size(), p.ek_bytes(), "encapsulation key");
    require_size(dk_out.size(), p.dk_bytes(), "decapsulation key");

    const DecapsKeyLayout layout(p);
    std::uint8_t* dk = dk_out.data();
    mlkem::kpke_keygen(p, d.data(), ek_out.data(), dk);
    for (std::size_t i = 0; i < p.ek_bytes(); ++i) dk[layout.ek_offset + i] = ek_out[i];
    sha3_256(ek_out.data(), p.ek_bytes(), dk + layout.h_offset);
    for (std::size_t i = 0; i < kSymBytes; ++i) dk[layout.z_offset + i] = z[i];
}

void mlkem_keygen_from_seed(MlKemParameterSet ps, std::span<const std::uint8_t> seed,
                            std::span<std::uint8_t> ek_out, std::span<std::uint8_t> dk_out) {
    require_size(seed.size(), MlKemSizes::seed, "seed");
    mlkem_keygen(ps, seed.first(kSymBytes), seed.subspan(kSymBytes), ek_out, dk_out);
}

void mlkem_encaps(MlKemParameterSet ps, std::span<const std::uint8_t> ek,
                  std::span<const std::uint8_t> m, std::span<std::uint8_t> ct_out,
                  std::span<std::uint8_t> ss_out) {
    const Params p = mlkem::params_for(ps);
    require_size(ek.size(), p.ek_bytes(), "encapsulation key");
    require_size(m.size(), kSymBytes, "m");
    require_size(ct_out.size(), p.ct_bytes(), "ciphertext");
    require_size(ss_out.size(), MlKemSizes::shared_secret, "shared secret");

    // (K, r) = G(m || H(ek))
    std::uint8_t g_in[64];
    for (std::size_t i = 0; i < kSymBytes; ++i) g_in[i] = m[i];
    sha3_256(ek.data(), ek.size(), g_in + 32);
    std::uint8_t k_r[64];
    sha3_512(g_in, sizeof g_in, k_r);

    mlkem::kpke_encrypt(p, ek.data(), m.data(), k_r + 32, ct_out.data());
    for (std::size_t i = 0; i < kSymBytes; ++i) ss_out[i] = k_r[i];

    secure_wipe(g_in, sizeof g_in);
    secure_wipe(k_r, sizeof k_r);
}

void mlkem_decaps(MlKemParameterSet ps, std::span<const std::uint8_t> dk,
                  std::span<const std::uint8_t> ct, std::span<std::uint8_t> ss_out) {
    const Params p = mlkem::params_for(ps);
    require_size(dk.size(), p.dk_bytes(), "decapsulation key");
    require_size(ct.size(), p.ct_bytes(), "ciphertext");
    require_size(ss_out.size(), MlKemSizes::shared_secret, "shared secret");

    const DecapsKeyLayout layout(p);
    const std::uint8_t* ek = dk.data() + layout.ek_offset;
    const std::uint8_t* h = dk.data() + layout.h_offset;
    const std::uint8_t* z = dk.data() + layout.z_offset;

    // m' = Decrypt(dk_pke, c); (K', r') = G(m' || h)
    std::uint8_t g_in[64];
    mlkem::kpke_decrypt(p, dk.data(), ct.data(), g_in);
    for (std::size_t i = 0; i < kSymBytes; ++i) g_in[32 + i] = h[i];
    std::uint8_t k_r[64];
    sha3_512(g_in, sizeof g_in, k_r);

    // K_bar = J(z || c), the implicit-rejection secret.
    std::uint8_t k_bar[32];
    Shake256 j;
    j.absorb(z, kSymBytes);
    j.absorb(ct.data(), ct.size());
    j.squeeze(k_bar, sizeof k_bar);

    // Re-encrypt and pick K' or K_bar with a mask: whether the ciphertext was valid must not
    // show in timing or memory access.
    std::uint8_t ct_prime[4 * 32 * 11 + 32 * 5];  // the largest ciphertext (ML-KEM-1024)
    mlkem::kpke_encrypt(p, ek, g_in, k_r + 32, ct_prime);
    const std::uint8_t keep = equal_mask(ct.data(), ct_prime, ct.size());
    for (std::size_t i = 0; i < kSymBytes; ++i) {
        ss_out[i] = static_cast<std::uint8_t>((k_r[i] & keep) | (k_bar[i] & ~keep));
    }

    secure_wipe(g_in, sizeof g_in);
    secure_wipe(k_r, sizeof k_r);
    secure_wipe(k_bar, sizeof k_bar);
    secure_wipe(ct_prime, sizeof ct_prime);
}

bool mlkem_check_encaps_key(MlKemParameterSet ps, std::span<const std::uint8_t> ek) noexcept {
    const Params p = mlkem::params_for(ps);
    if (ek.size() != p.ek_bytes()) return false;
    // Modulus check: decoding reduces mod q, so re-encoding reproduces ek exactly when every
    // 12-bit value was already below q.
    std::uint8_t reencoded[kPolyBytes];
    for (int i = 0; i < p.k; ++i) {
        const std::uint8_t* chunk = ek.data() + kPolyBytes * static_cast<std::size_t>(i);
        mlkem::Poly t;
        mlkem::poly_decode12(t, chunk);
        mlkem::poly_encode12(reencoded, t);
        if (equal_mask(reencoded, chunk, kPolyBytes) == 0) return false;
    }
    return true;
}

bool mlkem_check_decaps_key(MlKemParameterSet ps, std::span<const std::uint8_t> dk) noexcept {
    const Params p = mlkem::params_for(ps);
    if (dk.size() != p.dk_bytes()) return false;
    const DecapsKeyLayout layout(p);
    std::uint8_t h[32];
    sha3_256(dk.data() + layout.ek_offset, p.ek_bytes(), h);
    const std::uint8_t match = equal_mask(h, dk.data() + layout.h_offset, kSymBytes);
    CRATON_CT_DECLASSIFY(&match, 1);  // the verdict is the public result of the check
    return match != 0;
}

void mlkem_encaps_key_from_decaps_key(MlKemParameterSet ps, std::span<const std::uint8_t> dk,
                                      std::span<std::uint8_t> ek_out) {
    const Params p = mlkem::params_for(ps);
    require_size(dk.size(), p.dk_bytes(), "decapsulation key");
    require_size(ek_out.size(), p.ek_bytes(), "encapsulation key");
    const DecapsKeyLayout layout(p);
    for (std::size_t i = 0; i < p.ek_bytes(); ++i) ek_out[i] = dk[layout.ek_offset + i];
}

}  // namespace craton::pqc
