// X-Wing key generation, encapsulation and decapsulation on top of ML-KEM-768 and X25519.
#include "pqc/hybrid/xwing.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "pqc/common/secure_wipe.h"
#include "pqc/hybrid/x25519.h"
#include "pqc/keccak/keccak.h"
#include "pqc/mlkem/mlkem.h"

namespace craton::pqc {

namespace {

constexpr MlKemParameterSet kMlKem = MlKemParameterSet::MlKem768;
constexpr MlKemSizes kMlKemSizes = mlkem_sizes(kMlKem);
static_assert(kMlKemSizes.encaps_key + 32 == XWingSizes::encaps_key);
static_assert(kMlKemSizes.ciphertext + 32 == XWingSizes::ciphertext);

constexpr std::uint8_t kLabel[6] = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};  // "\./" "/^\"

void require_size(std::size_t actual, std::size_t expected, const char* what) {
    if (actual != expected)
        throw std::invalid_argument(std::string("X-Wing: wrong length for ") + what);
}

// expandDecapsulationKey: the ML-KEM-768 key pair from SHAKE256(sk)[0:64] and the X25519 key
// pair from SHAKE256(sk)[64:96]. Owns and wipes the secret parts.
struct ExpandedKey {
    std::uint8_t expanded[96];
    std::uint8_t dk_m[kMlKemSizes.decaps_key];
    std::uint8_t pk_m[kMlKemSizes.encaps_key];
    std::uint8_t pk_x[32];
    bool ok;

    explicit ExpandedKey(std::span<const std::uint8_t> sk) {
        shake256(sk.data(), sk.size(), expanded, sizeof expanded);
        mlkem_keygen(kMlKem, std::span(expanded, 32), std::span(expanded + 32, 32), pk_m, dk_m);
        ok = hybrid::x25519_base(pk_x, sk_x());
    }
    ~ExpandedKey() {
        secure_wipe(expanded, sizeof expanded);
        secure_wipe(dk_m, sizeof dk_m);
    }
    ExpandedKey(const ExpandedKey&) = delete;
    ExpandedKey& operator=(const ExpandedKey&) = delete;

    const std::uint8_t* sk_x() const { return expanded + 64; }
};

void combine(std::uint8_t out[32], const std::uint8_t ss_m[32], const std::uint8_t ss_x[32],
             const std::uint8_t ct_x[32], const std::uint8_t pk_x[32]) noexcept {
    KeccakSponge sha3_256_ctx(136, 0x06);
    sha3_256_ctx.absorb(ss_m, 32);
    sha3_256_ctx.absorb(ss_x, 32);
    sha3_256_ctx.absorb(ct_x, 32);
    sha3_256_ctx.absorb(pk_x, 32);
    sha3_256_ctx.absorb(kLabel, sizeof kLabel);
    sha3_256_ctx.squeeze(out, 32);
}

}  // namespace

bool xwing_keygen(std::span<const std::uint8_t> sk, std::span<std::uint8_t> pk_out) {
    require_size(sk.size(), XWingSizes::decaps_key, "decapsulation key");
    require_size(pk_out.size(), XWingSizes::encaps_key, "encapsulation key");
    const ExpandedKey key(sk);
    if (!key.ok) return false;
    std::copy(std::begin(key.pk_m), std::end(key.pk_m), pk_out.begin());
    std::copy(std::begin(key.pk_x), std::end(key.pk_x), pk_out.begin() + kMlKemSizes.encaps_key);
    return true;
}

bool xwing_encaps(std::span<const std::uint8_t> pk, std::span<const std::uint8_t> eseed,
                  std::span<std::uint8_t> ct_out, std::span<std::uint8_t> ss_out) {
    require_size(pk.size(), XWingSizes::encaps_key, "encapsulation key");
    require_size(eseed.size(), XWingSizes::encaps_seed, "encapsulation seed");
    require_size(ct_out.size(), XWingSizes::ciphertext, "ciphertext");
    require_size(ss_out.size(), XWingSizes::shared_secret, "shared secret");
    const auto pk_m = pk.first(kMlKemSizes.encaps_key);
    const std::uint8_t* pk_x = pk.data() + kMlKemSizes.encaps_key;
    const std::uint8_t* ek_x = eseed.data() + 32;
    std::uint8_t* ct_x = ct_out.data() + kMlKemSizes.ciphertext;

    std::uint8_t ss_m[32], ss_x[32];
    bool ok = mlkem_check_encaps_key(kMlKem, pk_m) && hybrid::x25519_base(ct_x, ek_x) &&
              hybrid::x25519(ss_x, ek_x, pk_x);
    if (ok) {
        mlkem_encaps(kMlKem, pk_m, eseed.first(32), ct_out.first(kMlKemSizes.ciphertext), ss_m);
        combine(ss_out.data(), ss_m, ss_x, ct_x, pk_x);
    } else {
        secure_wipe(ct_out.data(), ct_out.size());
        secure_wipe(ss_out.data(), ss_out.size());
    }
    secure_wipe(ss_m, sizeof ss_m);
    secure_wipe(ss_x, sizeof ss_x);
    return ok;
}

bool xwing_decaps(std::span<const std::uint8_t> sk, std::span<const std::uint8_t> ct,
                  std::span<std::uint8_t> ss_out) {
    require_size(sk.size(), XWingSizes::decaps_key, "decapsulation key");
    require_size(ct.size(), XWingSizes::ciphertext, "ciphertext");
    require_size(ss_out.size(), XWingSizes::shared_secret, "shared secret");
    const ExpandedKey key(sk);
    const std::uint8_t* ct_x = ct.data() + kMlKemSizes.ciphertext;

    std::uint8_t ss_m[32], ss_x[32];
    const bool ok = key.ok && hybrid::x25519(ss_x, key.sk_x(), ct_x);
    if (ok) {
        mlkem_decaps(kMlKem, key.dk_m, ct.first(kMlKemSizes.ciphertext), ss_m);
        combine(ss_out.data(), ss_m, ss_x, ct_x, key.pk_x);
    } else {
        secure_wipe(ss_out.data(), ss_out.size());
    }
    secure_wipe(ss_m, sizeof ss_m);
    secure_wipe(ss_x, sizeof ss_x);
    return ok;
}

}  // namespace craton::pqc
