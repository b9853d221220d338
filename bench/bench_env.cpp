#include "bench_env.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace craton::bench {
namespace {

std::string trimmed(const unsigned char* p, std::size_t n) {
    std::string s(reinterpret_cast<const char*>(p), n);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

void ok(CK_RV rv, const char* call) {
    if (rv != CKR_OK) throw std::runtime_error(std::string(call) + ": " + rv_name(rv));
}

CK_UTF8CHAR_PTR utf8(const std::string& s) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(s.data()));
}

}  // namespace

Env& Env::get() {
    static Env env;
    return env;
}

void Env::open(const Options& options) {
    options_ = options;
    library_ = dlopen(options.module.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library_, "C_GetFunctionList"));
    if (get_list == nullptr) throw std::runtime_error("C_GetFunctionList missing");
    ok(get_list(&fn_), "C_GetFunctionList");

    // Both modules are asked to use OS locking: the threaded cases need it.
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    ok(fn_->C_Initialize(&args), "C_Initialize");

    // The token with our label if one is initialised; otherwise initialise a free one.
    auto find_token = [&](bool initialised, CK_SLOT_ID& found) {
        CK_ULONG n = 0;
        ok(fn_->C_GetSlotList(CK_TRUE, nullptr, &n), "C_GetSlotList");
        std::vector<CK_SLOT_ID> slots(n);
        ok(fn_->C_GetSlotList(CK_TRUE, slots.data(), &n), "C_GetSlotList");
        for (CK_ULONG i = 0; i < n; ++i) {
            CK_TOKEN_INFO info{};
            if (fn_->C_GetTokenInfo(slots[i], &info) != CKR_OK) continue;
            const bool is_init = (info.flags & CKF_TOKEN_INITIALIZED) != 0;
            if (initialised && is_init &&
                trimmed(info.label, sizeof info.label) == options_.token_label) {
                found = slots[i];
                return true;
            }
            if (!initialised && !is_init) {
                found = slots[i];
                return true;
            }
        }
        return false;
    };
    if (!find_token(true, slot_)) {
        CK_SLOT_ID free_slot = 0;
        if (!find_token(false, free_slot)) throw std::runtime_error("no free token to initialise");
        CK_UTF8CHAR label[32];
        std::memset(label, ' ', sizeof label);
        std::memcpy(label, options_.token_label.data(),
                    std::min(sizeof label, options_.token_label.size()));
        ok(fn_->C_InitToken(free_slot, utf8(options_.so_pin), options_.so_pin.size(), label),
           "C_InitToken");
        // SoftHSMv2 moves an initialised token to a new slot id, so look it up again.
        if (!find_token(true, slot_)) throw std::runtime_error("initialised token not found");
        CK_SESSION_HANDLE so = CK_INVALID_HANDLE;
        ok(fn_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &so),
           "C_OpenSession");
        ok(fn_->C_Login(so, CKU_SO, utf8(options_.so_pin), options_.so_pin.size()), "C_Login(SO)");
        ok(fn_->C_InitPIN(so, utf8(options_.user_pin), options_.user_pin.size()), "C_InitPIN");
        fn_->C_Logout(so);
        fn_->C_CloseSession(so);
    }
    ok(fn_->C_OpenSession(slot_, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session_),
       "C_OpenSession");
    ok(fn_->C_Login(session_, CKU_USER, utf8(options_.user_pin), options_.user_pin.size()),
       "C_Login");
}

void Env::close() {
    if (fn_ != nullptr) fn_->C_Finalize(nullptr);
    fn_ = nullptr;
    // The library stays mapped: benchmark's own exit path may still hold pointers into it.
}

std::string Env::description() const {
    CK_INFO info{};
    if (fn_ == nullptr || fn_->C_GetInfo(&info) != CKR_OK) return "unknown module";
    return trimmed(info.manufacturerID, sizeof info.manufacturerID) + " / " +
           trimmed(info.libraryDescription, sizeof info.libraryDescription) + " " +
           std::to_string(info.libraryVersion.major) + "." +
           std::to_string(info.libraryVersion.minor);
}

bool Env::has(CK_MECHANISM_TYPE mechanism, CK_FLAGS flags) const {
    CK_MECHANISM_INFO info{};
    if (fn_->C_GetMechanismInfo(slot_, mechanism, &info) != CKR_OK) return false;
    return (info.flags & flags) == flags;
}

CK_RV Env::once(const std::string& name, const std::function<CK_RV(Handles&)>& make, Handles& out) {
    std::lock_guard lock(mutex_);
    auto it = made_.find(name);
    if (it == made_.end()) {
        Handles h;
        const CK_RV rv = make(h);
        it = made_.emplace(name, std::make_pair(rv, h)).first;
    }
    out = it->second.second;
    return it->second.first;
}

bool require(benchmark::State& state, CK_MECHANISM_TYPE mechanism, CK_FLAGS flags) {
    if (Env::get().has(mechanism, flags)) return true;
    state.SkipWithError(
        (std::string("skipped: ") + mechanism_name(mechanism) + " not supported by this module")
            .c_str());
    return false;
}

bool check(benchmark::State& state, CK_RV rv, const char* call) {
    if (rv == CKR_OK) return true;
    // A module that lists a mechanism but refuses it at init time lacks it in practice.
    const bool missing = rv == CKR_MECHANISM_INVALID || rv == CKR_FUNCTION_NOT_SUPPORTED;
    state.SkipWithError(
        (std::string(missing ? "skipped: " : "failed: ") + call + " " + rv_name(rv)).c_str());
    return false;
}

Attrs& Attrs::add(CK_ATTRIBUTE_TYPE type, const Bytes& value) {
    values_.emplace_back(type, value);
    return *this;
}
Attrs& Attrs::add_bool(CK_ATTRIBUTE_TYPE type, bool value) {
    return add(type, Bytes{static_cast<std::uint8_t>(value ? CK_TRUE : CK_FALSE)});
}
Attrs& Attrs::add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) {
    Bytes b(sizeof value);
    std::memcpy(b.data(), &value, sizeof value);
    return add(type, b);
}
Attrs& Attrs::add_string(CK_ATTRIBUTE_TYPE type, const std::string& value) {
    return add(type, Bytes(value.begin(), value.end()));
}
CK_ATTRIBUTE* Attrs::data() {
    attrs_.clear();
    for (auto& [type, value] : values_) {
        attrs_.push_back({type, value.data(), static_cast<CK_ULONG>(value.size())});
    }
    return attrs_.data();
}

Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + 131 * i);
    return b;
}

ThreadSession::ThreadSession() {
    auto& env = Env::get();
    rv_ = env.fn()->C_OpenSession(env.slot(), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                  &handle_);
}

ThreadSession::~ThreadSession() {
    if (handle_ != CK_INVALID_HANDLE) Env::get().fn()->C_CloseSession(handle_);
}

const char* rv_name(CK_RV rv) {
    switch (rv) {
#define CRATON_RV(name) \
    case name:          \
        return #name;
        CRATON_RV(CKR_OK)
        CRATON_RV(CKR_GENERAL_ERROR)
        CRATON_RV(CKR_FUNCTION_FAILED)
        CRATON_RV(CKR_ARGUMENTS_BAD)
        CRATON_RV(CKR_ATTRIBUTE_READ_ONLY)
        CRATON_RV(CKR_ATTRIBUTE_TYPE_INVALID)
        CRATON_RV(CKR_ATTRIBUTE_VALUE_INVALID)
        CRATON_RV(CKR_DATA_LEN_RANGE)
        CRATON_RV(CKR_DEVICE_ERROR)
        CRATON_RV(CKR_FUNCTION_NOT_SUPPORTED)
        CRATON_RV(CKR_KEY_HANDLE_INVALID)
        CRATON_RV(CKR_KEY_SIZE_RANGE)
        CRATON_RV(CKR_KEY_TYPE_INCONSISTENT)
        CRATON_RV(CKR_KEY_FUNCTION_NOT_PERMITTED)
        CRATON_RV(CKR_MECHANISM_INVALID)
        CRATON_RV(CKR_MECHANISM_PARAM_INVALID)
        CRATON_RV(CKR_OBJECT_HANDLE_INVALID)
        CRATON_RV(CKR_OPERATION_ACTIVE)
        CRATON_RV(CKR_OPERATION_NOT_INITIALIZED)
        CRATON_RV(CKR_PIN_INCORRECT)
        CRATON_RV(CKR_SESSION_HANDLE_INVALID)
        CRATON_RV(CKR_SIGNATURE_INVALID)
        CRATON_RV(CKR_SIGNATURE_LEN_RANGE)
        CRATON_RV(CKR_TEMPLATE_INCOMPLETE)
        CRATON_RV(CKR_TEMPLATE_INCONSISTENT)
        CRATON_RV(CKR_USER_ALREADY_LOGGED_IN)
        CRATON_RV(CKR_USER_NOT_LOGGED_IN)
        CRATON_RV(CKR_BUFFER_TOO_SMALL)
        CRATON_RV(CKR_CRYPTOKI_NOT_INITIALIZED)
        CRATON_RV(CKR_CRYPTOKI_ALREADY_INITIALIZED)
        CRATON_RV(CKR_DOMAIN_PARAMS_INVALID)
        CRATON_RV(CKR_CURVE_NOT_SUPPORTED)
#undef CRATON_RV
        default:
            return "CKR_(other)";
    }
}

const char* mechanism_name(CK_MECHANISM_TYPE m) {
    switch (m) {
#define CRATON_MECH(name) \
    case name:            \
        return #name;
        CRATON_MECH(CKM_SHA256)
        CRATON_MECH(CKM_SHA256_HMAC)
        CRATON_MECH(CKM_AES_KEY_GEN)
        CRATON_MECH(CKM_AES_GCM)
        CRATON_MECH(CKM_AES_CBC_PAD)
        CRATON_MECH(CKM_RSA_PKCS_KEY_PAIR_GEN)
        CRATON_MECH(CKM_SHA256_RSA_PKCS)
        CRATON_MECH(CKM_SHA256_RSA_PKCS_PSS)
        CRATON_MECH(CKM_EC_KEY_PAIR_GEN)
        CRATON_MECH(CKM_ECDSA)
        CRATON_MECH(CKM_EC_EDWARDS_KEY_PAIR_GEN)
        CRATON_MECH(CKM_EDDSA)
#undef CRATON_MECH
        default:
            return "mechanism";
    }
}

}  // namespace craton::bench
