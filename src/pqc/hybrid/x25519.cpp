// X25519 via EVP_PKEY_X25519: OpenSSL's implementation is constant time and wipes its copy of
// the private key when the EVP_PKEY is freed.
#include "pqc/hybrid/x25519.h"

#include <openssl/evp.h>

#include <memory>

namespace craton::pqc::hybrid {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

Pkey private_key(const std::uint8_t scalar[32]) noexcept {
    return Pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, scalar, 32));
}

}  // namespace

bool x25519_base(std::uint8_t out[32], const std::uint8_t scalar[32]) noexcept {
    const Pkey key = private_key(scalar);
    if (!key) return false;
    std::size_t len = 32;
    return EVP_PKEY_get_raw_public_key(key.get(), out, &len) == 1 && len == 32;
}

bool x25519(std::uint8_t out[32], const std::uint8_t scalar[32],
            const std::uint8_t u[32]) noexcept {
    const Pkey key = private_key(scalar);
    const Pkey peer(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, u, 32));
    if (!key || !peer) return false;
    const PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
    if (!ctx) return false;
    std::size_t len = 32;
    return EVP_PKEY_derive_init(ctx.get()) == 1 &&
           EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) == 1 &&
           EVP_PKEY_derive(ctx.get(), out, &len) == 1 && len == 32;
}

}  // namespace craton::pqc::hybrid
