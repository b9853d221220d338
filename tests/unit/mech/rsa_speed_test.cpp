// RSA-2048 signing rate through C_SignInit + C_Sign against OpenSSL EVP on the same key, each
// operation including its own initialisation. A measurement, not a check of a target (the
// bench/ suite owns targets): the suite name keeps it out of CI ("Slow").
#include <time.h>

#include <algorithm>
#include <cstdio>

#include <gtest/gtest.h>

#include "support/p11_module.h"
#include "unit/mech/rsa_support.h"

namespace craton::test::rsa {
namespace {

// Thread CPU time, not wall time: the build machines are shared, and CPU time measures what
// each side costs rather than how often the scheduler ran it.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

template <class Op>
double ops_per_second(Op&& op, double seconds) {
    int n = 0;
    const double start = cpu_seconds();
    double elapsed = 0;
    do {
        op();
        ++n;
        elapsed = cpu_seconds() - start;
    } while (elapsed < seconds);
    return n / elapsed;
}

void compare(CK_MECHANISM mech, CK_MECHANISM_TYPE hash, int salt_len, const char* label) {
    const PrivateKey k = fixture_key(2048);
    RsaSession s;
    const CK_OBJECT_HANDLE priv = s.private_key(k);
    const Pkey ossl = openssl_private(k);
    Bytes msg(32, 0x42);
    Bytes sig(256);
    auto module = [&] {
        CK_ULONG len = sig.size();
        if (s.fn()->C_SignInit(s.session(), &mech, priv) != CKR_OK ||
            s.fn()->C_Sign(s.session(), msg.data(), msg.size(), sig.data(), &len) != CKR_OK) {
            ADD_FAILURE() << "C_Sign failed";
        }
    };
    auto evp = [&] {
        if (openssl_sign(ossl.get(), hash, msg, salt_len, hash).size() != 256) {
            ADD_FAILURE() << "EVP_DigestSign failed";
        }
    };
    // Interleaved rounds; the best of each side limits the noise of a shared machine.
    double best_module = 0, best_evp = 0;
    for (int round = 0; round < 5; ++round) {
        const double m = ops_per_second(module, 1.0);
        const double e = ops_per_second(evp, 1.0);
        std::printf("  round %d: C_Sign %.0f, EVP %.0f\n", round, m, e);
        best_module = std::max(best_module, m);
        best_evp = std::max(best_evp, e);
    }
    std::printf("%s: C_Sign %.0f ops per CPU second, EVP %.0f, ratio %.3f\n", label, best_module,
                best_evp, best_module / best_evp);
    ::testing::Test::RecordProperty(std::string(label) + "_c_sign_ops",
                                    static_cast<int>(best_module));
    ::testing::Test::RecordProperty(std::string(label) + "_evp_ops", static_cast<int>(best_evp));
}

TEST(RsaSpeedSlow, Sign2048Pkcs1VersusEvp) {
    compare({CKM_SHA256_RSA_PKCS, nullptr, 0}, CKM_SHA256, -1, "sha256-rsa-pkcs-2048");
}

TEST(RsaSpeedSlow, Sign2048PssVersusEvp) {
    static CK_RSA_PKCS_PSS_PARAMS p{CKM_SHA256, CKG_MGF1_SHA256, 32};
    compare({CKM_SHA256_RSA_PKCS_PSS, &p, sizeof p}, CKM_SHA256, 32, "sha256-rsa-pss-2048");
}

}  // namespace
}  // namespace craton::test::rsa
