// Concurrency stress: CRATON_STRESS_THREADS workers (16 by default) each run
// CRATON_STRESS_ITERATIONS rounds (40 by default, sized for ThreadSanitizer on two cores; `make
// stress` runs thousands at full speed) of mixed work on their own sessions: create/find/destroy,
// HMAC sign/verify, AES-GCM encrypt/decrypt and key generation. Beside them one thread logs the
// user in and out on its own session, and another calls C_CloseAllSessions every few hundred
// worker calls, so every worker's session can vanish under it; each worker waits halfway
// through until that has happened at least once.
//
// Every return code is checked. A call on a session that C_CloseAllSessions took away may fail
// with CKR_SESSION_HANDLE_INVALID or CKR_SESSION_CLOSED (the worker then opens a new session)
// and a key made in it with CKR_KEY_HANDLE_INVALID or CKR_OBJECT_HANDLE_INVALID; an operation
// step with CKR_OPERATION_NOT_INITIALIZED when a C_Logout ended it; anything else but CKR_OK is
// an error. When a round completes, its results must be right: the signature
// verifies, the ciphertext decrypts to the plaintext, the object is found exactly once.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

int env_count(const char* name, int fallback) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return fallback;
    const int value = std::atoi(text);
    return value > 0 ? value : fallback;
}

// What a call may return while C_CloseAllSessions runs concurrently.
bool session_gone(CK_RV rv) {
    return rv == CKR_SESSION_HANDLE_INVALID || rv == CKR_SESSION_CLOSED;
}
bool key_gone(CK_RV rv) {
    return session_gone(rv) || rv == CKR_KEY_HANDLE_INVALID || rv == CKR_OBJECT_HANDLE_INVALID;
}
// A step of an operation (C_Sign after C_SignInit, C_FindObjects after C_FindObjectsInit): the
// login thread's C_Logout ends every operation of the token's sessions (it may hold private
// keys), so the step can also find none.
bool step_gone(CK_RV rv) {
    return session_gone(rv) || rv == CKR_OPERATION_NOT_INITIALIZED;
}

// Collects unexpected results from every thread; the test fails on the first one recorded.
class Failures {
  public:
    void add(const std::string& what, CK_RV rv) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (messages_.size() < 20) messages_.push_back(what + ": " + rv_name(rv));
        ++count_;
    }
    int count() {
        std::lock_guard<std::mutex> lock(mutex_);
        return count_;
    }
    std::string summary() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::string out;
        for (const auto& m : messages_) out += m + "\n";
        return out;
    }

  private:
    std::mutex mutex_;
    std::vector<std::string> messages_;
    int count_ = 0;
};

class StressConcurrencyTest : public ModuleTest {};

// One worker's state: its session and the keys it generated in it (session objects, public,
// so they need no login and disappear with the session).
struct Worker {
    CK_FUNCTION_LIST_3_0* f;
    CK_SLOT_ID slot;
    int index;
    Failures& failures;
    std::atomic<long>& calls;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE aes = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE hmac = CK_INVALID_HANDLE;
    long rounds_completed = 0;

    // The return code, counted; an unexpected one is recorded as a failure.
    CK_RV call(const char* what, CK_RV rv, bool (*allowed)(CK_RV)) {
        calls.fetch_add(1, std::memory_order_relaxed);
        if (rv != CKR_OK && !allowed(rv)) failures.add(std::string(what), rv);
        return rv;
    }

    bool open() {
        const CK_RV rv =
            f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session);
        if (rv != CKR_OK) {
            failures.add("C_OpenSession", rv);
            return false;
        }
        aes = hmac = CK_INVALID_HANDLE;
        return true;
    }

    CK_RV keygen(CK_MECHANISM_TYPE mech, CK_ULONG bytes, CK_OBJECT_HANDLE* out) {
        Attrs t;
        t.boolean(CKA_TOKEN, false).boolean(CKA_PRIVATE, false).ulong(CKA_VALUE_LEN, bytes);
        if (mech == CKM_AES_KEY_GEN) {
            t.boolean(CKA_ENCRYPT, true).boolean(CKA_DECRYPT, true);
        } else {
            t.boolean(CKA_SIGN, true).boolean(CKA_VERIFY, true);
        }
        CK_MECHANISM m{mech, nullptr, 0};
        return call("C_GenerateKey", f->C_GenerateKey(session, &m, t.data(), t.count(), out),
                    session_gone);
    }

    // Create a data object, find it by its unique label (exactly once), destroy it.
    CK_RV objects(int round) {
        const std::string label = "stress-" + std::to_string(index) + "-" + std::to_string(round);
        Attrs a;
        a.ulong(CKA_CLASS, CKO_DATA).boolean(CKA_TOKEN, false).str(CKA_LABEL, label);
        CK_OBJECT_HANDLE h;
        CK_RV rv = call("C_CreateObject", f->C_CreateObject(session, a.data(), a.count(), &h),
                        session_gone);
        if (rv != CKR_OK) return rv;
        Attrs q;
        q.str(CKA_LABEL, label);
        rv = call("C_FindObjectsInit", f->C_FindObjectsInit(session, q.data(), q.count()),
                  session_gone);
        if (rv != CKR_OK) return rv;
        CK_OBJECT_HANDLE found[4];
        CK_ULONG n = 0;
        rv = call("C_FindObjects", f->C_FindObjects(session, found, 4, &n), step_gone);
        const CK_RV fin = call("C_FindObjectsFinal", f->C_FindObjectsFinal(session), step_gone);
        if (rv != CKR_OK) return rv;
        if (n != 1 || found[0] != h) failures.add("C_FindObjects found " + std::to_string(n), rv);
        if (fin != CKR_OK) return fin;
        return call("C_DestroyObject", f->C_DestroyObject(session, h), key_gone);
    }

    CK_RV sign_verify(int round) {
        if (hmac == CK_INVALID_HANDLE) {
            const CK_RV rv = keygen(CKM_GENERIC_SECRET_KEY_GEN, 32, &hmac);
            if (rv != CKR_OK) return rv;
        }
        CK_BYTE data[48];
        std::memset(data, index ^ round, sizeof data);
        CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
        CK_BYTE mac[32];
        CK_ULONG mac_len = sizeof mac;
        CK_RV rv = call("C_SignInit", f->C_SignInit(session, &m, hmac), key_gone);
        if (rv == CKR_OK)
            rv = call("C_Sign", f->C_Sign(session, data, sizeof data, mac, &mac_len), step_gone);
        if (rv == CKR_OK) rv = call("C_VerifyInit", f->C_VerifyInit(session, &m, hmac), key_gone);
        if (rv == CKR_OK) {
            // CKR_SIGNATURE_INVALID is not allowed: a MAC the module just made must verify.
            rv = call("C_Verify", f->C_Verify(session, data, sizeof data, mac, mac_len), step_gone);
        }
        return rv;
    }

    CK_RV encrypt_decrypt(int round) {
        if (aes == CK_INVALID_HANDLE) {
            const CK_RV rv = keygen(CKM_AES_KEY_GEN, 32, &aes);
            if (rv != CKR_OK) return rv;
        }
        CK_BYTE iv[12] = {};
        iv[0] = static_cast<CK_BYTE>(round);
        CK_GCM_PARAMS gcm{iv, sizeof iv, 96, nullptr, 0, 128};
        CK_MECHANISM m{CKM_AES_GCM, &gcm, sizeof gcm};
        CK_BYTE plain[40];
        std::memset(plain, 0x5a ^ index ^ round, sizeof plain);
        CK_BYTE sealed[sizeof plain + 16];
        CK_ULONG sealed_len = sizeof sealed;
        CK_RV rv = call("C_EncryptInit", f->C_EncryptInit(session, &m, aes), key_gone);
        if (rv == CKR_OK) {
            rv = call("C_Encrypt", f->C_Encrypt(session, plain, sizeof plain, sealed, &sealed_len),
                      step_gone);
        }
        if (rv == CKR_OK) rv = call("C_DecryptInit", f->C_DecryptInit(session, &m, aes), key_gone);
        CK_BYTE opened[sizeof sealed];
        CK_ULONG opened_len = sizeof opened;
        if (rv == CKR_OK) {
            rv = call("C_Decrypt", f->C_Decrypt(session, sealed, sealed_len, opened, &opened_len),
                      step_gone);
        }
        if (rv == CKR_OK &&
            (opened_len != sizeof plain || std::memcmp(opened, plain, sizeof plain) != 0)) {
            failures.add("AES-GCM round trip changed the data", rv);
        }
        return rv;
    }

    CK_RV fresh_key() {
        CK_OBJECT_HANDLE key;
        CK_RV rv = keygen(CKM_AES_KEY_GEN, 16, &key);
        if (rv == CKR_OK) rv = call("C_DestroyObject", f->C_DestroyObject(session, key), key_gone);
        return rv;
    }

    // `halfway` runs once, in the middle: it waits until the session has been closed under
    // this worker at least once, so every run really races (a fast machine could otherwise
    // finish before the closer thread is first scheduled).
    template <class Halfway>
    void run(int iterations, Halfway&& halfway) {
        if (!open()) return;
        for (int round = 0; round < iterations; ++round) {
            if (round == iterations / 2) halfway();
            CK_RV rv = CKR_OK;
            switch ((index + round) % 4) {
                case 0:
                    rv = objects(round);
                    break;
                case 1:
                    rv = sign_verify(round);
                    break;
                case 2:
                    rv = encrypt_decrypt(round);
                    break;
                default:
                    rv = fresh_key();
                    break;
            }
            if (rv == CKR_OK) {
                ++rounds_completed;
            } else if (key_gone(rv)) {
                // C_CloseAllSessions took the session (and its keys): start over in a new one.
                // A failed close is expected for the same reason.
                (void)f->C_CloseSession(session);
                if (!open()) return;
            }
        }
        (void)f->C_CloseSession(session);
    }
};

TEST_F(StressConcurrencyTest, MixedOperationsWhileSessionsAreClosed) {
    const int threads = env_count("CRATON_STRESS_THREADS", 16);
    const int iterations = env_count("CRATON_STRESS_ITERATIONS", 40);
    const CK_SLOT_ID slot = ready_token();
    Failures failures;
    std::atomic<long> calls{0};
    std::atomic<int> running{threads};

    // Logs the user in and out on its own session; C_CloseAllSessions may log it out or close
    // that session first, so each of those outcomes is allowed.
    std::atomic<long> logins{0};
    std::thread login_thread([&] {
        CK_FUNCTION_LIST_3_0* f = p11();
        while (running.load() > 0) {
            CK_SESSION_HANDLE s;
            CK_RV rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s);
            if (rv != CKR_OK) {
                failures.add("login thread C_OpenSession", rv);
                return;
            }
            rv = f->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin));
            if (rv == CKR_OK) {
                ++logins;
            } else if (!session_gone(rv) && rv != CKR_USER_ALREADY_LOGGED_IN) {
                failures.add("C_Login", rv);
            }
            rv = f->C_Logout(s);
            if (rv != CKR_OK && !session_gone(rv) && rv != CKR_USER_NOT_LOGGED_IN) {
                failures.add("C_Logout", rv);
            }
            rv = f->C_CloseSession(s);
            if (rv != CKR_OK && !session_gone(rv)) failures.add("C_CloseSession", rv);
        }
    });

    // Closes every session of the slot each time the workers have made another 300 calls:
    // paced by progress, not by the clock, so a slow (TSan) run sees as many closes per call.
    std::atomic<long> closes{0};
    std::thread closer([&] {
        long next = 300;
        while (running.load() > 0) {
            if (calls.load() < next) {
                std::this_thread::yield();
                continue;
            }
            const CK_RV rv = p11()->C_CloseAllSessions(slot);
            if (rv != CKR_OK) failures.add("C_CloseAllSessions", rv);
            ++closes;
            next += 300;
        }
    });

    std::vector<Worker> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) workers.push_back(Worker{p11(), slot, i, failures, calls});
    std::vector<std::thread> pool;
    for (auto& w : workers) {
        pool.emplace_back([&w, &running, &closes, &logins, iterations] {
            w.run(iterations, [&] {
                while (closes.load() == 0 || logins.load() == 0) std::this_thread::yield();
            });
            --running;
        });
    }
    for (auto& t : pool) t.join();
    closer.join();
    login_thread.join();

    EXPECT_EQ(failures.count(), 0) << failures.summary();
    long completed = 0;
    for (const auto& w : workers) completed += w.rounds_completed;
    // The run must have done real work and really raced against the closer (otherwise it
    // proves nothing): most rounds complete, and sessions were closed under the workers.
    EXPECT_GT(completed, static_cast<long>(threads) * iterations / 2);
    EXPECT_GT(closes.load(), 0) << calls.load() << " calls, " << completed << " rounds";
    EXPECT_GT(logins.load(), 0);
    // Afterwards the token is usable and holds no session: the last close or each worker's
    // own C_CloseSession removed them all, and with them every session object (none may
    // survive because it was created while its session was being closed).
    CK_SESSION_HANDLE after = open(slot, true);
    Attrs session_objects;
    session_objects.boolean(CKA_TOKEN, false);
    EXPECT_EQ(find_all(after, session_objects).size(), 0u);
    login_user(after);
    EXPECT_EQ(token_info(slot).ulSessionCount, 1u);
}

}  // namespace
}  // namespace craton::abitest
