// ML-DSA key generation and the decoding of keys into their expanded form.
#include <cstring>
#include <stdexcept>
#include <string>

#include "pqc/common/ct_check.h"
#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mldsa/key_state.h"
#include "pqc/mldsa/ntt.h"
#include "pqc/mldsa/packing.h"
#include "pqc/mldsa/rounding.h"
#include "pqc/mldsa/sampling.h"

namespace craton::pqc {

using mldsa::Poly;

namespace mldsa {

void require_length(std::size_t actual, std::size_t expected, const char* what) {
    if (actual != expected) {
        throw std::invalid_argument(std::string("ML-DSA: wrong length for ") + what);
    }
}

namespace {

// NTT followed by a reduction below q, the form stored for key polynomials so later products
// stay within the Montgomery bounds.
void ntt_reduced(Poly& a) {
    ntt(a);
    for (auto& c : a) c = reduce32(c);
}

}  // namespace

}  // namespace mldsa

MlDsaPrivateKey::State::State(MlDsaParameterSet set)
    : ps(set),
      p(mldsa_params(set)),
      rho{},
      key{},
      tr{},
      polys(std::make_unique<Poly[]>(poly_count(p))) {}

MlDsaPrivateKey::State::~State() {
    secure_wipe(key.data(), key.size());
    // A_hat is public; the vectors after it are secret.
    if (polys) {
        secure_wipe(s1_hat(), sizeof(Poly) * static_cast<std::size_t>(p.l + 2 * p.k));
    }
}

MlDsaPublicKey::State::State(MlDsaParameterSet set)
    : ps(set), p(mldsa_params(set)), rho{}, tr{}, polys(std::make_unique<Poly[]>(poly_count(p))) {}

namespace {

// Scratch for key generation whose contents are secret; wiped on every exit path.
struct KeygenScratch {
    std::uint8_t expanded_seed[128];  // rho || rho' || K
    Poly s1[mldsa::kMaxL];
    Poly s2[mldsa::kMaxK];
    Poly t[mldsa::kMaxK];
    Poly t0[mldsa::kMaxK];
    ~KeygenScratch() { secure_wipe(this, sizeof *this); }
};

// KeyGen_internal into `key`, plus the encodings when requested.
void keygen_into(MlDsaPrivateKey::State& key, const std::uint8_t seed[mldsa::kSeedBytes],
                 std::uint8_t* pk_out, std::uint8_t* sk_out) {
    using namespace mldsa;
    const MlDsaParams& p = key.p;
    auto scratch = std::make_unique<KeygenScratch>();

    std::uint8_t h_in[kSeedBytes + 2];
    std::memcpy(h_in, seed, kSeedBytes);
    h_in[kSeedBytes] = static_cast<std::uint8_t>(p.k);
    h_in[kSeedBytes + 1] = static_cast<std::uint8_t>(p.l);
    shake256(h_in, sizeof h_in, scratch->expanded_seed, sizeof scratch->expanded_seed);
    secure_wipe(h_in, sizeof h_in);
    const std::uint8_t* rho_prime = scratch->expanded_seed + kRhoBytes;
    std::memcpy(key.rho.data(), scratch->expanded_seed, kRhoBytes);
    std::memcpy(key.key.data(), scratch->expanded_seed + kRhoBytes + 64, kKeyBytes);
    // rho becomes part of the public key.
    CRATON_CT_DECLASSIFY(key.rho.data(), key.rho.size());

    expand_a(key.a_hat(), key.rho.data(), p);
    expand_s(scratch->s1, scratch->s2, rho_prime, p);

    Poly* s1_hat = key.s1_hat();
    for (int j = 0; j < p.l; ++j) {
        s1_hat[j] = scratch->s1[j];
        ntt_reduced(s1_hat[j]);
    }
    matrix_vector_montgomery(scratch->t, key.a_hat(), s1_hat, p.k, p.l);
    Poly t1[kMaxK];
    for (int i = 0; i < p.k; ++i) {
        inv_ntt(scratch->t[i]);
        for (std::size_t n = 0; n < kN; ++n) {
            const std::int32_t t = caddq(reduce32(scratch->t[i][n] + scratch->s2[i][n]));
            t1[i][n] = power2round(t, scratch->t0[i][n]);
        }
    }
    // t1 is the public key's content.
    CRATON_CT_DECLASSIFY(t1, sizeof(Poly) * static_cast<std::size_t>(p.k));

    std::uint8_t pk[mldsa_sizes(MlDsaParameterSet::kMlDsa87).public_key];
    const std::size_t pk_len = mldsa_sizes(key.ps).public_key;
    pk_encode(pk, key.rho.data(), t1, p);
    shake256(pk, pk_len, key.tr.data(), key.tr.size());
    if (pk_out != nullptr) std::memcpy(pk_out, pk, pk_len);
    if (sk_out != nullptr) {
        sk_encode(sk_out, key.rho.data(), key.key.data(), key.tr.data(), scratch->s1, scratch->s2,
                  scratch->t0, p);
    }

    for (int i = 0; i < p.k; ++i) {
        key.s2_hat()[i] = scratch->s2[i];
        ntt_reduced(key.s2_hat()[i]);
        key.t0_hat()[i] = scratch->t0[i];
        ntt_reduced(key.t0_hat()[i]);
    }
}

}  // namespace

void mldsa_keygen_internal(MlDsaParameterSet ps, mldsa::ByteView seed,
                           mldsa::MutableByteView public_key, mldsa::MutableByteView secret_key) {
    const MlDsaSizes sizes = mldsa_sizes(ps);
    mldsa::require_length(seed.size(), mldsa::kSeedBytes, "seed");
    mldsa::require_length(public_key.size(), sizes.public_key, "public key");
    mldsa::require_length(secret_key.size(), sizes.secret_key, "secret key");
    MlDsaPrivateKey::State key(ps);
    keygen_into(key, seed.data(), public_key.data(), secret_key.data());
}

MlDsaPrivateKey::MlDsaPrivateKey(std::unique_ptr<State> state) noexcept
    : state_(std::move(state)) {}

MlDsaPrivateKey::MlDsaPrivateKey(MlDsaParameterSet ps, mldsa::ByteView secret_key)
    : state_(std::make_unique<State>(ps)) {
    using namespace mldsa;
    State& key = *state_;
    const MlDsaParams& p = key.p;
    require_length(secret_key.size(), mldsa_sizes(ps).secret_key, "secret key");
    Poly* s1 = key.s1_hat();
    Poly* s2 = key.s2_hat();
    Poly* t0 = key.t0_hat();
    const bool valid =
        sk_decode(secret_key.data(), key.rho.data(), key.key.data(), key.tr.data(), s1, s2, t0, p);
    if (!valid) throw std::invalid_argument("ML-DSA: secret key coefficient out of range");
    // rho and tr are public by design (rho is in pk, tr = H(pk)).
    CRATON_CT_DECLASSIFY(key.rho.data(), key.rho.size());
    CRATON_CT_DECLASSIFY(key.tr.data(), key.tr.size());
    expand_a(key.a_hat(), key.rho.data(), p);
    for (int j = 0; j < p.l; ++j) ntt_reduced(s1[j]);
    for (int i = 0; i < p.k; ++i) {
        ntt_reduced(s2[i]);
        ntt_reduced(t0[i]);
    }
}

MlDsaPrivateKey MlDsaPrivateKey::from_seed(MlDsaParameterSet ps, mldsa::ByteView seed,
                                           mldsa::MutableByteView public_key,
                                           mldsa::MutableByteView secret_key) {
    const MlDsaSizes sizes = mldsa_sizes(ps);
    mldsa::require_length(seed.size(), mldsa::kSeedBytes, "seed");
    if (!public_key.empty())
        mldsa::require_length(public_key.size(), sizes.public_key, "public key");
    if (!secret_key.empty())
        mldsa::require_length(secret_key.size(), sizes.secret_key, "secret key");
    auto state = std::make_unique<State>(ps);
    keygen_into(*state, seed.data(), public_key.empty() ? nullptr : public_key.data(),
                secret_key.empty() ? nullptr : secret_key.data());
    return MlDsaPrivateKey(std::move(state));
}

MlDsaPrivateKey::~MlDsaPrivateKey() = default;
MlDsaPrivateKey::MlDsaPrivateKey(MlDsaPrivateKey&&) noexcept = default;
MlDsaPrivateKey& MlDsaPrivateKey::operator=(MlDsaPrivateKey&&) noexcept = default;

std::size_t MlDsaPrivateKey::expanded_size(MlDsaParameterSet ps) noexcept {
    return sizeof(State) + sizeof(Poly) * State::poly_count(mldsa_params(ps));
}

MlDsaParameterSet MlDsaPrivateKey::parameter_set() const noexcept {
    return state_->ps;
}

mldsa::ByteView MlDsaPrivateKey::tr() const noexcept {
    return state_->tr;
}

MlDsaPublicKey::MlDsaPublicKey(MlDsaParameterSet ps, mldsa::ByteView public_key)
    : state_(std::make_unique<State>(ps)) {
    using namespace mldsa;
    State& key = *state_;
    const MlDsaParams& p = key.p;
    require_length(public_key.size(), mldsa_sizes(ps).public_key, "public key");
    Poly* t1 = key.polys.get() + p.k * p.l;
    pk_decode(public_key.data(), key.rho.data(), t1, p);
    shake256(public_key.data(), public_key.size(), key.tr.data(), key.tr.size());
    expand_a(key.polys.get(), key.rho.data(), p);
    for (int i = 0; i < p.k; ++i) {
        for (auto& c : t1[i]) c <<= kD;
        ntt_reduced(t1[i]);
    }
}

MlDsaPublicKey::~MlDsaPublicKey() = default;
MlDsaPublicKey::MlDsaPublicKey(MlDsaPublicKey&&) noexcept = default;
MlDsaPublicKey& MlDsaPublicKey::operator=(MlDsaPublicKey&&) noexcept = default;

std::size_t MlDsaPublicKey::expanded_size(MlDsaParameterSet ps) noexcept {
    return sizeof(State) + sizeof(Poly) * State::poly_count(mldsa_params(ps));
}

MlDsaParameterSet MlDsaPublicKey::parameter_set() const noexcept {
    return state_->ps;
}

mldsa::ByteView MlDsaPublicKey::tr() const noexcept {
    return state_->tr;
}

}  // namespace craton::pqc
