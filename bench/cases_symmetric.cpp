// Random, digest, HMAC and AES cases.
#include <cstring>

#include "bench_cases.h"

namespace craton::bench {

CaseSession::CaseSession(benchmark::State& state, bool own) {
    if (!own) {
        handle_ = Env::get().session();
        return;
    }
    own_ = std::make_unique<ThreadSession>();
    ok_ = check(state, own_->rv(), "C_OpenSession");
    handle_ = own_->handle();
}

namespace {

CK_FUNCTION_LIST* fn() {
    return Env::get().fn();
}

void random32(benchmark::State& state) {
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes out(32);
    for (auto _ : state) {
        const CK_RV rv = fn()->C_GenerateRandom(s, out.data(), out.size());
        if (!check(state, rv, "C_GenerateRandom")) break;
    }
    report(state, out.size());
}

void sha256(benchmark::State& state, std::size_t length) {
    if (!require(state, CKM_SHA256, CKF_DIGEST)) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes data = pattern(length, 5), out(32);
    CK_MECHANISM m{CKM_SHA256, nullptr, 0};
    for (auto _ : state) {
        CK_ULONG n = out.size();
        CK_RV rv = fn()->C_DigestInit(s, &m);
        if (rv == CKR_OK) rv = fn()->C_Digest(s, data.data(), data.size(), out.data(), &n);
        if (!check(state, rv, "C_Digest")) break;
    }
    report(state, length);
}

void hmac_sha256(benchmark::State& state, std::size_t length) {
    if (!require(state, CKM_SHA256_HMAC, CKF_SIGN)) return;
    Env::Handles key;
    if (!check(state, hmac_key(key), "C_CreateObject(generic secret)")) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes data = pattern(length, 6), out(32);
    CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
    for (auto _ : state) {
        CK_ULONG n = out.size();
        CK_RV rv = fn()->C_SignInit(s, &m, key.first);
        if (rv == CKR_OK) rv = fn()->C_Sign(s, data.data(), data.size(), out.data(), &n);
        if (!check(state, rv, "C_Sign")) break;
    }
    report(state, length);
}

void aes_cbc_pad_encrypt(benchmark::State& state, std::size_t length) {
    if (!require(state, CKM_AES_CBC_PAD, CKF_ENCRYPT)) return;
    Env::Handles key;
    if (!check(state, aes256_key(key), "C_CreateObject(AES)")) return;
    const CK_SESSION_HANDLE s = Env::get().session();
    Bytes data = pattern(length, 7), out(length + 16), iv = pattern(16, 8);
    CK_MECHANISM m{CKM_AES_CBC_PAD, iv.data(), static_cast<CK_ULONG>(iv.size())};
    for (auto _ : state) {
        CK_ULONG n = out.size();
        CK_RV rv = fn()->C_EncryptInit(s, &m, key.first);
        if (rv == CKR_OK) rv = fn()->C_Encrypt(s, data.data(), data.size(), out.data(), &n);
        if (!check(state, rv, "C_Encrypt")) break;
    }
    report(state, length);
}

}  // namespace

void aes_gcm_encrypt(benchmark::State& state, std::size_t length, bool own_session) {
    if (!require(state, CKM_AES_GCM, CKF_ENCRYPT)) return;
    Env::Handles key;
    if (!check(state, aes256_key(key), "C_CreateObject(AES)")) return;
    CaseSession session(state, own_session);
    if (!session.ok()) return;
    Bytes data = pattern(length, 9), out(length + 16), iv(12, 0);
    CK_GCM_PARAMS gcm{iv.data(), static_cast<CK_ULONG>(iv.size()), 96, nullptr, 0, 128};
    CK_MECHANISM m{CKM_AES_GCM, &gcm, sizeof gcm};
    // A fresh IV per message, as GCM requires; the thread index keeps threads apart.
    std::uint64_t counter = static_cast<std::uint64_t>(state.thread_index()) << 48;
    for (auto _ : state) {
        ++counter;
        std::memcpy(iv.data() + 4, &counter, sizeof counter);
        CK_ULONG n = out.size();
        CK_RV rv = fn()->C_EncryptInit(session.handle(), &m, key.first);
        if (rv == CKR_OK) {
            rv = fn()->C_Encrypt(session.handle(), data.data(), data.size(), out.data(), &n);
        }
        if (!check(state, rv, "C_Encrypt")) break;
    }
    report(state, length);
}

void register_symmetric_cases() {
    add("random/32B", random32);
    add("sha256/64B", sha256, 64);
    add("sha256/1KiB", sha256, 1024);
    add("sha256/1MiB", sha256, 1 << 20);
    add("hmac_sha256/1KiB", hmac_sha256, 1024);
    add("aes256_gcm_encrypt/1KiB", aes_gcm_encrypt, 1024, false);
    add("aes256_gcm_encrypt/1MiB", aes_gcm_encrypt, 1 << 20, false);
    add("aes256_cbc_pad_encrypt/1KiB", aes_cbc_pad_encrypt, 1024);
    add("aes256_cbc_pad_encrypt/1MiB", aes_cbc_pad_encrypt, 1 << 20);
}

}  // namespace craton::bench
