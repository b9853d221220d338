// FIPS 202 sponge construction over keccak_f1600: absorb, pad10*1 with a domain suffix, squeeze.
#include <bit>
#include <cstring>

#include "pqc/common/secure_wipe.h"
#include "pqc/keccak/keccak.h"

namespace craton::pqc {

namespace {

inline std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    } else {
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
        return v;
    }
}

inline void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(p, &v, sizeof v);
    } else {
        for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
}

}  // namespace

KeccakSponge::KeccakSponge(std::size_t rate, std::uint8_t domain) noexcept
    : state_{}, rate_(rate), pos_(0), domain_(domain), squeezing_(false) {}

KeccakSponge::~KeccakSponge() {
    secure_wipe(state_, sizeof state_);
}

void KeccakSponge::reset() noexcept {
    secure_wipe(state_, sizeof state_);
    pos_ = 0;
    squeezing_ = false;
}

void KeccakSponge::xor_byte(std::size_t pos, std::uint8_t v) noexcept {
    state_[pos / 8] ^= std::uint64_t{v} << (8 * (pos % 8));
}

std::uint8_t KeccakSponge::get_byte(std::size_t pos) const noexcept {
    return static_cast<std::uint8_t>(state_[pos / 8] >> (8 * (pos % 8)));
}

void KeccakSponge::absorb(const std::uint8_t* in, std::size_t len) noexcept {
    if (squeezing_) return;
    // Finish a partly filled block byte by byte, then take whole blocks lane by lane.
    while (len > 0 && pos_ != 0) {
        xor_byte(pos_++, *in++);
        --len;
        if (pos_ == rate_) {
            keccak_f1600(state_);
            pos_ = 0;
        }
    }
    const std::size_t lanes = rate_ / 8;  // every FIPS 202 rate is a whole number of lanes
    while (len >= rate_) {
        for (std::size_t i = 0; i < lanes; ++i) state_[i] ^= load_le64(in + 8 * i);
        keccak_f1600(state_);
        in += rate_;
        len -= rate_;
    }
    while (len > 0) {
        xor_byte(pos_++, *in++);
        --len;
    }
}

void KeccakSponge::finalize_with_bits(std::uint8_t bits, unsigned nbits) noexcept {
    if (squeezing_) return;
    nbits &= 7;
    // The trailing message bits, the domain suffix and the first padding 1 (already the top
    // set bit of domain_) form one short bit string written from the current position; the
    // closing padding 1 goes in the last bit of the block, or of the next block if the first
    // padding bit already took that place.
    const unsigned suffix_bits = static_cast<unsigned>(std::bit_width(domain_));
    const std::uint32_t tail = (static_cast<std::uint32_t>(bits) & ((1u << nbits) - 1)) |
                               (static_cast<std::uint32_t>(domain_) << nbits);
    const std::size_t block_bits = rate_ * 8;
    std::size_t bit = pos_ * 8;
    for (unsigned i = 0; i < nbits + suffix_bits; ++i) {
        if (bit == block_bits) {
            keccak_f1600(state_);
            bit = 0;
        }
        if ((tail >> i) & 1) xor_byte(bit / 8, static_cast<std::uint8_t>(1u << (bit % 8)));
        ++bit;
    }
    if (bit == block_bits) keccak_f1600(state_);
    xor_byte(rate_ - 1, 0x80);
    keccak_f1600(state_);
    pos_ = 0;
    squeezing_ = true;
}

void KeccakSponge::finalize() noexcept {
    finalize_with_bits(0, 0);
}

void KeccakSponge::squeeze(std::uint8_t* out, std::size_t len) noexcept {
    if (!squeezing_) finalize();
    // pos_ == rate_ means the current block is used up; the next permutation is deferred until
    // more output is requested, so a caller squeezing exactly one block pays for one call.
    while (len > 0) {
        if (pos_ == rate_) {
            keccak_f1600(state_);
            pos_ = 0;
        }
        if (pos_ == 0 && len >= rate_) {
            for (std::size_t i = 0; i < rate_ / 8; ++i) store_le64(out + 8 * i, state_[i]);
            out += rate_;
            len -= rate_;
            pos_ = rate_;
            continue;
        }
        while (len > 0 && pos_ < rate_) {
            *out++ = get_byte(pos_++);
            --len;
        }
    }
}

namespace {

void sponge_oneshot(std::size_t rate, std::uint8_t domain, const std::uint8_t* in, std::size_t len,
                    std::uint8_t* out, std::size_t outlen) noexcept {
    KeccakSponge sponge(rate, domain);
    sponge.absorb(in, len);
    sponge.squeeze(out, outlen);
}

}  // namespace

void sha3_224(const std::uint8_t* in, std::size_t len, std::uint8_t out[28]) noexcept {
    sponge_oneshot(144, 0x06, in, len, out, 28);
}
void sha3_256(const std::uint8_t* in, std::size_t len, std::uint8_t out[32]) noexcept {
    sponge_oneshot(136, 0x06, in, len, out, 32);
}
void sha3_384(const std::uint8_t* in, std::size_t len, std::uint8_t out[48]) noexcept {
    sponge_oneshot(104, 0x06, in, len, out, 48);
}
void sha3_512(const std::uint8_t* in, std::size_t len, std::uint8_t out[64]) noexcept {
    sponge_oneshot(72, 0x06, in, len, out, 64);
}
void shake128(const std::uint8_t* in, std::size_t len, std::uint8_t* out,
              std::size_t outlen) noexcept {
    sponge_oneshot(168, 0x1F, in, len, out, outlen);
}
void shake256(const std::uint8_t* in, std::size_t len, std::uint8_t* out,
              std::size_t outlen) noexcept {
    sponge_oneshot(136, 0x1F, in, len, out, outlen);
}

}  // namespace craton::pqc
