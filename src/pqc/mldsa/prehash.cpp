// HashML-DSA pre-hash functions.
#include "pqc/mldsa/prehash.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <variant>

#include "pqc/keccak/keccak.h"

namespace craton::pqc {

namespace {

// 2.16.840.1.101.3.4.2.x (NIST hash algorithms arc); the last byte selects the function.
constexpr std::array<std::uint8_t, kMlDsaPreHashOidBytes> oid_with_last(std::uint8_t last) {
    return {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last};
}

constexpr std::array<std::array<std::uint8_t, kMlDsaPreHashOidBytes>, 12> kOids = {
    oid_with_last(0x04),  // SHA-224
    oid_with_last(0x01),  // SHA-256
    oid_with_last(0x02),  // SHA-384
    oid_with_last(0x03),  // SHA-512
    oid_with_last(0x05),  // SHA-512/224
    oid_with_last(0x06),  // SHA-512/256
    oid_with_last(0x07),  // SHA3-224
    oid_with_last(0x08),  // SHA3-256
    oid_with_last(0x09),  // SHA3-384
    oid_with_last(0x0A),  // SHA3-512
    oid_with_last(0x0B),  // SHAKE128
    oid_with_last(0x0C),  // SHAKE256
};

constexpr std::array<std::size_t, 12> kDigestSizes = {28, 32, 48, 64, 28, 32,
                                                      28, 32, 48, 64, 32, 64};

std::size_t index_of(MlDsaPreHash ph) {
    const auto i = static_cast<std::size_t>(ph);
    if (i >= kOids.size()) throw std::invalid_argument("unknown HashML-DSA pre-hash function");
    return i;
}

const EVP_MD* sha2_md(MlDsaPreHash ph) {
    switch (ph) {
        case MlDsaPreHash::kSha224:
            return EVP_sha224();
        case MlDsaPreHash::kSha256:
            return EVP_sha256();
        case MlDsaPreHash::kSha384:
            return EVP_sha384();
        case MlDsaPreHash::kSha512:
            return EVP_sha512();
        case MlDsaPreHash::kSha512_224:
            return EVP_sha512_224();
        case MlDsaPreHash::kSha512_256:
            return EVP_sha512_256();
        default:
            return nullptr;
    }
}

// Keccak rate and domain byte for the SHA-3 family members.
KeccakSponge keccak_for(MlDsaPreHash ph) {
    switch (ph) {
        case MlDsaPreHash::kSha3_224:
            return KeccakSponge(144, 0x06);
        case MlDsaPreHash::kSha3_256:
            return KeccakSponge(136, 0x06);
        case MlDsaPreHash::kSha3_384:
            return KeccakSponge(104, 0x06);
        case MlDsaPreHash::kSha3_512:
            return KeccakSponge(72, 0x06);
        case MlDsaPreHash::kShake128:
            return Shake128();
        default:
            return Shake256();
    }
}

struct EvpCtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::size_t mldsa_prehash_digest_size(MlDsaPreHash ph) {
    return kDigestSizes[index_of(ph)];
}

std::span<const std::uint8_t, kMlDsaPreHashOidBytes> mldsa_prehash_oid(MlDsaPreHash ph) {
    return kOids[index_of(ph)];
}

struct MlDsaPreHasher::State {
    std::variant<std::unique_ptr<EVP_MD_CTX, EvpCtxDeleter>, KeccakSponge> hash;
    bool finished = false;
};

MlDsaPreHasher::MlDsaPreHasher(MlDsaPreHash ph) : ph_(ph) {
    index_of(ph);
    if (const EVP_MD* md = sha2_md(ph)) {
        std::unique_ptr<EVP_MD_CTX, EvpCtxDeleter> ctx(EVP_MD_CTX_new());
        if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
            throw std::runtime_error("EVP_DigestInit_ex failed");
        }
        state_ = std::make_unique<State>(State{std::move(ctx), false});
    } else {
        state_ = std::make_unique<State>(State{keccak_for(ph), false});
    }
}

MlDsaPreHasher::~MlDsaPreHasher() = default;
MlDsaPreHasher::MlDsaPreHasher(MlDsaPreHasher&&) noexcept = default;
MlDsaPreHasher& MlDsaPreHasher::operator=(MlDsaPreHasher&&) noexcept = default;

void MlDsaPreHasher::update(std::span<const std::uint8_t> data) {
    if (!state_ || state_->finished) throw std::logic_error("MlDsaPreHasher already finished");
    if (auto* ctx = std::get_if<0>(&state_->hash)) {
        if (EVP_DigestUpdate(ctx->get(), data.data(), data.size()) != 1) {
            throw std::runtime_error("EVP_DigestUpdate failed");
        }
    } else {
        std::get<1>(state_->hash).absorb(data.data(), data.size());
    }
}

void MlDsaPreHasher::finish(std::span<std::uint8_t> out) {
    if (!state_ || state_->finished) throw std::logic_error("MlDsaPreHasher already finished");
    if (out.size() != digest_size()) {
        throw std::invalid_argument("HashML-DSA digest buffer has the wrong length");
    }
    state_->finished = true;
    if (auto* ctx = std::get_if<0>(&state_->hash)) {
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(ctx->get(), out.data(), &len) != 1 || len != out.size()) {
            throw std::runtime_error("EVP_DigestFinal_ex failed");
        }
    } else {
        std::get<1>(state_->hash).squeeze(out.data(), out.size());
    }
}

void mldsa_prehash(MlDsaPreHash ph, std::span<const std::uint8_t> message,
                   std::span<std::uint8_t> digest) {
    MlDsaPreHasher hasher(ph);
    hasher.update(message);
    hasher.finish(digest);
}

}  // namespace craton::pqc
