// The daemon's PKCS#11 core: the very libcraton_hsm.so applications load, opened with dlopen.
//
// Going through the module's own function table (rather than linking the core a second time)
// means every RPC runs the same guards, state machine, self-tests, integrity check and
// mechanism table as an in-process caller: there is no second crypto path.
#pragma once

#include <filesystem>

#include <craton/pkcs11/pkcs11.h>

namespace craton::daemon {

class LoadedModule {
  public:
    // Throws std::runtime_error when the module cannot be opened or has no 3.2 interface.
    explicit LoadedModule(const std::filesystem::path& path);
    ~LoadedModule();
    LoadedModule(const LoadedModule&) = delete;
    LoadedModule& operator=(const LoadedModule&) = delete;

    CK_FUNCTION_LIST_3_2* functions() const { return functions_; }

    // The module's craton_hsm_set_client (names the remote client in its audit records); null
    // for a module without it.
    using SetClient = CK_RV (*)(const char* fingerprint);
    SetClient set_client() const { return set_client_; }

  private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST_3_2* functions_ = nullptr;
    SetClient set_client_ = nullptr;
};

// libcraton_hsm.so beside the running executable (both land in the build directory and in
// the same installation directory).
std::filesystem::path default_module_path();

}  // namespace craton::daemon
