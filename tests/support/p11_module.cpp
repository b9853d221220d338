#include "support/p11_module.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace craton::test {

const char* P11Session::kUserPin = "user-pin-1234";
const char* P11Session::kSoPin = "so-pin-5678";

P11Module::P11Module() {
    const char* env = std::getenv("CRATON_MODULE_PATH");
    const std::string path = env != nullptr && *env != '\0' ? env : CRATON_MODULE_PATH;
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw std::runtime_error("dlopen failed: " + std::string(dlerror()));
    auto get_interface =
        reinterpret_cast<CK_C_GetInterface>(dlsym(handle_, "C_GetInterface"));
    if (get_interface == nullptr) throw std::runtime_error("C_GetInterface missing");
    CK_INTERFACE* iface = nullptr;
    CK_VERSION v30{3, 0};
    CK_UTF8CHAR name[] = "PKCS 11";
    if (get_interface(name, &v30, &iface, 0) != CKR_OK || iface == nullptr) {
        throw std::runtime_error("no PKCS 11 3.0 interface");
    }
    fn_ = static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
}

P11Module::~P11Module() {
    if (handle_ != nullptr) dlclose(handle_);
}

P11Session::P11Session(const std::string& extra_config) {
    char dir[] = "/tmp/craton-test-XXXXXX";
    if (mkdtemp(dir) == nullptr) throw std::runtime_error("mkdtemp failed");
    config_path_ = std::string(dir) + "/craton_hsm.toml";
    std::ofstream(config_path_) << "[security]\npbkdf2_iterations = 1000\n"
                                   "login_backoff_base_ms = 0\n"
                                << extra_config;
    setenv("CRATON_HSM_CONFIG", config_path_.c_str(), 1);
    auto* f = fn();
    CK_RV rv = f->C_Initialize(nullptr);
    if (rv != CKR_OK) throw std::runtime_error(std::string("C_Initialize: ") + rv_name(rv));
    CK_UTF8CHAR label[32];
    std::memset(label, ' ', sizeof label);
    std::memcpy(label, "vectors", 7);
    auto pin = [](const char* p) {
        return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
    };
    rv = f->C_InitToken(0, pin(kSoPin), std::strlen(kSoPin), label);
    if (rv != CKR_OK) throw std::runtime_error(std::string("C_InitToken: ") + rv_name(rv));
    CK_SESSION_HANDLE so = CK_INVALID_HANDLE;
    f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &so);
    f->C_Login(so, CKU_SO, pin(kSoPin), std::strlen(kSoPin));
    rv = f->C_InitPIN(so, pin(kUserPin), std::strlen(kUserPin));
    if (rv != CKR_OK) throw std::runtime_error(std::string("C_InitPIN: ") + rv_name(rv));
    f->C_Logout(so);
    f->C_CloseSession(so);
    rv = f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session_);
    if (rv != CKR_OK) throw std::runtime_error(std::string("C_OpenSession: ") + rv_name(rv));
    rv = f->C_Login(session_, CKU_USER, pin(kUserPin), std::strlen(kUserPin));
    if (rv != CKR_OK) throw std::runtime_error(std::string("C_Login: ") + rv_name(rv));
}

P11Session::~P11Session() {
    fn()->C_Finalize(nullptr);
    std::remove(config_path_.c_str());
}

CK_OBJECT_HANDLE P11Session::create(std::vector<CK_ATTRIBUTE> attrs) {
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = fn()->C_CreateObject(session_, attrs.data(), attrs.size(), &h);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return h;
}

CK_OBJECT_HANDLE P11Session::secret_key(CK_KEY_TYPE type, const Bytes& value) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
        .add_ulong(CKA_KEY_TYPE, type)
        .add(CKA_VALUE, value)
        .add_bool(CKA_ENCRYPT, true)
        .add_bool(CKA_DECRYPT, true)
        .add_bool(CKA_SIGN, true)
        .add_bool(CKA_VERIFY, true)
        .add_bool(CKA_WRAP, true)
        .add_bool(CKA_UNWRAP, true)
        .add_bool(CKA_DERIVE, true);
    return create(b.build());
}

Bytes P11Session::attribute(CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (fn()->C_GetAttributeValue(session_, obj, &a, 1) != CKR_OK) return {};
    Bytes out(a.ulValueLen);
    a.pValue = out.data();
    if (fn()->C_GetAttributeValue(session_, obj, &a, 1) != CKR_OK) return {};
    return out;
}

AttrBuilder& AttrBuilder::add(CK_ATTRIBUTE_TYPE type, const Bytes& value) {
    values_.emplace_back(type, value);
    return *this;
}
AttrBuilder& AttrBuilder::add_bool(CK_ATTRIBUTE_TYPE type, bool value) {
    return add(type, Bytes{static_cast<std::uint8_t>(value ? CK_TRUE : CK_FALSE)});
}
AttrBuilder& AttrBuilder::add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) {
    Bytes b(sizeof value);
    std::memcpy(b.data(), &value, sizeof value);
    return add(type, b);
}
std::vector<CK_ATTRIBUTE> AttrBuilder::build() const {
    std::vector<CK_ATTRIBUTE> out;
    for (const auto& [type, value] : values_) {
        out.push_back({type, const_cast<std::uint8_t*>(value.data()),
                       static_cast<CK_ULONG>(value.size())});
    }
    return out;
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
        CRATON_RV(CKR_ATTRIBUTE_SENSITIVE)
        CRATON_RV(CKR_ATTRIBUTE_TYPE_INVALID)
        CRATON_RV(CKR_ATTRIBUTE_VALUE_INVALID)
        CRATON_RV(CKR_DATA_INVALID)
        CRATON_RV(CKR_DATA_LEN_RANGE)
        CRATON_RV(CKR_ENCRYPTED_DATA_INVALID)
        CRATON_RV(CKR_ENCRYPTED_DATA_LEN_RANGE)
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
        CRATON_RV(CKR_SIGNATURE_INVALID)
        CRATON_RV(CKR_SIGNATURE_LEN_RANGE)
        CRATON_RV(CKR_TEMPLATE_INCOMPLETE)
        CRATON_RV(CKR_TEMPLATE_INCONSISTENT)
        CRATON_RV(CKR_USER_NOT_LOGGED_IN)
        CRATON_RV(CKR_WRAPPED_KEY_INVALID)
        CRATON_RV(CKR_BUFFER_TOO_SMALL)
        CRATON_RV(CKR_CRYPTOKI_NOT_INITIALIZED)
#undef CRATON_RV
        default:
            return "CKR_(other)";
    }
}

}  // namespace craton::test
