// KATs for AES-256 in GCM, CBC and key-wrap (KW) modes, through OpenSSL EVP as the mechanisms
// use it.
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <string>

#include "selftest/kat.h"
#include "selftest/kat_functions.h"
#include "selftest/kat_support.h"
#include "selftest/kat_vectors.inc"

namespace craton::selftest::kat {
namespace {

namespace v = vectors;

// One-shot EVP cipher run (update + final) with optional AAD and tag handling for GCM.
struct CipherRun {
    const char* name;
    const char* cipher;
    bool encrypt;
    Bytes key, iv, aad, in, tag;  // tag: set for GCM decrypt
    bool padding = false;
};

Bytes run(const CipherRun& r, Bytes* tag_out = nullptr) {
    EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, r.cipher, nullptr);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    bool ok = c != nullptr && ctx != nullptr &&
              EVP_CipherInit_ex2(ctx.get(), c, r.key.data(), r.iv.empty() ? nullptr : r.iv.data(),
                                 r.encrypt ? 1 : 0, nullptr) == 1 &&
              EVP_CIPHER_CTX_set_padding(ctx.get(), r.padding ? 1 : 0) == 1;
    EVP_CIPHER_free(c);
    int n = 0;
    if (ok && !r.aad.empty()) {
        ok = EVP_CipherUpdate(ctx.get(), nullptr, &n, r.aad.data(),
                              static_cast<int>(r.aad.size())) == 1;
    }
    if (ok && !r.tag.empty()) {
        ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(r.tag.size()),
                                 const_cast<std::uint8_t*>(r.tag.data())) == 1;
    }
    Bytes out(r.in.size() + 32);
    int total = 0;
    ok = ok && EVP_CipherUpdate(ctx.get(), out.data(), &n, r.in.data(),
                                static_cast<int>(r.in.size())) == 1;
    total = n;
    ok = ok && EVP_CipherFinal_ex(ctx.get(), out.data() + total, &n) == 1;
    total += n;
    if (ok && tag_out != nullptr) {
        tag_out->resize(16);
        ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, 16, tag_out->data()) == 1;
    }
    require(r.name, ok);
    out.resize(static_cast<std::size_t>(total));
    return out;
}

}  // namespace

void aes_gcm_encrypt() {
    const char* name = "aes-gcm-encrypt";
    Bytes tag;
    const Bytes ct = run({name,
                          "AES-256-GCM",
                          true,
                          hex(v::kGcmKey),
                          hex(v::kGcmIv),
                          hex(v::kGcmAad),
                          hex(v::kGcmPt),
                          {}},
                         &tag);
    Bytes both = ct;
    both.insert(both.end(), tag.begin(), tag.end());
    // The answer is ciphertext || tag.
    const std::string answer = std::string(v::kGcmCt) + std::string(v::kGcmTag);
    require_equal(name, both, expected(name, answer));
}

void aes_gcm_decrypt() {
    const char* name = "aes-gcm-decrypt";
    // A corrupted expected plaintext fails the comparison; the tag is checked by OpenSSL.
    const Bytes pt = run({name, "AES-256-GCM", false, hex(v::kGcmKey), hex(v::kGcmIv),
                          hex(v::kGcmAad), hex(v::kGcmCt), hex(v::kGcmTag)});
    require_equal(name, pt, expected(name, v::kGcmPt));
}

void aes_cbc_encrypt() {
    const char* name = "aes-cbc-encrypt";
    const Bytes ct = run({name,
                          "AES-256-CBC",
                          true,
                          hex(v::kCbcEncKey),
                          hex(v::kCbcEncIv),
                          {},
                          hex(v::kCbcEncPt),
                          {}});
    require_equal(name, ct, expected(name, v::kCbcEncCt));
}

void aes_cbc_decrypt() {
    const char* name = "aes-cbc-decrypt";
    const Bytes pt = run({name,
                          "AES-256-CBC",
                          false,
                          hex(v::kCbcDecKey),
                          hex(v::kCbcDecIv),
                          {},
                          hex(v::kCbcDecCt),
                          {}});
    require_equal(name, pt, expected(name, v::kCbcDecPt));
}

void aes_kw_wrap() {
    const char* name = "aes-kw-wrap";
    const Bytes ct = run({name, "AES-256-WRAP", true, hex(v::kKwKek), {}, {}, hex(v::kKwPt), {}});
    require_equal(name, ct, expected(name, v::kKwCt));
}

void aes_kw_unwrap() {
    const char* name = "aes-kw-unwrap";
    const Bytes pt = run({name, "AES-256-WRAP", false, hex(v::kKwKek), {}, {}, hex(v::kKwCt), {}});
    require_equal(name, pt, expected(name, v::kKwPt));
}

}  // namespace craton::selftest::kat
