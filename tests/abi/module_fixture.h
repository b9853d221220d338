// The ABI tests' view of the module: loaded with dlopen and driven through the function table
// it hands out, exactly as an application does. Nothing here links against our own code.
//
// Each test gets a fresh configuration file (pointed to by CRATON_HSM_CONFIG before
// C_Initialize) and its own C_Initialize/C_Finalize pair, so tests never share token state
// even when the whole binary runs in one process. The expected values in the tests come from
// the PKCS#11 3.0 specification, never from what the implementation happens to return.
#pragma once

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <craton/pkcs11/pkcs11.h>
#include <gtest/gtest.h>

namespace craton::abitest {

using Bytes = std::vector<std::uint8_t>;

// ---------------------------------------------------------------------------------------------
// Return codes printed by name, so a failing expectation reads "CKR_PIN_LOCKED" not "164".

inline std::string rv_name(CK_RV rv) {
    struct Entry {
        CK_RV rv;
        const char* name;
    };
#define CRATON_RV(x) \
    { x, #x }
    static const Entry kNames[] = {
        CRATON_RV(CKR_OK),
        CRATON_RV(CKR_HOST_MEMORY),
        CRATON_RV(CKR_SLOT_ID_INVALID),
        CRATON_RV(CKR_GENERAL_ERROR),
        CRATON_RV(CKR_FUNCTION_FAILED),
        CRATON_RV(CKR_ARGUMENTS_BAD),
        CRATON_RV(CKR_NO_EVENT),
        CRATON_RV(CKR_CANT_LOCK),
        CRATON_RV(CKR_ATTRIBUTE_READ_ONLY),
        CRATON_RV(CKR_ATTRIBUTE_SENSITIVE),
        CRATON_RV(CKR_ATTRIBUTE_TYPE_INVALID),
        CRATON_RV(CKR_ATTRIBUTE_VALUE_INVALID),
        CRATON_RV(CKR_ACTION_PROHIBITED),
        CRATON_RV(CKR_DATA_LEN_RANGE),
        CRATON_RV(CKR_FUNCTION_NOT_SUPPORTED),
        CRATON_RV(CKR_KEY_HANDLE_INVALID),
        CRATON_RV(CKR_KEY_INDIGESTIBLE),
        CRATON_RV(CKR_MECHANISM_INVALID),
        CRATON_RV(CKR_MECHANISM_PARAM_INVALID),
        CRATON_RV(CKR_OBJECT_HANDLE_INVALID),
        CRATON_RV(CKR_OPERATION_ACTIVE),
        CRATON_RV(CKR_OPERATION_NOT_INITIALIZED),
        CRATON_RV(CKR_PIN_INCORRECT),
        CRATON_RV(CKR_PIN_INVALID),
        CRATON_RV(CKR_PIN_LEN_RANGE),
        CRATON_RV(CKR_PIN_EXPIRED),
        CRATON_RV(CKR_PIN_LOCKED),
        CRATON_RV(CKR_SESSION_CLOSED),
        CRATON_RV(CKR_SESSION_COUNT),
        CRATON_RV(CKR_SESSION_HANDLE_INVALID),
        CRATON_RV(CKR_SESSION_PARALLEL_NOT_SUPPORTED),
        CRATON_RV(CKR_SESSION_READ_ONLY),
        CRATON_RV(CKR_SESSION_EXISTS),
        CRATON_RV(CKR_SESSION_READ_ONLY_EXISTS),
        CRATON_RV(CKR_SESSION_READ_WRITE_SO_EXISTS),
        CRATON_RV(CKR_TEMPLATE_INCOMPLETE),
        CRATON_RV(CKR_TEMPLATE_INCONSISTENT),
        CRATON_RV(CKR_TOKEN_NOT_PRESENT),
        CRATON_RV(CKR_TOKEN_NOT_RECOGNIZED),
        CRATON_RV(CKR_USER_ALREADY_LOGGED_IN),
        CRATON_RV(CKR_USER_NOT_LOGGED_IN),
        CRATON_RV(CKR_USER_PIN_NOT_INITIALIZED),
        CRATON_RV(CKR_USER_TYPE_INVALID),
        CRATON_RV(CKR_USER_ANOTHER_ALREADY_LOGGED_IN),
        CRATON_RV(CKR_USER_TOO_MANY_TYPES),
        CRATON_RV(CKR_RANDOM_SEED_NOT_SUPPORTED),
        CRATON_RV(CKR_RANDOM_NO_RNG),
        CRATON_RV(CKR_BUFFER_TOO_SMALL),
        CRATON_RV(CKR_CRYPTOKI_NOT_INITIALIZED),
        CRATON_RV(CKR_CRYPTOKI_ALREADY_INITIALIZED),
        CRATON_RV(CKR_FUNCTION_NOT_PARALLEL),
        CRATON_RV(CKR_OPERATION_CANCEL_FAILED),
    };
#undef CRATON_RV
    for (const auto& e : kNames) {
        if (e.rv == rv) return e.name;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "CKR_0x%08lx", static_cast<unsigned long>(rv));
    return buf;
}

#define EXPECT_CKR(expected, expr) \
    EXPECT_EQ(::craton::abitest::rv_name(expected), ::craton::abitest::rv_name(expr))
#define ASSERT_CKR(expected, expr) \
    ASSERT_EQ(::craton::abitest::rv_name(expected), ::craton::abitest::rv_name(expr))
#define ASSERT_OK(expr) ASSERT_CKR(CKR_OK, expr)
#define EXPECT_OK(expr) EXPECT_CKR(CKR_OK, expr)

// ---------------------------------------------------------------------------------------------
// The module, loaded once per process as an application would load it.

class Module {
  public:
    static Module& get() {
        static Module m;
        return m;
    }
    void* handle() const { return handle_; }
    // The 3.0 table from C_GetInterface("PKCS 11", 3.0): the one the tests drive.
    CK_FUNCTION_LIST_3_0* v3() const { return v3_; }
    // The 2.40 table from C_GetFunctionList.
    CK_FUNCTION_LIST* v2() const { return v2_; }
    template <class Fn>
    Fn symbol(const char* name) const {
        return reinterpret_cast<Fn>(dlsym(handle_, name));
    }

  private:
    Module() {
        handle_ = dlopen(CRATON_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) {
            std::fprintf(stderr, "dlopen(%s): %s\n", CRATON_MODULE_PATH, dlerror());
            std::abort();
        }
        auto get_list = symbol<CK_C_GetFunctionList>("C_GetFunctionList");
        auto get_iface = symbol<CK_C_GetInterface>("C_GetInterface");
        if (get_list == nullptr || get_iface == nullptr || get_list(&v2_) != CKR_OK) {
            std::fprintf(stderr, "module lacks C_GetFunctionList/C_GetInterface\n");
            std::abort();
        }
        CK_VERSION version{3, 0};
        CK_INTERFACE* iface = nullptr;
        CK_UTF8CHAR name[] = "PKCS 11";
        if (get_iface(name, &version, &iface, 0) != CKR_OK || iface == nullptr) {
            std::fprintf(stderr, "module has no \"PKCS 11\" 3.0 interface\n");
            std::abort();
        }
        v3_ = static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
    }
    void* handle_ = nullptr;
    CK_FUNCTION_LIST* v2_ = nullptr;
    CK_FUNCTION_LIST_3_0* v3_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Attribute templates that own their values, so tests can write them inline.

class Attrs {
  public:
    Attrs& bytes(CK_ATTRIBUTE_TYPE type, const void* p, std::size_t n) {
        auto storage = std::make_unique<Bytes>(static_cast<const std::uint8_t*>(p),
                                               static_cast<const std::uint8_t*>(p) + n);
        attrs_.push_back({type, storage->empty() ? nullptr : storage->data(),
                          static_cast<CK_ULONG>(storage->size())});
        values_.push_back(std::move(storage));
        return *this;
    }
    Attrs& bytes(CK_ATTRIBUTE_TYPE type, const Bytes& v) { return bytes(type, v.data(), v.size()); }
    Attrs& str(CK_ATTRIBUTE_TYPE type, const std::string& s) {
        return bytes(type, s.data(), s.size());
    }
    Attrs& boolean(CK_ATTRIBUTE_TYPE type, bool v) {
        const CK_BBOOL b = v ? CK_TRUE : CK_FALSE;
        return bytes(type, &b, sizeof b);
    }
    Attrs& ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG v) { return bytes(type, &v, sizeof v); }
    // An entry with an explicit pointer/length (NULL or deliberately malformed values).
    Attrs& raw(CK_ATTRIBUTE_TYPE type, void* p, CK_ULONG len) {
        attrs_.push_back({type, p, len});
        return *this;
    }

    CK_ATTRIBUTE* data() { return attrs_.data(); }
    CK_ULONG count() const { return static_cast<CK_ULONG>(attrs_.size()); }

  private:
    std::vector<CK_ATTRIBUTE> attrs_;
    std::vector<std::unique_ptr<Bytes>> values_;
};

// ---------------------------------------------------------------------------------------------
// Per-test configuration.

struct ConfigOptions {
    // Fast PBKDF2 (the test-hook floor) so tests can log in hundreds of times.
    std::uint32_t pbkdf2_iterations = 1000;
    // No failed-login delay except where a test measures or exercises it.
    std::uint32_t backoff_base_ms = 0;
    std::uint32_t backoff_max_ms = 5000;
    std::uint32_t max_failed_logins = 10;
    std::uint32_t slot_count = 1;
    // Expected failures (wrong PINs) would otherwise fill the test log with warnings; the
    // secret-leak test turns everything on and sends it to a file.
    std::string log_level = "error";
    std::string log_file;  // "": standard error
    std::string extra;     // appended verbatim
};

inline std::string config_text(const ConfigOptions& o) {
    std::string s;
    s += "[slots]\ncount = " + std::to_string(o.slot_count) + "\n";
    s += "[security]\n";
    s += "pbkdf2_iterations = " + std::to_string(o.pbkdf2_iterations) + "\n";
    s += "login_backoff_base_ms = " + std::to_string(o.backoff_base_ms) + "\n";
    s += "login_backoff_max_ms = " + std::to_string(o.backoff_max_ms) + "\n";
    s += "max_failed_logins = " + std::to_string(o.max_failed_logins) + "\n";
    s += "[logging]\nlevel = \"" + o.log_level + "\"\n";
    if (!o.log_file.empty()) s += "file = \"" + o.log_file + "\"\n";
    s += o.extra;
    return s;
}

// A private directory holding the config file; removed when the test ends.
class TempConfig {
  public:
    explicit TempConfig(const ConfigOptions& options) {
        char tmpl[] = "/tmp/craton-abi-XXXXXX";
        const char* dir = mkdtemp(tmpl);
        if (dir == nullptr) std::abort();
        dir_ = dir;
        path_ = dir_ / "craton_hsm.toml";
        std::ofstream(path_) << config_text(options);
        setenv("CRATON_HSM_CONFIG", path_.c_str(), 1);
    }
    ~TempConfig() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempConfig(const TempConfig&) = delete;
    TempConfig& operator=(const TempConfig&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
};

inline const std::string kSoPin = "so-secret-1234";
inline const std::string kUserPin = "user-secret-5678";

inline CK_UTF8CHAR_PTR utf8(const std::string& s) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(s.data()));
}
inline CK_ULONG len(const std::string& s) {
    return static_cast<CK_ULONG>(s.size());
}

// A 32-byte blank-padded token label.
inline std::vector<CK_UTF8CHAR> label32(const std::string& text) {
    std::vector<CK_UTF8CHAR> label(32, ' ');
    std::memcpy(label.data(), text.data(), std::min<std::size_t>(text.size(), 32));
    return label;
}

// ---------------------------------------------------------------------------------------------
// The base fixture: a fresh configuration and an initialised module per test.

class ModuleTest : public ::testing::Test {
  protected:
    // Tests that need other settings override this.
    virtual ConfigOptions options() const { return {}; }
    // Tests of C_Initialize itself turn this off and initialise by hand.
    virtual bool auto_initialize() const { return true; }

    void SetUp() override {
        // Load the module first: if that aborts, no temporary directory is left behind.
        (void)Module::get();
        config_ = std::make_unique<TempConfig>(options());
        if (auto_initialize()) {
            ASSERT_OK(p11()->C_Initialize(nullptr));
        }
    }
    void TearDown() override {
        // Finalising an already finalised module is CKR_CRYPTOKI_NOT_INITIALIZED; harmless here.
        (void)p11()->C_Finalize(nullptr);
        config_.reset();
    }

    static CK_FUNCTION_LIST_3_0* p11() { return Module::get().v3(); }

    // Initialises the token in `slot` with the SO PIN and label.
    void init_token(CK_SLOT_ID slot, const std::string& so_pin = kSoPin,
                    const std::string& label = "test token") {
        auto l = label32(label);
        ASSERT_OK(p11()->C_InitToken(slot, utf8(so_pin), len(so_pin), l.data()));
    }

    CK_SESSION_HANDLE open(CK_SLOT_ID slot, bool rw) {
        CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
        const CK_FLAGS flags = CKF_SERIAL_SESSION | (rw ? CKF_RW_SESSION : 0);
        EXPECT_OK(p11()->C_OpenSession(slot, flags, nullptr, nullptr, &h));
        return h;
    }

    // SO sets the user PIN (in its own session, closed afterwards).
    void init_user_pin(CK_SLOT_ID slot, const std::string& user_pin = kUserPin) {
        const CK_SESSION_HANDLE s = open(slot, true);
        ASSERT_OK(p11()->C_Login(s, CKU_SO, utf8(kSoPin), len(kSoPin)));
        ASSERT_OK(p11()->C_InitPIN(s, utf8(user_pin), len(user_pin)));
        ASSERT_OK(p11()->C_Logout(s));
        ASSERT_OK(p11()->C_CloseSession(s));
    }

    // An initialised token with SO and user PINs set; returns its slot (0).
    CK_SLOT_ID ready_token() {
        init_token(0);
        init_user_pin(0);
        return 0;
    }

    void login_user(CK_SESSION_HANDLE s) {
        ASSERT_OK(p11()->C_Login(s, CKU_USER, utf8(kUserPin), len(kUserPin)));
    }

    CK_TOKEN_INFO token_info(CK_SLOT_ID slot) {
        CK_TOKEN_INFO info{};
        EXPECT_OK(p11()->C_GetTokenInfo(slot, &info));
        return info;
    }

    CK_STATE state_of(CK_SESSION_HANDLE s) {
        CK_SESSION_INFO info{};
        EXPECT_OK(p11()->C_GetSessionInfo(s, &info));
        return info.state;
    }

    // Creates an object from `attrs` and expects success.
    CK_OBJECT_HANDLE create(CK_SESSION_HANDLE s, Attrs& attrs) {
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        EXPECT_OK(p11()->C_CreateObject(s, attrs.data(), attrs.count(), &h));
        return h;
    }
    CK_RV try_create(CK_SESSION_HANDLE s, Attrs& attrs) {
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        return p11()->C_CreateObject(s, attrs.data(), attrs.count(), &h);
    }

    // A session data object with the given label and id.
    CK_OBJECT_HANDLE create_data(CK_SESSION_HANDLE s, const std::string& label,
                                 const std::string& id = "", bool token = false,
                                 bool priv = false) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_DATA)
            .boolean(CKA_TOKEN, token)
            .boolean(CKA_PRIVATE, priv)
            .str(CKA_LABEL, label)
            .str(CKA_VALUE, "data of " + label);
        if (!id.empty()) a.str(CKA_OBJECT_ID, id);
        return create(s, a);
    }

    // Reads one attribute's bytes (expects success).
    Bytes get_bytes(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type) {
        CK_ATTRIBUTE a{type, nullptr, 0};
        EXPECT_OK(p11()->C_GetAttributeValue(s, o, &a, 1));
        if (a.ulValueLen == CK_UNAVAILABLE_INFORMATION) return {};
        Bytes out(a.ulValueLen);
        a.pValue = out.data();
        EXPECT_OK(p11()->C_GetAttributeValue(s, o, &a, 1));
        out.resize(a.ulValueLen);
        return out;
    }
    bool get_bool(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type) {
        CK_BBOOL b = 0xFF;
        CK_ATTRIBUTE a{type, &b, sizeof b};
        EXPECT_OK(p11()->C_GetAttributeValue(s, o, &a, 1));
        EXPECT_EQ(a.ulValueLen, sizeof b);
        EXPECT_TRUE(b == CK_TRUE || b == CK_FALSE);
        return b == CK_TRUE;
    }
    CK_ULONG get_ulong(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type) {
        CK_ULONG v = 0;
        CK_ATTRIBUTE a{type, &v, sizeof v};
        EXPECT_OK(p11()->C_GetAttributeValue(s, o, &a, 1));
        EXPECT_EQ(a.ulValueLen, sizeof v);
        return v;
    }

    // Every handle C_FindObjects returns for `attrs`, paging `page` at a time.
    std::vector<CK_OBJECT_HANDLE> find_all(CK_SESSION_HANDLE s, Attrs& attrs, CK_ULONG page = 16) {
        std::vector<CK_OBJECT_HANDLE> out;
        EXPECT_OK(p11()->C_FindObjectsInit(s, attrs.data(), attrs.count()));
        std::vector<CK_OBJECT_HANDLE> buf(page);
        for (;;) {
            CK_ULONG n = 0;
            EXPECT_OK(p11()->C_FindObjects(s, buf.data(), page, &n));
            if (n == 0) break;
            out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
            if (n > page) break;  // would be a module bug; do not loop forever
        }
        EXPECT_OK(p11()->C_FindObjectsFinal(s));
        return out;
    }

  private:
    std::unique_ptr<TempConfig> config_;
};

}  // namespace craton::abitest
