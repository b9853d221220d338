#include "daemon/module_loader.h"

#include <dlfcn.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace craton::daemon {

LoadedModule::LoadedModule(const std::filesystem::path& path) {
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) {
        throw std::runtime_error("cannot load " + path.string() + ": " + dlerror());
    }
    auto get_interface = reinterpret_cast<CK_C_GetInterface>(dlsym(handle_, "C_GetInterface"));
    if (get_interface == nullptr)
        throw std::runtime_error(path.string() + " has no C_GetInterface");
    CK_UTF8CHAR name[] = "PKCS 11";
    CK_VERSION version{CRATON_PKCS11_V32_VERSION_MAJOR, CRATON_PKCS11_V32_VERSION_MINOR};
    CK_INTERFACE_PTR iface = nullptr;
    if (get_interface(name, &version, &iface, 0) != CKR_OK || iface == nullptr) {
        throw std::runtime_error(path.string() + " offers no PKCS#11 3.2 interface");
    }
    functions_ = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
    set_client_ = reinterpret_cast<SetClient>(dlsym(handle_, "craton_hsm_set_client"));
}

LoadedModule::~LoadedModule() {
    // The module is linked -z nodelete; dlclose only drops our reference.
    if (handle_ != nullptr) dlclose(handle_);
}

std::filesystem::path default_module_path() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "libcraton_hsm.so";
    return exe.parent_path() / "libcraton_hsm.so";
}

}  // namespace craton::daemon
