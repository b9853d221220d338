#include "certified/acvp/aes_support.h"

namespace craton::acvp::aes {

mech::aes::CipherCtx keyed_context(const Bytes& key, Use use, const Bytes& iv, bool encrypt) {
    const mech::aes::AesKey aes(key);
    mech::aes::CipherCtx ctx = aes.context(use);
    if (!iv.empty()) mech::aes::set_iv(ctx.get(), iv.data(), encrypt ? 1 : 0);
    return ctx;
}

Bytes update(EVP_CIPHER_CTX* ctx, const Bytes& in) {
    Bytes out(in.size() + 16);
    const std::size_t n = mech::aes::cipher_update(ctx, out.data(), in);
    out.resize(n);
    return out;
}

}  // namespace craton::acvp::aes
