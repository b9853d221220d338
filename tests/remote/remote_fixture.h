// The remote module loaded with dlopen, as an application loads it, for tests run under
// with_daemon.sh (which provides REMOTE_TEST_DIR and a running daemon); and the local module
// in the same process, so a test can run one call sequence through both and compare.
#pragma once

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <craton/pkcs11/pkcs11.h>

namespace craton::test {

inline std::string remote_test_dir() {
    const char* dir = std::getenv("REMOTE_TEST_DIR");
    return dir == nullptr ? std::string() : std::string(dir);
}

// Points the module at <REMOTE_TEST_DIR>/<name>.toml for the next C_Initialize.
inline void use_client(const std::string& name) {
    const std::string path = remote_test_dir() + "/" + name + ".toml";
    setenv("CRATON_HSM_REMOTE_CONFIG", path.c_str(), 1);
}

class RemoteModule {
  public:
    RemoteModule() {
        handle_ = dlopen(CRATON_REMOTE_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) return;
        auto get = reinterpret_cast<CK_C_GetInterface>(dlsym(handle_, "C_GetInterface"));
        CK_UTF8CHAR name[] = "PKCS 11";
        CK_VERSION v30{3, 0};
        CK_INTERFACE_PTR iface = nullptr;
        if (get != nullptr && get(name, &v30, &iface, 0) == CKR_OK) {
            fn_ = static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
        }
        CK_VERSION v32{CRATON_PKCS11_V32_VERSION_MAJOR, CRATON_PKCS11_V32_VERSION_MINOR};
        if (get != nullptr && get(name, &v32, &iface, 0) == CKR_OK) {
            fn32_ = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
        }
    }
    ~RemoteModule() {
        if (handle_ != nullptr) dlclose(handle_);
    }
    RemoteModule(const RemoteModule&) = delete;
    RemoteModule& operator=(const RemoteModule&) = delete;

    CK_FUNCTION_LIST_3_0* fn() const { return fn_; }
    // The 3.2 table (C_VerifySignature*); the same module state as fn().
    CK_FUNCTION_LIST_3_2* fn32() const { return fn32_; }
    void* handle() const { return handle_; }

  private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST_3_0* fn_ = nullptr;
    CK_FUNCTION_LIST_3_2* fn32_ = nullptr;
};

inline constexpr const char* kSoPin = "12345678";
inline constexpr const char* kUserPin = "userpin1";

inline CK_UTF8CHAR_PTR pin(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}
inline CK_ULONG pin_len(const char* p) {
    return static_cast<CK_ULONG>(std::strlen(p));
}

#ifdef CRATON_LOCAL_MODULE_PATH
// The local module (libcraton_hsm.so) with an in-memory token of its own, initialised and with
// a logged-in user session: the reference the remote module's answers are compared with.
class LocalModule {
  public:
    LocalModule() {
        handle_ = dlopen(CRATON_LOCAL_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) return;
        auto get = reinterpret_cast<CK_C_GetInterface>(dlsym(handle_, "C_GetInterface"));
        CK_UTF8CHAR name[] = "PKCS 11";
        CK_VERSION v32{CRATON_PKCS11_V32_VERSION_MAJOR, CRATON_PKCS11_V32_VERSION_MINOR};
        CK_INTERFACE_PTR iface = nullptr;
        if (get == nullptr || get(name, &v32, &iface, 0) != CKR_OK) return;
        auto* f = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
        const std::string config = remote_test_dir() + "/local_module.toml";
        std::ofstream(config) << "[security]\npbkdf2_iterations = 1000\n"
                                 "[logging]\nlevel = \"error\"\n";
        setenv("CRATON_HSM_CONFIG", config.c_str(), 1);
        if (f->C_Initialize(nullptr) != CKR_OK) return;
        initialized_ = f;
        CK_SLOT_ID slot = 0;
        CK_ULONG count = 1;
        if (f->C_GetSlotList(CK_FALSE, &slot, &count) != CKR_OK || count == 0) return;
        CK_UTF8CHAR label[32];
        std::memset(label, ' ', sizeof label);
        if (f->C_InitToken(slot, pin(kSoPin), pin_len(kSoPin), label) != CKR_OK) return;
        CK_SESSION_HANDLE so;
        if (f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &so) !=
            CKR_OK)
            return;
        const bool ok = f->C_Login(so, CKU_SO, pin(kSoPin), pin_len(kSoPin)) == CKR_OK &&
                        f->C_InitPIN(so, pin(kUserPin), pin_len(kUserPin)) == CKR_OK &&
                        f->C_Logout(so) == CKR_OK;
        f->C_CloseSession(so);
        if (!ok ||
            f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                             &session_) != CKR_OK ||
            f->C_Login(session_, CKU_USER, pin(kUserPin), pin_len(kUserPin)) != CKR_OK)
            return;
        fn_ = f;
    }
    ~LocalModule() {
        if (initialized_ != nullptr) initialized_->C_Finalize(nullptr);
        if (handle_ != nullptr) dlclose(handle_);
    }
    LocalModule(const LocalModule&) = delete;
    LocalModule& operator=(const LocalModule&) = delete;

    // NULL unless the module loaded and the user session is logged in.
    CK_FUNCTION_LIST_3_2* fn() const { return fn_; }
    CK_SESSION_HANDLE session() const { return session_; }

  private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST_3_2* initialized_ = nullptr;
    CK_FUNCTION_LIST_3_2* fn_ = nullptr;
    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
};
#endif

}  // namespace craton::test
