// Helpers for the AES tests: keys imported through C_CreateObject, and single- and
// multi-part cipher calls through the ABI following the length-query protocol.
#pragma once

#include <openssl/evp.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test::aes {

struct Result {
    CK_RV rv = CKR_OK;
    Bytes out;
};

inline CK_BYTE_PTR ptr(const Bytes& b) {
    return const_cast<CK_BYTE_PTR>(b.data());
}

// Session AES key with every usage allowed (destroyed with the session).
inline CK_OBJECT_HANDLE aes_key(P11Session& p, const Bytes& value) {
    return p.secret_key(CKK_AES, value);
}

inline void destroy(P11Session& p, CK_OBJECT_HANDLE h) {
    p.fn()->C_DestroyObject(p.session(), h);
}

// C_EncryptInit + C_Encrypt (length query, then the call); rv is the first failure.
inline Result encrypt(P11Session& p, CK_MECHANISM m, CK_OBJECT_HANDLE key, const Bytes& in) {
    auto* f = p.fn();
    Result r;
    if ((r.rv = f->C_EncryptInit(p.session(), &m, key)) != CKR_OK) return r;
    CK_ULONG len = 0;
    if ((r.rv = f->C_Encrypt(p.session(), ptr(in), in.size(), nullptr, &len)) != CKR_OK) return r;
    r.out.resize(len + 1);  // never NULL, even for empty output (NULL asks for the length)
    r.rv = f->C_Encrypt(p.session(), ptr(in), in.size(), r.out.data(), &len);
    r.out.resize(r.rv == CKR_OK ? len : 0);
    return r;
}

inline Result decrypt(P11Session& p, CK_MECHANISM m, CK_OBJECT_HANDLE key, const Bytes& in) {
    auto* f = p.fn();
    Result r;
    if ((r.rv = f->C_DecryptInit(p.session(), &m, key)) != CKR_OK) return r;
    CK_ULONG len = 0;
    if ((r.rv = f->C_Decrypt(p.session(), ptr(in), in.size(), nullptr, &len)) != CKR_OK) return r;
    r.out.resize(len + 1);
    r.rv = f->C_Decrypt(p.session(), ptr(in), in.size(), r.out.data(), &len);
    r.out.resize(r.rv == CKR_OK ? len : 0);
    return r;
}

// Multi-part through C_*Update/C_*Final in chunks of the given sizes (cycled).
inline Result cipher_parts(P11Session& p, bool enc, CK_MECHANISM m, CK_OBJECT_HANDLE key,
                           const Bytes& in, const std::vector<std::size_t>& chunks) {
    auto* f = p.fn();
    const auto s = p.session();
    Result r;
    r.rv = enc ? f->C_EncryptInit(s, &m, key) : f->C_DecryptInit(s, &m, key);
    if (r.rv != CKR_OK) return r;
    std::size_t pos = 0, c = 0;
    while (pos < in.size()) {
        const std::size_t n = std::min(chunks[c++ % chunks.size()], in.size() - pos);
        CK_ULONG len = 0;
        CK_BYTE_PTR part = ptr(in) + pos;
        r.rv = enc ? f->C_EncryptUpdate(s, part, n, nullptr, &len)
                   : f->C_DecryptUpdate(s, part, n, nullptr, &len);
        if (r.rv != CKR_OK) return r;
        Bytes out(len + 1);
        r.rv = enc ? f->C_EncryptUpdate(s, part, n, out.data(), &len)
                   : f->C_DecryptUpdate(s, part, n, out.data(), &len);
        if (r.rv != CKR_OK) return r;
        r.out.insert(r.out.end(), out.begin(), out.begin() + len);
        pos += n;
    }
    CK_ULONG len = 0;
    r.rv = enc ? f->C_EncryptFinal(s, nullptr, &len) : f->C_DecryptFinal(s, nullptr, &len);
    if (r.rv != CKR_OK) return r;
    Bytes out(len + 1);
    r.rv = enc ? f->C_EncryptFinal(s, out.data(), &len) : f->C_DecryptFinal(s, out.data(), &len);
    if (r.rv == CKR_OK) r.out.insert(r.out.end(), out.begin(), out.begin() + len);
    return r;
}

inline Bytes random_bytes(std::size_t n, std::mt19937& rng) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

inline Bytes concat(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

inline CK_GCM_PARAMS gcm_params(const Bytes& iv, const Bytes& aad, CK_ULONG tag_bits) {
    CK_GCM_PARAMS p{};
    p.pIv = ptr(iv);
    p.ulIvLen = iv.size();
    p.ulIvBits = iv.size() * 8;
    p.pAAD = aad.empty() ? nullptr : ptr(aad);
    p.ulAADLen = aad.size();
    p.ulTagBits = tag_bits;
    return p;
}

// Reference AES through OpenSSL directly (name like "AES-256-GCM"); returns ct||tag for GCM.
inline Bytes evp_encrypt(const std::string& name, const Bytes& key, const Bytes& iv,
                         const Bytes& in, bool pad = false, const Bytes& aad = {},
                         std::size_t tag_len = 0) {
    EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, name.c_str(), nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EXPECT_NE(c, nullptr);
    const bool gcm = tag_len != 0;
    EVP_EncryptInit_ex2(ctx, c, nullptr, nullptr, nullptr);
    if (gcm)
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(iv.size()), nullptr);
    EVP_EncryptInit_ex2(ctx, nullptr, key.data(), iv.empty() ? nullptr : iv.data(), nullptr);
    EVP_CIPHER_CTX_set_padding(ctx, pad ? 1 : 0);
    Bytes out(in.size() + 32);
    int n = 0, total = 0;
    if (!aad.empty()) EVP_EncryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size()));
    EVP_EncryptUpdate(ctx, out.data(), &n, in.data(), static_cast<int>(in.size()));
    total = n;
    EVP_EncryptFinal_ex(ctx, out.data() + total, &n);
    total += n;
    out.resize(total);
    if (gcm) {
        Bytes tag(tag_len);
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_len), tag.data());
        out = concat(out, tag);
    }
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(c);
    return out;
}

inline std::string aes_name(std::size_t key_bytes, const char* mode) {
    return "AES-" + std::to_string(key_bytes * 8) + "-" + mode;
}

}  // namespace craton::test::aes
