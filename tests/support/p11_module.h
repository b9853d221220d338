// A PKCS#11 session on the built module, loaded with dlopen as an application would.
//
// Vector and mechanism tests use P11Session: it writes a fast test configuration (few PBKDF2
// iterations, no login back-off), initialises the module, initialises the token in slot 0 and
// opens a R/W session logged in as the user. Keys are imported through C_CreateObject so the
// test exercises the same path an application does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

namespace craton::test {

using Bytes = std::vector<std::uint8_t>;

class P11Module {
public:
    P11Module();  // loads CRATON_MODULE_PATH (env overrides the build default)
    ~P11Module();
    P11Module(const P11Module&) = delete;
    P11Module& operator=(const P11Module&) = delete;
    CK_FUNCTION_LIST_3_0* fn() const { return fn_; }

private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST_3_0* fn_ = nullptr;
};

class P11Session {
public:
    explicit P11Session(const std::string& extra_config = "");
    ~P11Session();
    P11Session(const P11Session&) = delete;
    P11Session& operator=(const P11Session&) = delete;

    CK_FUNCTION_LIST_3_0* fn() const { return module_.fn(); }
    CK_SESSION_HANDLE session() const { return session_; }

    // C_CreateObject; fails the current test (and returns CK_INVALID_HANDLE) unless CKR_OK.
    CK_OBJECT_HANDLE create(std::vector<CK_ATTRIBUTE> attrs);
    // Session secret key with every usage allowed.
    CK_OBJECT_HANDLE secret_key(CK_KEY_TYPE type, const Bytes& value);
    Bytes attribute(CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type);

    static const char* kUserPin;
    static const char* kSoPin;

private:
    std::string config_path_;
    P11Module module_;
    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
};

// Builds CK_ATTRIBUTEs pointing at values that live as long as the builder.
class AttrBuilder {
public:
    AttrBuilder& add(CK_ATTRIBUTE_TYPE type, const Bytes& value);
    AttrBuilder& add_bool(CK_ATTRIBUTE_TYPE type, bool value);
    AttrBuilder& add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);
    std::vector<CK_ATTRIBUTE> build() const;

private:
    std::vector<std::pair<CK_ATTRIBUTE_TYPE, Bytes>> values_;
};

const char* rv_name(CK_RV rv);

}  // namespace craton::test
