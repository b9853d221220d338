// mu = H(tr || M') built incrementally.
#include "pqc/mldsa/mu_builder.h"

#include <stdexcept>

namespace craton::pqc {

namespace {

void check_context(std::span<const std::uint8_t> ctx) {
    if (ctx.size() > mldsa::kMaxContextBytes) {
        throw std::invalid_argument("ML-DSA context string longer than 255 bytes");
    }
}

}  // namespace

MlDsaMuBuilder::MlDsaMuBuilder(std::span<const std::uint8_t> tr) {
    if (tr.size() != mldsa::kTrBytes) throw std::invalid_argument("ML-DSA tr must be 64 bytes");
    xof_.absorb(tr.data(), tr.size());
}

MlDsaMuBuilder MlDsaMuBuilder::pure(std::span<const std::uint8_t> tr,
                                    std::span<const std::uint8_t> ctx) {
    check_context(ctx);
    MlDsaMuBuilder builder(tr);
    const std::uint8_t prefix[2] = {0, static_cast<std::uint8_t>(ctx.size())};
    builder.update(prefix);
    builder.update(ctx);
    return builder;
}

MlDsaMuBuilder MlDsaMuBuilder::prehashed(std::span<const std::uint8_t> tr,
                                         std::span<const std::uint8_t> ctx, MlDsaPreHash ph,
                                         std::span<const std::uint8_t> digest) {
    check_context(ctx);
    if (digest.size() != mldsa_prehash_digest_size(ph)) {
        throw std::invalid_argument("HashML-DSA digest length does not match the hash function");
    }
    MlDsaMuBuilder builder(tr);
    const std::uint8_t prefix[2] = {1, static_cast<std::uint8_t>(ctx.size())};
    builder.update(prefix);
    builder.update(ctx);
    builder.update(mldsa_prehash_oid(ph));
    builder.update(digest);
    return builder;
}

void MlDsaMuBuilder::update(std::span<const std::uint8_t> data) noexcept {
    xof_.absorb(data.data(), data.size());
}

MlDsaMuBuilder::Mu MlDsaMuBuilder::finish() noexcept {
    Mu mu;
    xof_.squeeze(mu.data(), mu.size());
    return mu;
}

}  // namespace craton::pqc
