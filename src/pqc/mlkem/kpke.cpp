// K-PKE key generation, encryption and decryption over the module lattice of rank k.
#include "pqc/mlkem/kpke.h"

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mlkem/encode.h"
#include "pqc/mlkem/poly.h"
#include "pqc/mlkem/sampling.h"

namespace craton::pqc::mlkem {

void kpke_keygen(const Params& p, const std::uint8_t d[32], std::uint8_t* ek,
                 std::uint8_t* dk_pke) noexcept {
    // (rho, sigma) = G(d || k): the appended k separates the parameter sets' key spaces.
    std::uint8_t seed_in[33];
    for (int i = 0; i < 32; ++i) seed_in[i] = d[i];
    seed_in[32] = static_cast<std::uint8_t>(p.k);
    std::uint8_t rho_sigma[64];
    sha3_512(seed_in, sizeof seed_in, rho_sigma);
    const std::uint8_t* rho = rho_sigma;
    const std::uint8_t* sigma = rho_sigma + 32;
    // rho becomes part of the public key; it steers the (public) rejection sampling of A.
    CRATON_CT_DECLASSIFY(rho_sigma, 32);

    PolyVec a[kMaxK];
    generate_matrix(a, p.k, rho, false);

    PolyVec s, e;
    std::uint8_t nonce = 0;
    for (int i = 0; i < p.k; ++i) sample_cbd(s[i], sigma, nonce++, p.eta1);
    for (int i = 0; i < p.k; ++i) sample_cbd(e[i], sigma, nonce++, p.eta1);
    for (int i = 0; i < p.k; ++i) {
        poly_ntt(s[i]);
        poly_ntt(e[i]);
    }

    for (int i = 0; i < p.k; ++i) {
        Poly t;
        poly_basemul_acc(t, a[i].data(), s.data(), p.k);
        poly_tomont(t);
        poly_add(t, e[i]);
        poly_encode12(ek + kPolyBytes * static_cast<std::size_t>(i), t);
        poly_encode12(dk_pke + kPolyBytes * static_cast<std::size_t>(i), s[i]);
    }
    for (int i = 0; i < 32; ++i) ek[p.poly_vec_bytes() + static_cast<std::size_t>(i)] = rho[i];

    secure_wipe(seed_in, sizeof seed_in);
    secure_wipe(rho_sigma, sizeof rho_sigma);
    secure_wipe(s.data(), sizeof s);
    secure_wipe(e.data(), sizeof e);
}

void kpke_encrypt(const Params& p, const std::uint8_t* ek, const std::uint8_t m[32],
                  const std::uint8_t r[32], std::uint8_t* ct) noexcept {
    PolyVec t;
    for (int i = 0; i < p.k; ++i)
        poly_decode12(t[i], ek + kPolyBytes * static_cast<std::size_t>(i));
    const std::uint8_t* rho = ek + p.poly_vec_bytes();

    PolyVec at[kMaxK];
    generate_matrix(at, p.k, rho, true);

    PolyVec y, e1;
    Poly e2;
    std::uint8_t nonce = 0;
    for (int i = 0; i < p.k; ++i) sample_cbd(y[i], r, nonce++, p.eta1);
    for (int i = 0; i < p.k; ++i) sample_cbd(e1[i], r, nonce++, p.eta2);
    sample_cbd(e2, r, nonce, p.eta2);
    for (int i = 0; i < p.k; ++i) poly_ntt(y[i]);

    // u = NTT^-1(A^T o y) + e1, compressed into c1.
    for (int i = 0; i < p.k; ++i) {
        Poly u;
        poly_basemul_acc(u, at[i].data(), y.data(), p.k);
        poly_reduce(u);
        poly_invntt_tomont(u);
        poly_add(u, e1[i]);
        poly_compress_encode(ct + 32 * static_cast<std::size_t>(p.du * i), u, p.du);
    }

    // v = NTT^-1(t^T o y) + e2 + Decompress_1(m), compressed into c2.
    Poly v, mu;
    poly_basemul_acc(v, t.data(), y.data(), p.k);
    poly_reduce(v);
    poly_invntt_tomont(v);
    poly_add(v, e2);
    poly_from_message(mu, m);
    poly_add(v, mu);
    poly_compress_encode(ct + p.c1_bytes(), v, p.dv);

    secure_wipe(y.data(), sizeof y);
    secure_wipe(e1.data(), sizeof e1);
    secure_wipe(e2.data(), sizeof e2);
    secure_wipe(v.data(), sizeof v);
    secure_wipe(mu.data(), sizeof mu);
}

void kpke_decrypt(const Params& p, const std::uint8_t* dk_pke, const std::uint8_t* ct,
                  std::uint8_t m[32]) noexcept {
    PolyVec u, s;
    for (int i = 0; i < p.k; ++i) {
        poly_decode_decompress(u[i], ct + 32 * static_cast<std::size_t>(p.du * i), p.du);
        poly_ntt(u[i]);
        poly_decode12(s[i], dk_pke + kPolyBytes * static_cast<std::size_t>(i));
    }
    Poly v, w;
    poly_decode_decompress(v, ct + p.c1_bytes(), p.dv);

    // w = v - NTT^-1(s^T o NTT(u))
    poly_basemul_acc(w, s.data(), u.data(), p.k);
    poly_reduce(w);
    poly_invntt_tomont(w);
    poly_sub(w, v, w);
    poly_to_message(m, w);

    secure_wipe(s.data(), sizeof s);
    secure_wipe(w.data(), sizeof w);
}

}  // namespace craton::pqc::mlkem
