#include "selftest/kat_support.h"

#include <openssl/crypto.h>

#include "rng/openssl_rand.h"
#include "selftest/fault_injection.h"
#include "selftest/kat.h"

namespace craton::selftest::kat {
namespace {

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Bytes hex(std::string_view h) {
    Bytes out(h.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(h[2 * i]), lo = nibble(h[2 * i + 1]);
        // The table is generated; a bad digit is a build defect, reported as a KAT failure.
        if (hi < 0 || lo < 0) throw KatFailure("hex");
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

Bytes expected(const char* name, std::string_view h) {
    return expected(name, hex(h));
}

Bytes expected(const char* name, Bytes b) {
    if (fault_injected(name)) {
        if (b.empty()) b.push_back(0);
        b[0] ^= 0x01;
    }
    return b;
}

void require(const char* name, bool condition) {
    if (!condition) throw KatFailure(name);
}

void require_equal(const char* name, ByteSpan actual, ByteSpan want) {
    require(name, actual.size() == want.size() &&
                      CRYPTO_memcmp(actual.data(), want.data(), want.size()) == 0);
}

Bytes sha256(ByteSpan data) {
    Bytes md(32);
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), md.data(), &n, EVP_sha256(), nullptr) != 1 ||
        n != md.size()) {
        throw KatFailure("sha-256");
    }
    return md;
}

Bytes sign(const char* name, EVP_PKEY* key, const char* md, ByteSpan msg,
           void (*setup)(const char* name, EVP_PKEY_CTX*)) {
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    require(name, ctx && EVP_DigestSignInit_ex(ctx.get(), &pctx, md, rng::openssl_libctx(), nullptr,
                                               key, nullptr) == 1);
    if (setup != nullptr) setup(name, pctx);
    std::size_t len = 0;
    require(name, EVP_DigestSign(ctx.get(), nullptr, &len, msg.data(), msg.size()) == 1);
    Bytes sig(len);
    require(name, EVP_DigestSign(ctx.get(), sig.data(), &len, msg.data(), msg.size()) == 1);
    sig.resize(len);
    return sig;
}

bool verify(EVP_PKEY* key, const char* md, ByteSpan msg, ByteSpan sig,
            void (*setup)(const char* name, EVP_PKEY_CTX*), const char* name) {
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), &pctx, md, rng::openssl_libctx(), nullptr, key,
                                        nullptr) != 1) {
        return false;
    }
    if (setup != nullptr) setup(name, pctx);
    return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), msg.data(), msg.size()) == 1;
}

}  // namespace craton::selftest::kat
