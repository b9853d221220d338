#include "pqc/slhdsa/wots.h"

#include <cstring>

#include "pqc/common/secure_wipe.h"

namespace craton::pqc::slhdsa {

void wots_digits(const Params& params, const std::uint8_t* message, std::uint8_t* digits) noexcept {
    const unsigned len1 = params.len1();
    unsigned checksum = 0;
    for (unsigned i = 0; i < len1 / 2; ++i) {
        digits[2 * i] = static_cast<std::uint8_t>(message[i] >> 4);
        digits[2 * i + 1] = static_cast<std::uint8_t>(message[i] & 0x0F);
    }
    for (unsigned i = 0; i < len1; ++i) checksum += Params::kW - 1 - digits[i];
    // len2 * lg_w = 12 bits: the checksum is shifted left by 4 to a 16-bit big-endian value whose
    // first three nibbles are the checksum digits, i.e. the checksum's own three nibbles.
    digits[len1] = static_cast<std::uint8_t>((checksum >> 8) & 0x0F);
    digits[len1 + 1] = static_cast<std::uint8_t>((checksum >> 4) & 0x0F);
    digits[len1 + 2] = static_cast<std::uint8_t>(checksum & 0x0F);
}

void wots_pk_gen(HashSuite& hash, const std::uint8_t* sk_seed, Address adrs, std::uint8_t* pk,
                 const std::uint8_t* digits, std::uint8_t* sig) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const unsigned len = p.len();

    Address sk_adrs = adrs;
    sk_adrs.set_type_and_clear(AddressType::kWotsPrf);
    sk_adrs.set_key_pair(adrs.key_pair());

    std::uint8_t chain_ends[kMaxLen * kMaxN];
    for (unsigned i = 0; i < len; ++i) {
        std::uint8_t* node = chain_ends + i * n;
        sk_adrs.set_chain(i);
        hash.prf(sk_adrs, sk_seed, node);
        adrs.set_chain(i);
        for (unsigned j = 0; j < Params::kW - 1; ++j) {
            if (digits != nullptr && j == digits[i]) std::memcpy(sig + i * n, node, n);
            adrs.set_hash(j);
            hash.f(adrs, node, node);
        }
        if (digits != nullptr && digits[i] == Params::kW - 1) std::memcpy(sig + i * n, node, n);
    }

    Address pk_adrs = adrs;
    pk_adrs.set_type_and_clear(AddressType::kWotsPk);
    pk_adrs.set_key_pair(adrs.key_pair());
    hash.t(pk_adrs, chain_ends, len, pk);
    secure_wipe(chain_ends, sizeof chain_ends);
}

void wots_pk_from_sig(HashSuite& hash, const std::uint8_t* sig, const std::uint8_t* message,
                      Address adrs, std::uint8_t* pk) noexcept {
    const Params& p = hash.params();
    const std::size_t n = p.n;
    const unsigned len = p.len();

    std::uint8_t digits[kMaxLen];
    wots_digits(p, message, digits);
    std::uint8_t chain_ends[kMaxLen * kMaxN];
    for (unsigned i = 0; i < len; ++i) {
        std::uint8_t* node = chain_ends + i * n;
        std::memcpy(node, sig + i * n, n);
        adrs.set_chain(i);
        for (unsigned j = digits[i]; j < Params::kW - 1; ++j) {
            adrs.set_hash(j);
            hash.f(adrs, node, node);
        }
    }

    Address pk_adrs = adrs;
    pk_adrs.set_type_and_clear(AddressType::kWotsPk);
    pk_adrs.set_key_pair(adrs.key_pair());
    hash.t(pk_adrs, chain_ends, len, pk);
}

}  // namespace craton::pqc::slhdsa
