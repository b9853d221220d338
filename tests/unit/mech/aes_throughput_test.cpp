// AES-256-GCM through C_EncryptInit + C_Encrypt against OpenSSL EVP doing the same work in this
// process, on 1 MiB and 1 KiB messages. Two EVP baselines: a full EVP_EncryptInit_ex2 with key
// and IV per message (what a caller without a module does), and a context keyed once with
// only the IV set per message (OpenSSL's best case, which the module's prepared per-key
// context approaches). Runs are interleaved, timed in thread CPU time, and the best of several
// rounds is kept, so other load on the machine disturbs all three alike. A measurement, not a
// speed test: it only fails if the module is more than twice as slow. Excluded from CI
// ("Slow").
#include <time.h>

#include <cstdio>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "unit/mech/aes_test_support.h"

namespace craton::test {
namespace {

using namespace craton::test::aes;

// Thread CPU time, not wall time: the build machines are shared, and preemption would
// otherwise dominate the comparison. Everything measured runs on the calling thread.
double thread_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

template <class F>
double seconds_per_op(int reps, F&& op) {
    const double t0 = thread_seconds();
    for (int i = 0; i < reps; ++i) op();
    return (thread_seconds() - t0) / reps;
}

void measure(std::size_t size, int reps) {
    P11Session p;
    std::mt19937 rng(1);
    const Bytes key = random_bytes(32, rng), iv = random_bytes(12, rng);
    const Bytes pt = random_bytes(size, rng);
    Bytes out(pt.size() + 16);
    const CK_OBJECT_HANDLE k = aes_key(p, key);
    CK_GCM_PARAMS gp = gcm_params(iv, {}, 128);
    CK_MECHANISM m{CKM_AES_GCM, &gp, sizeof gp};
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX* keyed = EVP_CIPHER_CTX_new();
    ASSERT_EQ(EVP_EncryptInit_ex2(keyed, cipher, key.data(), nullptr, nullptr), 1);

    auto module_op = [&] {
        CK_ULONG len = out.size();
        if (p.fn()->C_EncryptInit(p.session(), &m, k) != CKR_OK ||
            p.fn()->C_Encrypt(p.session(), ptr(pt), pt.size(), out.data(), &len) != CKR_OK) {
            std::abort();
        }
    };
    auto evp_run = [&](EVP_CIPHER_CTX* c, const EVP_CIPHER* ciph, const std::uint8_t* kk) {
        int n = 0, fin = 0;
        if (EVP_EncryptInit_ex2(c, ciph, kk, iv.data(), nullptr) != 1 ||
            EVP_EncryptUpdate(c, out.data(), &n, pt.data(), static_cast<int>(pt.size())) != 1 ||
            EVP_EncryptFinal_ex(c, out.data() + n, &fin) != 1 ||
            EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + pt.size()) != 1) {
            std::abort();
        }
    };
    double module = 1e9, evp_full = 1e9, evp_keyed = 1e9;
    for (int round = 0; round < 7; ++round) {
        module = std::min(module, seconds_per_op(reps, module_op));
        evp_full =
            std::min(evp_full, seconds_per_op(reps, [&] { evp_run(ctx, cipher, key.data()); }));
        evp_keyed =
            std::min(evp_keyed, seconds_per_op(reps, [&] { evp_run(keyed, nullptr, nullptr); }));
    }
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_CTX_free(keyed);
    EVP_CIPHER_free(cipher);

    const double mib = static_cast<double>(size) / (1 << 20);
    std::printf(
        "AES-256-GCM %zu B: module %.2f us (%.0f MiB/s) | EVP init with key %.2f us "
        "(%+.1f%%) | EVP keyed once %.2f us (%+.1f%%)\n",
        size, module * 1e6, mib / module, evp_full * 1e6, (module / evp_full - 1) * 100,
        evp_keyed * 1e6, (module / evp_keyed - 1) * 100);
    ::testing::Test::RecordProperty("module_us", std::to_string(module * 1e6));
    ::testing::Test::RecordProperty("evp_full_us", std::to_string(evp_full * 1e6));
    ::testing::Test::RecordProperty("evp_keyed_us", std::to_string(evp_keyed * 1e6));
    EXPECT_LT(module, 2 * evp_full);
}

TEST(AesGcmThroughputSlow, OneMiB) {
    measure(1 << 20, 100);
}
TEST(AesGcmThroughputSlow, OneKiB) {
    measure(1 << 10, 20000);
}

}  // namespace
}  // namespace craton::test
