// ECDSA P-256 signing rate through the ABI against OpenSSL called directly (a measurement,
// not a timed pass/fail: "Slow" keeps it out of CI; `--gtest_filter=EcSlowSpeed*` runs it).
// The bench/ suite is the reference for published numbers; this is the family's own check
// that an operation costs little more than OpenSSL itself.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "unit/mech/ec_support.h"

namespace craton::test {
namespace {

using namespace craton::test::ec;
using Clock = std::chrono::steady_clock;

// Operations per second of `op` over about `seconds`.
double rate(const std::function<void()>& op, double seconds = 1.0) {
    const auto start = Clock::now();
    long n = 0;
    double elapsed = 0;
    do {
        for (int i = 0; i < 50; ++i) op();
        n += 50;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    return static_cast<double>(n) / elapsed;
}

TEST(EcSlowSpeed, EcdsaP256SignThroughAbiVersusEvp) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &pub, &priv), CKR_OK);
    Pkey evp_key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    const Bytes msg(64, 0xab);
    const Bytes dgst = digest("SHA2-256", msg);
    Bytes sig(64);
    auto* data = const_cast<std::uint8_t*>(msg.data());
    auto* hash = const_cast<std::uint8_t*>(dgst.data());

    // What an application does per signature: *Init then the one-shot call.
    auto abi_sha256 = [&] {
        CK_MECHANISM m{CKM_ECDSA_SHA256, nullptr, 0};
        CK_ULONG len = sig.size();
        if (s.fn()->C_SignInit(s.session(), &m, priv) != CKR_OK ||
            s.fn()->C_Sign(s.session(), data, msg.size(), sig.data(), &len) != CKR_OK) {
            ADD_FAILURE();
        }
    };
    auto abi_raw = [&] {
        CK_MECHANISM m{CKM_ECDSA, nullptr, 0};
        CK_ULONG len = sig.size();
        if (s.fn()->C_SignInit(s.session(), &m, priv) != CKR_OK ||
            s.fn()->C_Sign(s.session(), hash, dgst.size(), sig.data(), &len) != CKR_OK) {
            ADD_FAILURE();
        }
    };
    Bytes der(80);
    auto evp_digest_sign = [&] {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        std::size_t len = der.size();
        if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, evp_key.get()) != 1 ||
            EVP_DigestSign(ctx, der.data(), &len, msg.data(), msg.size()) != 1) {
            ADD_FAILURE();
        }
        EVP_MD_CTX_free(ctx);
    };
    EVP_PKEY_CTX* prepared = EVP_PKEY_CTX_new_from_pkey(nullptr, evp_key.get(), nullptr);
    ASSERT_EQ(EVP_PKEY_sign_init(prepared), 1);
    auto evp_prepared = [&] {
        std::size_t len = der.size();
        if (EVP_PKEY_sign(prepared, der.data(), &len, dgst.data(), dgst.size()) != 1) {
            ADD_FAILURE();
        }
    };

    // Each ECDSA signature draws its nonce from the module DRBG (through the module's OpenSSL
    // library context); C_GenerateRandom of 64 bytes is one such request on its own.
    Bytes rnd(64);
    auto drbg = [&] {
        if (s.fn()->C_GenerateRandom(s.session(), rnd.data(), rnd.size()) != CKR_OK) ADD_FAILURE();
    };

    // Interleaved rounds so load changes on a shared machine hit both sides alike.
    double a = 0, r = 0, e = 0, p = 0, g = 0;
    for (int round = 0; round < 3; ++round) {
        a += rate(abi_sha256);
        e += rate(evp_digest_sign);
        r += rate(abi_raw);
        p += rate(evp_prepared);
        g += rate(drbg, 0.3);
    }
    a /= 3, r /= 3, e /= 3, p /= 3, g /= 3;
    EVP_PKEY_CTX_free(prepared);
    std::printf(
        "ECDSA P-256 sign, ops/s (mean of 3 interleaved 1 s rounds):\n"
        "  C_SignInit+C_Sign CKM_ECDSA_SHA256, 64 B : %8.0f\n"
        "  EVP_DigestSignInit+EVP_DigestSign, 64 B  : %8.0f   ratio %.2f\n"
        "  C_SignInit+C_Sign CKM_ECDSA, 32 B digest : %8.0f\n"
        "  EVP_PKEY_sign, prepared ctx, 32 B digest : %8.0f   ratio %.2f\n"
        "  C_GenerateRandom 64 B (one DRBG request) : %8.0f   = %.1f us\n",
        a, e, a / e, r, p, r / p, g, 1e6 / g);
    ::testing::Test::RecordProperty("abi_sha256_ops", static_cast<int>(a));
    ::testing::Test::RecordProperty("evp_digestsign_ops", static_cast<int>(e));
    ::testing::Test::RecordProperty("abi_raw_ops", static_cast<int>(r));
    ::testing::Test::RecordProperty("evp_prepared_ops", static_cast<int>(p));
}

TEST(EcSlowSpeed, EcdsaP256SignTwoThreads) {
    EcSession s;
    CK_OBJECT_HANDLE pub, priv;
    ASSERT_EQ(s.generate(CKM_EC_KEY_PAIR_GEN, kP256Oid, &pub, &priv), CKR_OK);
    CK_SESSION_HANDLE second = CK_INVALID_HANDLE;
    ASSERT_EQ(
        s.fn()->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &second),
        CKR_OK);
    const Bytes msg(64, 0xcd);
    auto signer = [&](CK_SESSION_HANDLE h, std::atomic<bool>& stop, long& count) {
        Bytes sig(64);
        while (!stop.load(std::memory_order_relaxed)) {
            CK_MECHANISM m{CKM_ECDSA_SHA256, nullptr, 0};
            CK_ULONG len = sig.size();
            if (s.fn()->C_SignInit(h, &m, priv) != CKR_OK ||
                s.fn()->C_Sign(h, const_cast<std::uint8_t*>(msg.data()), msg.size(), sig.data(),
                               &len) != CKR_OK) {
                ADD_FAILURE();
                return;
            }
            ++count;
        }
    };
    auto run = [&](int threads) {
        std::atomic<bool> stop{false};
        long counts[2] = {0, 0};
        const auto start = Clock::now();
        std::thread t1([&] { signer(s.session(), stop, counts[0]); });
        std::thread t2;
        if (threads == 2) t2 = std::thread([&] { signer(second, stop, counts[1]); });
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        stop = true;
        t1.join();
        if (t2.joinable()) t2.join();
        const double secs = std::chrono::duration<double>(Clock::now() - start).count();
        return static_cast<double>(counts[0] + counts[1]) / secs;
    };
    const double one = run(1), two = run(2);
    std::printf(
        "ECDSA P-256 sign through the ABI: 1 thread %.0f ops/s, 2 threads %.0f ops/s "
        "(x%.2f)\n",
        one, two, two / one);
    ::testing::Test::RecordProperty("one_thread_ops", static_cast<int>(one));
    ::testing::Test::RecordProperty("two_thread_ops", static_cast<int>(two));
}

}  // namespace
}  // namespace craton::test
