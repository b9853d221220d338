// Load test of the remote module (run by with_daemon.sh): CLIENTS threads, each with its own
// session and its own ECDSA P-256 key pair, each make SIGNS signatures (CKM_ECDSA over a
// SHA-256 digest of a message unique to the thread and the iteration), all at once.
//
//   remote_load_test CLIENTS SIGNS [--expect-refusals]
//
// Every signature is verified with OpenSSL against the public key read back through the module
// (CKA_EC_POINT), so a reply carrying a wrong or another client's signature fails the run as
// surely as a non-CKR_OK return. The clients are threads of one process sharing the module's
// one gRPC channel (one HTTP/2 connection; each call is a stream of it), all with client
// identity "a": that is the case the daemon's per-client limit (max_calls_per_client) counts.
// Exit status 0 only if every call returned CKR_OK and every signature verified; the summary
// line gives the aggregate signing rate for the record, not as an assertion.
//
// --expect-refusals is for a daemon whose max_calls_per_client is below CLIENTS: a call the
// daemon refuses for the limit (CKR_DEVICE_MEMORY, from gRPC RESOURCE_EXHAUSTED) is counted
// and sent again, as an application would, and the run passes only if there was at least one
// such refusal and otherwise everything succeeded. A refused call never reached the module,
// so sending it again (C_Sign after its C_SignInit went through) is correct.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/sha.h>

#include "remote_fixture.h"

namespace {

using craton::test::kSoPin;
using craton::test::kUserPin;
using craton::test::pin;
using craton::test::pin_len;
using Bytes = std::vector<unsigned char>;

CK_FUNCTION_LIST_3_0* f = nullptr;
std::mutex report_mutex;
bool expect_refusals = false;

// Runs one call; with --expect-refusals, again while the daemon refuses it for the limit
// (bounded, so a daemon that always refuses fails the run instead of hanging it).
template <class Call>
CK_RV attempt(Call&& call, unsigned& refusals) {
    CK_RV rv = call();
    for (int tries = 0; expect_refusals && rv == CKR_DEVICE_MEMORY && tries < 100000; ++tries) {
        ++refusals;
        std::this_thread::yield();
        rv = call();
    }
    return rv;
}

// One line per failure, at most a few per thread, so a broken daemon does not flood the log.
void report(unsigned client, const char* what, CK_RV rv, unsigned iteration) {
    std::lock_guard lock(report_mutex);
    std::fprintf(stderr, "client %u, sign %u: %s -> rv 0x%lx\n", client, iteration, what, rv);
}

// Initialises the token on first use (the daemon starts with an in-memory one) and sets the
// user PIN; the daemon's login state is per token, so one login serves every client thread.
CK_RV prepare_token(CK_SLOT_ID& slot) {
    CK_ULONG count = 1;
    CK_RV rv = f->C_GetSlotList(CK_TRUE, &slot, &count);
    if (rv != CKR_OK) return rv;
    if (count == 0) return CKR_TOKEN_NOT_PRESENT;
    CK_TOKEN_INFO info{};
    if ((rv = f->C_GetTokenInfo(slot, &info)) != CKR_OK) return rv;
    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    if ((info.flags & CKF_TOKEN_INITIALIZED) == 0) {
        CK_UTF8CHAR label[32];
        std::memset(label, ' ', sizeof label);
        std::memcpy(label, "remote-load", 11);
        if ((rv = f->C_InitToken(slot, pin(kSoPin), pin_len(kSoPin), label)) != CKR_OK) return rv;
        rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s);
        if (rv != CKR_OK) return rv;
        rv = f->C_Login(s, CKU_SO, pin(kSoPin), pin_len(kSoPin));
        if (rv == CKR_OK) rv = f->C_InitPIN(s, pin(kUserPin), pin_len(kUserPin));
        if (rv == CKR_OK) rv = f->C_Logout(s);
        f->C_CloseSession(s);
        if (rv != CKR_OK) return rv;
    }
    return CKR_OK;
}

// The public key as OpenSSL wants it, from the DER OCTET STRING of CKA_EC_POINT.
EVP_PKEY* public_key(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE pub, unsigned& refusals) {
    Bytes der(128);
    CK_ATTRIBUTE a{CKA_EC_POINT, der.data(), static_cast<CK_ULONG>(der.size())};
    if (attempt([&] { return f->C_GetAttributeValue(s, pub, &a, 1); }, refusals) != CKR_OK)
        return nullptr;
    // 0x04 <len 65> <0x04 X Y>: an uncompressed P-256 point inside its OCTET STRING.
    if (a.ulValueLen != 67 || der[0] != 0x04 || der[1] != 65) return nullptr;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                         const_cast<char*>("prime256v1"), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, der.data() + 2, 65),
        OSSL_PARAM_construct_end()};
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        key = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    return key;
}

// PKCS#11 gives r || s; OpenSSL verifies the DER SEQUENCE of two INTEGERs.
bool verifies(EVP_PKEY_CTX* verify, const unsigned char* digest, const Bytes& rs) {
    if (rs.size() != 64) return false;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    if (sig == nullptr) return false;
    BIGNUM* r = BN_bin2bn(rs.data(), 32, nullptr);
    BIGNUM* s = BN_bin2bn(rs.data() + 32, 32, nullptr);
    if (r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return false;
    }
    unsigned char* der = nullptr;
    const int der_len = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (der_len <= 0) return false;
    const bool ok = EVP_PKEY_verify(verify, der, static_cast<std::size_t>(der_len), digest,
                                    SHA256_DIGEST_LENGTH) == 1;
    OPENSSL_free(der);
    return ok;
}

struct Result {
    unsigned signed_ok = 0;
    unsigned failures = 0;
    unsigned refusals = 0;
};

void client(unsigned id, CK_SLOT_ID slot, unsigned signs, std::atomic<unsigned>& ready,
            const std::atomic<bool>& go, Result& out) {
    auto fail = [&](const char* what, CK_RV rv, unsigned i) {
        if (++out.failures <= 3) report(id, what, rv, i);
    };
    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    CK_RV rv = attempt(
        [&] {
            return f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                    &s);
        },
        out.refusals);
    if (rv != CKR_OK) {
        fail("C_OpenSession", rv, 0);
        ready.fetch_add(1);
        return;
    }
    // Session objects of this thread's session: no two clients share a key.
    CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    static const CK_BYTE p256_oid[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub_t[] = {{CKA_EC_PARAMS, const_cast<CK_BYTE*>(p256_oid), sizeof p256_oid},
                            {CKA_VERIFY, &yes, sizeof yes}};
    CK_ATTRIBUTE priv_t[] = {{CKA_SIGN, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes}};
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE, priv = CK_INVALID_HANDLE;
    rv = attempt([&] { return f->C_GenerateKeyPair(s, &gen, pub_t, 2, priv_t, 2, &pub, &priv); },
                 out.refusals);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        rv == CKR_OK ? public_key(s, pub, out.refusals) : nullptr, EVP_PKEY_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> verify(
        key ? EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr) : nullptr, EVP_PKEY_CTX_free);
    ready.fetch_add(1);
    if (rv != CKR_OK || !verify || EVP_PKEY_verify_init(verify.get()) != 1) {
        fail(rv != CKR_OK ? "C_GenerateKeyPair" : "public key from CKA_EC_POINT", rv, 0);
        attempt([&] { return f->C_CloseSession(s); }, out.refusals);
        return;
    }
    // Every client starts signing at the same moment, so the calls really overlap.
    while (!go.load()) std::this_thread::yield();

    CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
    for (unsigned i = 0; i < signs; ++i) {
        const std::string message =
            "client " + std::to_string(id) + " message " + std::to_string(i);
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest);
        Bytes sig(72);
        CK_ULONG len = static_cast<CK_ULONG>(sig.size());
        if ((rv = attempt([&] { return f->C_SignInit(s, &ecdsa, priv); }, out.refusals)) !=
            CKR_OK) {
            fail("C_SignInit", rv, i);
            continue;
        }
        rv = attempt([&] { return f->C_Sign(s, digest, sizeof digest, sig.data(), &len); },
                     out.refusals);
        if (rv != CKR_OK) {
            fail("C_Sign", rv, i);
            continue;
        }
        sig.resize(len);
        if (!verifies(verify.get(), digest, sig)) {
            fail("signature does not verify", CKR_OK, i);
            continue;
        }
        ++out.signed_ok;
    }
    if ((rv = attempt([&] { return f->C_CloseSession(s); }, out.refusals)) != CKR_OK)
        fail("C_CloseSession", rv, signs);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 4 && std::strcmp(argv[3], "--expect-refusals") == 0)) {
        std::fprintf(stderr, "usage: %s CLIENTS SIGNS [--expect-refusals]\n", argv[0]);
        return 2;
    }
    expect_refusals = argc == 4;
    const unsigned clients = static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10));
    const unsigned signs = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
    if (clients == 0 || signs == 0) return 2;
    if (craton::test::remote_test_dir().empty()) {
        std::fprintf(stderr, "run through tests/remote/with_daemon.sh\n");
        return 2;
    }
    craton::test::RemoteModule module;
    f = module.fn();
    if (f == nullptr) {
        std::fprintf(stderr, "cannot load %s\n", CRATON_REMOTE_MODULE_PATH);
        return 1;
    }
    craton::test::use_client("a");
    CK_RV rv = f->C_Initialize(nullptr);
    CK_SLOT_ID slot = 0;
    if (rv == CKR_OK) rv = prepare_token(slot);
    CK_SESSION_HANDLE login_session = CK_INVALID_HANDLE;
    if (rv == CKR_OK)
        rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &login_session);
    if (rv == CKR_OK) rv = f->C_Login(login_session, CKU_USER, pin(kUserPin), pin_len(kUserPin));
    if (rv != CKR_OK) {
        std::fprintf(stderr, "setting up the token failed: rv 0x%lx\n", rv);
        return 1;
    }

    std::vector<Result> results(clients);
    std::vector<std::thread> threads;
    std::atomic<unsigned> ready{0};
    std::atomic<bool> go{false};
    for (unsigned c = 0; c < clients; ++c)
        threads.emplace_back(client, c, slot, signs, std::ref(ready), std::cref(go),
                             std::ref(results[c]));
    while (ready.load() < clients) std::this_thread::yield();
    const auto start = std::chrono::steady_clock::now();
    go.store(true);
    for (auto& t : threads) t.join();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    unsigned ok = 0, failures = 0, refusals = 0;
    for (const Result& r : results) {
        ok += r.signed_ok;
        failures += r.failures;
        refusals += r.refusals;
    }
    const bool finalized = f->C_Finalize(nullptr) == CKR_OK;
    const unsigned expected = clients * signs;
    std::printf(
        "%u clients x %u signs: %u verified signatures, %u failures, %u calls refused for the "
        "per-client limit, %.2f s, %.0f signs/s\n",
        clients, signs, ok, failures, refusals, seconds, ok / seconds);
    if (!finalized) std::printf("C_Finalize failed\n");
    if (expect_refusals && refusals == 0) std::printf("expected refusals, saw none\n");
    const bool refusals_as_expected = !expect_refusals || refusals > 0;
    return ok == expected && failures == 0 && finalized && refusals_as_expected ? 0 : 1;
}
