// The remote module loaded with dlopen, as an application loads it, for tests run under
// with_daemon.sh (which provides REMOTE_TEST_DIR and a running daemon).
#pragma once

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
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
    }
    ~RemoteModule() {
        if (handle_ != nullptr) dlclose(handle_);
    }
    RemoteModule(const RemoteModule&) = delete;
    RemoteModule& operator=(const RemoteModule&) = delete;

    CK_FUNCTION_LIST_3_0* fn() const { return fn_; }
    void* handle() const { return handle_; }

  private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST_3_0* fn_ = nullptr;
};

inline constexpr const char* kSoPin = "12345678";
inline constexpr const char* kUserPin = "userpin1";

inline CK_UTF8CHAR_PTR pin(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}
inline CK_ULONG pin_len(const char* p) {
    return static_cast<CK_ULONG>(std::strlen(p));
}

}  // namespace craton::test
