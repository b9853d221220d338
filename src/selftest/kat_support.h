// Helpers shared by the KAT files: hex decoding, the expected-value hook that test builds can
// corrupt, constant-time comparison, and owning wrappers for OpenSSL objects.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <openssl/evp.h>

namespace craton::selftest::kat {

using Bytes = std::vector<std::uint8_t>;
using ByteSpan = std::span<const std::uint8_t>;

// Decodes a lowercase/uppercase hex literal from kat_vectors.inc.
Bytes hex(std::string_view h);
// The published answer for KAT `name`: decoded, and in test builds with the KAT's fault
// switch set, with its first bit flipped so the comparison must fail.
Bytes expected(const char* name, std::string_view h);
// The same hook for a value computed during the KAT (a round trip's own signature).
Bytes expected(const char* name, Bytes value);
// Fails KAT `name` unless `condition` holds.
void require(const char* name, bool condition);
// Fails KAT `name` unless the two are equal (constant time in the contents).
void require_equal(const char* name, ByteSpan actual, ByteSpan want);
// SHA-256 of `data`, for KATs whose published answer is stored as a digest.
Bytes sha256(ByteSpan data);

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* p) const noexcept { EVP_CIPHER_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

// Signs `msg` with `key` under digest `md` (nullptr for EdDSA); returns the signature.
// `setup` may set padding parameters on the signing context.
Bytes sign(const char* name, EVP_PKEY* key, const char* md, ByteSpan msg,
           void (*setup)(const char* name, EVP_PKEY_CTX*) = nullptr);
bool verify(EVP_PKEY* key, const char* md, ByteSpan msg, ByteSpan sig,
            void (*setup)(const char* name, EVP_PKEY_CTX*) = nullptr, const char* name = "");

}  // namespace craton::selftest::kat
