// Helpers for the post-quantum mechanism tests: the 3.2 function list, key generation and
// import, sign/verify and encapsulate/decapsulate calls through the ABI.
//
// P11Session drives the module through the 3.0 table; C_EncapsulateKey and the other 3.2
// functions are only in the "PKCS 11" 3.2 interface, which these helpers fetch with
// C_GetInterface from the same loaded module.
#pragma once

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <craton/pkcs11/craton_vendor.h>
#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test::pqc {

inline CK_FUNCTION_LIST_3_2* fn32() {
    static CK_FUNCTION_LIST_3_2* list = [] {
        const char* env = std::getenv("CRATON_MODULE_PATH");
        const std::string path = env != nullptr && *env != '\0' ? env : CRATON_MODULE_PATH;
        // P11Session has the module loaded already; this finds that same instance.
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) throw std::runtime_error("dlopen failed");
        auto get = reinterpret_cast<CK_C_GetInterface>(dlsym(handle, "C_GetInterface"));
        CK_UTF8CHAR name[] = "PKCS 11";
        CK_VERSION v32{3, 2};
        CK_INTERFACE* iface = nullptr;
        if (get == nullptr || get(name, &v32, &iface, 0) != CKR_OK || iface == nullptr) {
            throw std::runtime_error("no PKCS 11 3.2 interface");
        }
        return static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
    }();
    return list;
}

struct KeyPair {
    CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE priv = CK_INVALID_HANDLE;
};

inline CK_RV generate_pair(P11Session& p11, CK_MECHANISM_TYPE mech, const AttrBuilder& pub,
                           const AttrBuilder& priv, KeyPair& out) {
    CK_MECHANISM m{mech, nullptr, 0};
    auto pt = pub.build();
    auto st = priv.build();
    return p11.fn()->C_GenerateKeyPair(p11.session(), &m, pt.data(), pt.size(), st.data(),
                                       st.size(), &out.pub, &out.priv);
}

// A key pair of the given parameter set (in the public template), private key extractable and
// not sensitive when `exportable` so tests can read it back.
inline KeyPair generate(P11Session& p11, CK_MECHANISM_TYPE mech, CK_ULONG ckp,
                        bool exportable = false) {
    AttrBuilder pub, priv;
    if (ckp != 0) pub.add_ulong(CKA_PARAMETER_SET, ckp);
    if (exportable) priv.add_bool(CKA_SENSITIVE, false).add_bool(CKA_EXTRACTABLE, true);
    KeyPair kp;
    const CK_RV rv = generate_pair(p11, mech, pub, priv, kp);
    EXPECT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << rv_name(rv);
    return kp;
}

inline CK_ULONG ulong_attribute(P11Session& p11, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type) {
    CK_ULONG v = CK_UNAVAILABLE_INFORMATION;
    CK_ATTRIBUTE a{type, &v, sizeof v};
    EXPECT_EQ(p11.fn()->C_GetAttributeValue(p11.session(), obj, &a, 1), static_cast<CK_RV>(CKR_OK));
    return v;
}

inline bool bool_attribute(P11Session& p11, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type) {
    CK_BBOOL v = CK_FALSE;
    CK_ATTRIBUTE a{type, &v, sizeof v};
    EXPECT_EQ(p11.fn()->C_GetAttributeValue(p11.session(), obj, &a, 1), static_cast<CK_RV>(CKR_OK));
    return v == CK_TRUE;
}

inline CK_RV attribute_rv(P11Session& p11, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    return p11.fn()->C_GetAttributeValue(p11.session(), obj, &a, 1);
}

// Imports a public or private key; returns the C_CreateObject result.
inline CK_RV import_key(P11Session& p11, CK_OBJECT_CLASS cls, CK_KEY_TYPE kt, CK_ULONG ckp,
                        const std::vector<std::pair<CK_ATTRIBUTE_TYPE, Bytes>>& values,
                        CK_OBJECT_HANDLE& out, bool exportable = false) {
    AttrBuilder b;
    b.add_ulong(CKA_CLASS, cls).add_ulong(CKA_KEY_TYPE, kt);
    if (ckp != 0) b.add_ulong(CKA_PARAMETER_SET, ckp);
    for (const auto& [type, value] : values) b.add(type, value);
    if (exportable) b.add_bool(CKA_SENSITIVE, false).add_bool(CKA_EXTRACTABLE, true);
    auto t = b.build();
    out = CK_INVALID_HANDLE;
    return p11.fn()->C_CreateObject(p11.session(), t.data(), t.size(), &out);
}

inline CK_RV sign(P11Session& p11, CK_MECHANISM m, CK_OBJECT_HANDLE key, const Bytes& data,
                  Bytes& sig) {
    CK_RV rv = p11.fn()->C_SignInit(p11.session(), &m, key);
    if (rv != CKR_OK) return rv;
    CK_ULONG len = 0;
    rv = p11.fn()->C_Sign(p11.session(), const_cast<CK_BYTE*>(data.data()), data.size(), nullptr,
                          &len);
    if (rv != CKR_OK) return rv;
    sig.assign(len, 0);
    rv = p11.fn()->C_Sign(p11.session(), const_cast<CK_BYTE*>(data.data()), data.size(), sig.data(),
                          &len);
    sig.resize(len);
    return rv;
}

inline CK_RV verify(P11Session& p11, CK_MECHANISM m, CK_OBJECT_HANDLE key, const Bytes& data,
                    const Bytes& sig) {
    CK_RV rv = p11.fn()->C_VerifyInit(p11.session(), &m, key);
    if (rv != CKR_OK) return rv;
    return p11.fn()->C_Verify(p11.session(), const_cast<CK_BYTE*>(data.data()), data.size(),
                              const_cast<CK_BYTE*>(sig.data()), sig.size());
}

// Template of an extractable, non-sensitive generic secret so tests can compare values.
inline AttrBuilder readable_secret() {
    AttrBuilder b;
    b.add_bool(CKA_SENSITIVE, false).add_bool(CKA_EXTRACTABLE, true);
    return b;
}

inline CK_RV encapsulate(P11Session& p11, CK_MECHANISM_TYPE mech, CK_OBJECT_HANDLE pub,
                         const AttrBuilder& tmpl, Bytes& ct, CK_OBJECT_HANDLE& key) {
    CK_MECHANISM m{mech, nullptr, 0};
    auto t = tmpl.build();
    CK_ULONG len = 0;
    key = CK_INVALID_HANDLE;
    CK_RV rv =
        fn32()->C_EncapsulateKey(p11.session(), &m, pub, t.data(), t.size(), nullptr, &len, &key);
    if (rv != CKR_OK) return rv;
    ct.assign(len, 0);
    rv =
        fn32()->C_EncapsulateKey(p11.session(), &m, pub, t.data(), t.size(), ct.data(), &len, &key);
    ct.resize(len);
    return rv;
}

inline CK_RV decapsulate(P11Session& p11, CK_MECHANISM_TYPE mech, CK_OBJECT_HANDLE priv,
                         const AttrBuilder& tmpl, const Bytes& ct, CK_OBJECT_HANDLE& key) {
    CK_MECHANISM m{mech, nullptr, 0};
    auto t = tmpl.build();
    key = CK_INVALID_HANDLE;
    return fn32()->C_DecapsulateKey(p11.session(), &m, priv, t.data(), t.size(),
                                    const_cast<CK_BYTE*>(ct.data()), ct.size(), &key);
}

// CK_SIGN_ADDITIONAL_CONTEXT / CK_HASH_SIGN_ADDITIONAL_CONTEXT that outlive the CK_MECHANISM.
struct SignContext {
    CK_SIGN_ADDITIONAL_CONTEXT plain{};
    CK_HASH_SIGN_ADDITIONAL_CONTEXT hashed{};
    Bytes context;
    SignContext(CK_HEDGE_TYPE hedge, Bytes ctx, CK_MECHANISM_TYPE hash = 0)
        : context(std::move(ctx)) {
        plain = {hedge, context.empty() ? nullptr : context.data(),
                 static_cast<CK_ULONG>(context.size())};
        hashed = {hedge, context.empty() ? nullptr : context.data(),
                  static_cast<CK_ULONG>(context.size()), hash};
    }
    SignContext(const SignContext&) = delete;  // the structs point into `context`
    SignContext& operator=(const SignContext&) = delete;
    CK_MECHANISM mechanism(CK_MECHANISM_TYPE type) { return {type, &plain, sizeof plain}; }
    CK_MECHANISM hash_mechanism(CK_MECHANISM_TYPE type) { return {type, &hashed, sizeof hashed}; }
};

inline Bytes bytes_of(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

}  // namespace craton::test::pqc
