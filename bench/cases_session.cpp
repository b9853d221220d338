// Object search among 10,000 objects, login, and session open/close.
#include <cstdio>

#include "bench_cases.h"

namespace craton::bench {
namespace {

CK_FUNCTION_LIST* fn() {
    return Env::get().fn();
}

constexpr int kObjects = 10000;

std::string label_of(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "bench-find-%05d", i);
    return buf;
}

// 10,000 public session data objects with distinct labels.
CK_RV make_objects(Env::Handles&) {
    const CK_SESSION_HANDLE s = Env::get().session();
    for (int i = 0; i < kObjects; ++i) {
        Attrs a;
        a.add_ulong(CKA_CLASS, CKO_DATA)
            .add_bool(CKA_TOKEN, false)
            .add_bool(CKA_PRIVATE, false)
            .add_string(CKA_LABEL, label_of(i))
            .add(CKA_VALUE, pattern(16, static_cast<std::uint8_t>(i)));
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        const CK_RV rv = fn()->C_CreateObject(s, a.data(), a.size(), &h);
        if (rv != CKR_OK) return rv;
    }
    return CKR_OK;
}

void find_object(benchmark::State& state) {
    Env::Handles none;
    if (!check(state, Env::get().once("find-objects", make_objects, none), "C_CreateObject")) {
        return;
    }
    const CK_SESSION_HANDLE s = Env::get().session();
    int next = 0;
    for (auto _ : state) {
        next = (next + 7919) % kObjects;
        Attrs tmpl;
        tmpl.add_ulong(CKA_CLASS, CKO_DATA).add_string(CKA_LABEL, label_of(next));
        CK_OBJECT_HANDLE found[2];
        CK_ULONG n = 0;
        CK_RV rv = fn()->C_FindObjectsInit(s, tmpl.data(), tmpl.size());
        if (rv == CKR_OK) rv = fn()->C_FindObjects(s, found, 2, &n);
        if (rv == CKR_OK) rv = fn()->C_FindObjectsFinal(s);
        if (!check(state, rv, "C_FindObjects")) break;
        if (n != 1) {
            state.SkipWithError(("failed: found " + std::to_string(n) + " objects, not 1").c_str());
            break;
        }
    }
    report(state);
}

// C_CreateObject of a small public token object: with [storage] mode = "persistent" this is
// one LMDB commit (scripts/bench-store-audit runs it that way); in memory, the object table.
// The objects stay until the process ends.
void token_object_create(benchmark::State& state) {
    const CK_SESSION_HANDLE s = Env::get().session();
    int n = 0;
    for (auto _ : state) {
        ++n;
        Attrs a;
        a.add_ulong(CKA_CLASS, CKO_DATA)
            .add_bool(CKA_TOKEN, true)
            .add_bool(CKA_PRIVATE, false)
            .add_string(CKA_LABEL, "bench-token-object-" + std::to_string(n))
            .add(CKA_VALUE, pattern(64, static_cast<std::uint8_t>(n)));
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        if (!check(state, fn()->C_CreateObject(s, a.data(), a.size(), &h), "C_CreateObject")) {
            break;
        }
    }
    report(state);
}

// Logging out and in again: the PIN check (a deliberately slow KDF in both modules) dominates.
void login_logout(benchmark::State& state) {
    auto& env = Env::get();
    const std::string& pin = env.options().user_pin;
    auto* pin_ptr = reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(pin.data()));
    for (auto _ : state) {
        CK_RV rv = fn()->C_Logout(env.session());
        if (rv == CKR_OK) rv = fn()->C_Login(env.session(), CKU_USER, pin_ptr, pin.size());
        if (!check(state, rv, "C_Login")) break;
    }
    report(state);
}

void open_close_session(benchmark::State& state) {
    auto& env = Env::get();
    for (auto _ : state) {
        CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
        CK_RV rv = fn()->C_OpenSession(env.slot(), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                       nullptr, &h);
        if (rv == CKR_OK) rv = fn()->C_CloseSession(h);
        if (!check(state, rv, "C_OpenSession/C_CloseSession")) break;
    }
    report(state);
}

}  // namespace

void register_session_cases() {
    add("find_object/10000", find_object);
    add("open_close_session", open_close_session);
    add("token_object_create", token_object_create);
    // Last: a failing login would leave the later cases without a user session.
    add("login_logout", login_logout);
}

}  // namespace craton::bench
