#include "core/library.h"

#include <pthread.h>
#include <sys/prctl.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <new>
#include <shared_mutex>

#include "audit/audit_log.h"
#include "config/config.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/log.h"
#include "core/secure_bytes.h"
#include "selftest/module_state.h"
#include "selftest/power_on.h"
#include "store/kv_store.h"

namespace craton {
namespace {

struct AppMutex {
    CK_CREATEMUTEX create = nullptr;
    CK_DESTROYMUTEX destroy = nullptr;
    CK_LOCKMUTEX lock = nullptr;
    CK_UNLOCKMUTEX unlock = nullptr;
    CK_VOID_PTR mutex = nullptr;
};

// Storage for the gate is raw so a forked child can construct a fresh one over it: a lock
// held by a parent thread at fork time would otherwise stay held forever in the child.
alignas(std::shared_mutex) unsigned char g_gate_storage[sizeof(std::shared_mutex)];
std::shared_mutex* g_gate = new (g_gate_storage) std::shared_mutex;
// Writer preference for the gate. std::shared_mutex (a glibc rwlock) prefers readers, so a
// steady stream of calls on other threads kept C_Finalize waiting for as long as they ran.
// While C_Initialize or C_Finalize waits, calls that have not yet entered queue on the
// turnstile instead of joining the readers; calls already inside finish, then it runs.
alignas(std::mutex) unsigned char g_turnstile_storage[sizeof(std::mutex)];
std::mutex* g_turnstile = new (g_turnstile_storage) std::mutex;
std::atomic<bool> g_exclusive_waiting{false};

struct ExclusiveWaiting {
    ExclusiveWaiting() { g_exclusive_waiting.store(true); }
    ~ExclusiveWaiting() { g_exclusive_waiting.store(false); }
    ExclusiveWaiting(const ExclusiveWaiting&) = delete;
    ExclusiveWaiting& operator=(const ExclusiveWaiting&) = delete;
};
Hsm* g_hsm = nullptr;
AppMutex g_app;
std::atomic<unsigned> g_fork_generation{0};
unsigned g_init_generation = 0;

void on_fork_child() {
    g_fork_generation.fetch_add(1);
    g_gate = new (g_gate_storage) std::shared_mutex;
    g_turnstile = new (g_turnstile_storage) std::mutex;
    g_exclusive_waiting.store(false);
    // The parent's state is unusable here (its other threads are gone mid-call); it is
    // abandoned rather than destroyed, and the child starts afresh at C_Initialize.
    g_hsm = nullptr;
    g_app = AppMutex{};
}

void register_fork_handler() {
    static const int once = pthread_atfork(nullptr, nullptr, on_fork_child);
    (void)once;
}

log::Level parse_level(const std::string& s) {
    if (s == "error") return log::Level::Error;
    if (s == "info") return log::Level::Info;
    if (s == "debug") return log::Level::Debug;
    return log::Level::Warn;
}

// A failed power-on self-test leaves no Hsm to own the log, so the record is written through a
// log opened for just this record (if one is configured and can be opened).
void record_self_test(const audit::AuditConfig& config, CK_RV rv) noexcept {
    if (config.path.empty()) return;
    try {
        audit::AuditLog trail(config);
        trail.append({.op = "self_test", .rv = rv, .detail = "power-on self-test failed"});
    } catch (const std::exception& e) {
        log::error(std::string("self-test failure not audited: ") + e.what());
    }
}

}  // namespace

void Library::initialize(const CK_C_INITIALIZE_ARGS* args) {
    // A module that failed a self-test stays failed until the process ends: no argument check,
    // configuration or second chance at the self-tests.
    selftest::require_not_error();
    register_fork_handler();
    AppMutex app;
    if (args != nullptr) {
        if (args->pReserved != nullptr) fail(CKR_ARGUMENTS_BAD);
        const int given = (args->CreateMutex != nullptr) + (args->DestroyMutex != nullptr) +
                          (args->LockMutex != nullptr) + (args->UnlockMutex != nullptr);
        if (given != 0 && given != 4) fail(CKR_ARGUMENTS_BAD);
        // With callbacks but no permission to use OS primitives, the application's own mutex
        // must guard us.
        if (given == 4 && (args->flags & CKF_OS_LOCKING_OK) == 0) {
            app = {args->CreateMutex, args->DestroyMutex, args->LockMutex, args->UnlockMutex,
                   nullptr};
        }
    }

    std::lock_guard turn(*g_turnstile);
    const ExclusiveWaiting announce;
    std::unique_lock gate(*g_gate);
    if (g_hsm != nullptr) fail(CKR_CRYPTOKI_ALREADY_INITIALIZED);

    config::Config cfg;
    try {
        cfg = config::load_default_config();
    } catch (const config::ConfigError& e) {
        log::error(std::string("configuration rejected: ") + e.what());
        fail(CKR_GENERAL_ERROR);
    }
    // The audit log's writer thread is the module's only thread; without permission to create
    // one, every record is written by the call that makes it.
    if (args != nullptr && (args->flags & CKF_LIBRARY_CANT_CREATE_OS_THREADS) != 0) {
        cfg.audit.deferred = false;
    }
    log::configure(parse_level(cfg.log_level), cfg.log_file);
    // Integrity test and every KAT before any service; failure latches the error state.
    try {
        selftest::power_on();
    } catch (const Pkcs11Error& e) {
        record_self_test(cfg.audit, e.rv());
        throw;
    }
    // Anything failing from here on is not a self-test failure: the module powers off again
    // (through UserMode and Zeroization, the only way the state machine allows).
    struct PowerOffUnlessDone {
        bool done = false;
        ~PowerOffUnlessDone() {
            if (done || selftest::in_error_state()) return;
            try {
                selftest::transition(selftest::State::UserMode);
                selftest::transition(selftest::State::Zeroization);
                selftest::transition(selftest::State::PowerOff);
            } catch (...) {
                // transition() has latched the error state; nothing may escape a destructor.
            }
        }
    } power_guard;
    if (cfg.disable_core_dumps && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        log::warn("PR_SET_DUMPABLE could not be cleared; core dumps stay possible");
    }
    if (cfg.secure_heap_bytes != 0 && !secure_heap_init(cfg.secure_heap_bytes)) {
        log::warn("locked memory unavailable (RLIMIT_MEMLOCK?); keys use wiped ordinary memory");
    }

    if (app.create != nullptr) {
        const CK_RV rv = app.create(&app.mutex);
        if (rv != CKR_OK) fail(rv);
    }
    std::unique_ptr<Hsm> hsm;
    try {
        hsm = std::make_unique<Hsm>(std::move(cfg));
    } catch (const store::StoreError& e) {
        log::error(std::string("token store cannot be opened: ") + e.what());
        if (app.destroy != nullptr && app.mutex != nullptr) app.destroy(app.mutex);
        fail(CKR_GENERAL_ERROR);
    } catch (const audit::AuditError& e) {
        // No service without its audit trail when one is configured.
        log::error(std::string("audit log cannot be opened: ") + e.what());
        if (app.destroy != nullptr && app.mutex != nullptr) app.destroy(app.mutex);
        fail(CKR_GENERAL_ERROR);
    }
    if (audit::AuditLog* trail = hsm->audit_log()) {
        const auto report = selftest::last_report();
        trail->append_noexcept({.op = "self_test",
                                .rv = CKR_OK,
                                .detail = std::to_string(report.kats.size()) + " KATs" +
                                          (report.integrity_checked ? " + integrity" : "") +
                                          " passed"});
        trail->append_noexcept({.op = "C_Initialize", .rv = CKR_OK});
    }
    g_app = app;
    g_init_generation = g_fork_generation.load();
    g_hsm = hsm.release();
    fips::set_approved_only(g_hsm->config().fips_approved_only);
    selftest::transition(selftest::State::UserMode);
    power_guard.done = true;
    log::info("initialised");
}

void Library::finalize() {
    std::lock_guard turn(*g_turnstile);
    const ExclusiveWaiting announce;
    std::unique_lock gate(*g_gate);
    const bool failed = selftest::in_error_state();
    if (g_hsm == nullptr || g_init_generation != g_fork_generation.load()) {
        fail(failed ? CKR_GENERAL_ERROR : CKR_CRYPTOKI_NOT_INITIALIZED);
    }
    // Zeroization: sessions, objects and unwrapped keys are wiped with the Hsm, also (and
    // especially) after a failure; the error latch itself survives.
    if (audit::AuditLog* trail = g_hsm->audit_log()) {
        trail->append_noexcept({.op = "C_Finalize", .rv = failed ? CKR_GENERAL_ERROR : CKR_OK});
    }
    selftest::transition(selftest::State::Zeroization);
    delete g_hsm;
    g_hsm = nullptr;
    fips::set_approved_only(false);
    if (g_app.destroy != nullptr && g_app.mutex != nullptr) g_app.destroy(g_app.mutex);
    g_app = AppMutex{};
    selftest::transition(selftest::State::PowerOff);
    log::info("finalised");
    if (failed) fail(CKR_GENERAL_ERROR);
}

Library::Entry::Entry() : hsm(nullptr) {
    // The error state bites before anything else, initialised or not.
    selftest::require_not_error();
    if (g_exclusive_waiting.load()) {
        // Wait behind C_Initialize/C_Finalize rather than overtake it.
        std::lock_guard turn(*g_turnstile);
    }
    g_gate->lock_shared();
    if (g_hsm == nullptr || g_init_generation != g_fork_generation.load()) {
        g_gate->unlock_shared();
        fail(CKR_CRYPTOKI_NOT_INITIALIZED);
    }
    if (g_app.lock != nullptr) {
        if (g_app.lock(g_app.mutex) != CKR_OK) {
            g_gate->unlock_shared();
            fail(CKR_CANT_LOCK);
        }
        app_locked = true;
    }
    hsm = g_hsm;
}

Library::Entry::~Entry() {
    if (app_locked) g_app.unlock(g_app.mutex);
    g_gate->unlock_shared();
}

}  // namespace craton
