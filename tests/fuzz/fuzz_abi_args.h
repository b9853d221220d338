// Decoding PKCS#11 call arguments from fuzz input: handles, buffers, templates, mechanisms.
//
// Buffers are allocated at exactly the length they claim, so ASan catches any access past
// them; NULL pointers may come with any length, since the module must check those. Mechanism
// parameter blocks that contain pointers are only ever built as their own structure (a GCM
// block for CKM_AES_GCM, ...): reinterpreting one structure as another would hand the module
// integers as pointers, which no module can survive and no real caller does.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "fuzz_input.h"

namespace craton::fuzz {

// Owns the memory of one call's arguments.
struct Arena {
    std::vector<std::unique_ptr<std::vector<std::uint8_t>>> bytes;
    std::vector<std::unique_ptr<std::vector<CK_ATTRIBUTE>>> templates;
    std::vector<std::unique_ptr<CK_ULONG>> lengths;

    std::uint8_t* alloc(std::size_t n) {
        if (n == 0) return nullptr;
        bytes.push_back(std::make_unique<std::vector<std::uint8_t>>(n));
        return bytes.back()->data();
    }
    std::uint8_t* copy(std::span<const std::uint8_t> v) {
        std::uint8_t* p = alloc(v.size());
        if (p != nullptr) std::copy(v.begin(), v.end(), p);
        return p;
    }
};

struct Buffer {
    CK_BYTE_PTR p = nullptr;
    CK_ULONG len = 0;
};

// An output buffer and its length word, with the pointer to the length possibly NULL.
struct Output {
    CK_BYTE_PTR p = nullptr;
    CK_ULONG capacity = 0;
    CK_ULONG len = 0;
    bool null_len = false;
    CK_ULONG_PTR len_ptr() { return null_len ? nullptr : &len; }
};

struct Tmpl {
    CK_ATTRIBUTE_PTR p = nullptr;
    CK_ULONG count = 0;
};

// A mechanism whose parameter memory lives in the call's arena.
struct Mech {
    CK_MECHANISM m{};
    bool null = false;
    CK_MECHANISM_PTR ptr() { return null ? nullptr : &m; }
};

inline constexpr CK_ATTRIBUTE_TYPE kAttributeTypes[] = {
    CKA_CLASS,
    CKA_TOKEN,
    CKA_PRIVATE,
    CKA_LABEL,
    CKA_VALUE,
    CKA_KEY_TYPE,
    CKA_ID,
    CKA_SENSITIVE,
    CKA_ENCRYPT,
    CKA_DECRYPT,
    CKA_WRAP,
    CKA_UNWRAP,
    CKA_SIGN,
    CKA_VERIFY,
    CKA_DERIVE,
    CKA_MODULUS_BITS,
    CKA_PUBLIC_EXPONENT,
    CKA_VALUE_LEN,
    CKA_EXTRACTABLE,
    CKA_MODIFIABLE,
    CKA_COPYABLE,
    CKA_DESTROYABLE,
    CKA_EC_PARAMS,
    CKA_EC_POINT,
    CKA_WRAP_TEMPLATE,
    CKA_UNWRAP_TEMPLATE,
    CKA_ALLOWED_MECHANISMS,
    CKA_PARAMETER_SET,
    CKA_APPLICATION,
    CKA_TRUSTED,
    CKA_WRAP_WITH_TRUSTED,
    CKA_ALWAYS_AUTHENTICATE,
    CKA_MODULUS,
    CKA_PRIVATE_EXPONENT,
    CKA_ENCAPSULATE,
    CKA_DECAPSULATE,
};

// Values that make templates meaningful often enough to reach deep code.
inline constexpr CK_ULONG kUlongValues[] = {
    CKO_DATA,
    CKO_SECRET_KEY,
    CKO_PUBLIC_KEY,
    CKO_PRIVATE_KEY,
    CKO_CERTIFICATE,
    CKK_AES,
    CKK_GENERIC_SECRET,
    CKK_RSA,
    CKK_EC,
    CKK_EC_EDWARDS,
    CKK_ML_KEM,
    CKK_ML_DSA,
    CKK_SLH_DSA,
    16,
    32,
    1024,
    2048,
    CKP_ML_KEM_768,
    CKP_ML_DSA_44,
    0,
    ~CK_ULONG{0},
};

// Parameter layouts the module reads, by mechanism.
enum class ParamKind { None, Bytes, Gcm, Ecdh, Eddsa, Hkdf, Oaep, SignContext, HashSignContext };

inline ParamKind param_kind(CK_MECHANISM_TYPE t) {
    switch (t) {
        case CKM_AES_GCM:
            return ParamKind::Gcm;
        case CKM_ECDH1_DERIVE:
        case CKM_ECDH1_COFACTOR_DERIVE:
            return ParamKind::Ecdh;
        case CKM_EDDSA:
            return ParamKind::Eddsa;
        case CKM_HKDF_DERIVE:
        case CKM_HKDF_DATA:
            return ParamKind::Hkdf;
        case CKM_RSA_PKCS_OAEP:
            return ParamKind::Oaep;
        case CKM_HASH_ML_DSA:
        case CKM_HASH_SLH_DSA:
            return ParamKind::HashSignContext;
        // Pointer-free parameters: IVs, counter blocks, PSS blocks, MAC lengths, ciphertexts.
        case CKM_AES_CBC:
        case CKM_AES_CBC_PAD:
        case CKM_AES_CTR:
        case CKM_AES_KEY_WRAP:
        case CKM_AES_KEY_WRAP_PAD:
        case CKM_AES_KEY_WRAP_KWP:
        case CKM_AES_CMAC_GENERAL:
        case CKM_SHA256_HMAC_GENERAL:
        case CKM_RSA_PKCS_PSS:
        case CKM_SHA256_RSA_PKCS_PSS:
        case CKM_ML_KEM:
            return ParamKind::Bytes;
        default:
            break;
    }
    // ML-DSA and SLH-DSA signing mechanisms take CK_SIGN_ADDITIONAL_CONTEXT.
    if (t >= CKM_ML_DSA && t <= CKM_HASH_SLH_DSA_SHAKE256) return ParamKind::SignContext;
    return ParamKind::None;
}

class Calls {
  public:
    Calls(const std::uint8_t* data, std::size_t size) : in(data, size) {}

    FuzzInput in;
    std::vector<CK_SESSION_HANDLE> sessions;
    std::vector<CK_OBJECT_HANDLE> objects;

    // A handle from `pool` most of the time, else a special or random number.
    CK_ULONG pick(const std::vector<CK_ULONG>& pool) {
        const std::uint8_t b = in.byte();
        if (b < 200 && !pool.empty()) return pool[b % pool.size()];
        static constexpr CK_ULONG kSpecial[] = {0, 1, 2, 0xFFFFFFFFul, ~CK_ULONG{0}};
        if (b < 240) return kSpecial[b % std::size(kSpecial)];
        return static_cast<CK_ULONG>(in.u64());
    }
    CK_SESSION_HANDLE session() { return pick(sessions); }
    CK_OBJECT_HANDLE object() { return pick(objects); }
    CK_SLOT_ID slot() {
        const std::uint8_t b = in.byte();
        return b < 250 ? b % 3 : static_cast<CK_SLOT_ID>(in.u64());
    }
    CK_USER_TYPE user_type() {
        static constexpr CK_USER_TYPE kUsers[] = {CKU_USER, CKU_SO, CKU_CONTEXT_SPECIFIC, 7};
        return kUsers[in.byte() % std::size(kUsers)];
    }

    // PINs: mostly two fixed ones so logins can succeed, sometimes anything.
    Buffer pin(Arena& a) {
        static constexpr std::string_view kPins[] = {"so-pin-1234", "user-pin-5678"};
        const std::uint8_t b = in.byte();
        if (b < 200) {
            const auto pin = kPins[b % 2];
            return {a.copy({reinterpret_cast<const std::uint8_t*>(pin.data()), pin.size()}),
                    pin.size()};
        }
        return input(a);
    }

    // Input data: exact bytes, nothing, or NULL with a claimed length.
    Buffer input(Arena& a) {
        switch (in.byte() % 8) {
            case 0:
                return {nullptr, 0};
            case 1:
                return {nullptr, static_cast<CK_ULONG>(in.u64())};
            default: {
                const auto v = in.chunk();
                return {a.copy(v), v.size()};
            }
        }
    }

    // Output: a length query, an exact buffer (often too small), or no length word at all.
    Output output(Arena& a) {
        Output o;
        switch (in.byte() % 8) {
            case 0:
                o.len = static_cast<CK_ULONG>(in.u64());
                break;  // NULL buffer: a query
            case 1:
                o.null_len = true;
                o.capacity = in.byte();
                break;
            case 2:
                o.capacity = 8192;
                break;
            default:
                o.capacity = in.u16() % 4096;
                break;  // often too small
        }
        o.p = a.alloc(o.capacity);
        if (o.p != nullptr) o.len = o.capacity;
        return o;
    }

    CK_ATTRIBUTE attribute(Arena& a, int depth) {
        const std::uint8_t t = in.byte();
        CK_ATTRIBUTE attr{t < 245 ? kAttributeTypes[t % std::size(kAttributeTypes)]
                                  : static_cast<CK_ATTRIBUTE_TYPE>(in.u64()),
                          nullptr, 0};
        std::uint8_t form = in.byte();
        // Template-valued attributes (CKF_ARRAY_ATTRIBUTE, except the mechanism list) hold
        // CK_ATTRIBUTEs with pointers: only a real nested template or NULL, never raw bytes.
        if ((attr.type & CKF_ARRAY_ATTRIBUTE) != 0 && attr.type != CKA_ALLOWED_MECHANISMS) {
            form = (form & 1) ? 3 : 2;
        }
        switch (form % 7) {
            case 0: {
                const CK_ULONG v = kUlongValues[in.byte() % std::size(kUlongValues)];
                attr.pValue = a.copy({reinterpret_cast<const std::uint8_t*>(&v), sizeof v});
                attr.ulValueLen = sizeof v;
                break;
            }
            case 1: {
                const std::uint8_t v = in.byte() & 1;
                attr.pValue = a.copy({&v, 1});
                attr.ulValueLen = 1;
                break;
            }
            case 2:
                attr.ulValueLen = static_cast<CK_ULONG>(in.u64());
                break;  // NULL value
            case 3: {
                if (depth > 2) break;
                const Tmpl nested = tmpl(a, depth + 1);
                attr.pValue = nested.p;
                attr.ulValueLen = nested.count * sizeof(CK_ATTRIBUTE);
                break;
            }
            default: {
                const auto v = in.chunk();
                attr.pValue = a.copy(v);
                attr.ulValueLen = v.size();
                break;
            }
        }
        return attr;
    }

    Tmpl tmpl(Arena& a, int depth = 0) {
        const std::uint8_t b = in.byte();
        if (b >= 250) return {nullptr, static_cast<CK_ULONG>(in.u64())};  // NULL, any count
        const std::size_t count = b % 10;
        a.templates.push_back(std::make_unique<std::vector<CK_ATTRIBUTE>>());
        auto& t = *a.templates.back();
        for (std::size_t i = 0; i < count; ++i) t.push_back(attribute(a, depth));
        return {t.empty() ? nullptr : t.data(), static_cast<CK_ULONG>(t.size())};
    }

    // C_GetAttributeValue's template: types with NULL (length query) or exact buffers.
    Tmpl out_tmpl(Arena& a) {
        const std::size_t count = in.byte() % 8;
        a.templates.push_back(std::make_unique<std::vector<CK_ATTRIBUTE>>());
        auto& t = *a.templates.back();
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint8_t b = in.byte();
            CK_ATTRIBUTE attr{kAttributeTypes[b % std::size(kAttributeTypes)], nullptr, 0};
            if (in.byte() & 1) {
                attr.ulValueLen = in.byte();
                attr.pValue = a.alloc(attr.ulValueLen);
            }
            t.push_back(attr);
        }
        return {t.empty() ? nullptr : t.data(), static_cast<CK_ULONG>(t.size())};
    }

    CK_MECHANISM_TYPE mechanism_type(const std::vector<CK_MECHANISM_TYPE>& supported) {
        const std::uint8_t b = in.byte();
        if (b < 240 && !supported.empty()) return supported[b % supported.size()];
        static constexpr CK_MECHANISM_TYPE kOdd[] = {0x7FFFFFFFul, ~CK_ULONG{0},
                                                     CKM_VENDOR_DEFINED};
        return kOdd[b % std::size(kOdd)];
    }

    Mech mechanism(Arena& a, const std::vector<CK_MECHANISM_TYPE>& supported) {
        Mech mech;
        mech.m.mechanism = mechanism_type(supported);
        const std::uint8_t how = in.byte();
        if (how % 16 == 0) {
            mech.null = true;
            return mech;
        }
        if (how % 16 == 1) {  // no parameter, or NULL with a length
            mech.m.ulParameterLen = (how & 0x80) ? static_cast<CK_ULONG>(in.u64()) : 0;
            return mech;
        }
        switch (param_kind(mech.m.mechanism)) {
            case ParamKind::None:
                break;
            case ParamKind::Bytes: {
                const auto v = in.chunk();
                mech.m.pParameter = a.copy(v);
                mech.m.ulParameterLen = v.size();
                break;
            }
            case ParamKind::Gcm: {
                const Buffer iv = input(a), aad = input(a);
                auto* p = place<CK_GCM_PARAMS>(a);
                *p = {iv.p, iv.len, in.byte(), aad.p, aad.len, in.byte()};
                set(mech, p);
                break;
            }
            case ParamKind::Ecdh: {
                const Buffer shared = input(a), pub = input(a);
                auto* p = place<CK_ECDH1_DERIVE_PARAMS>(a);
                *p = {static_cast<CK_EC_KDF_TYPE>(in.byte() % 12), shared.len, shared.p, pub.len,
                      pub.p};
                set(mech, p);
                break;
            }
            case ParamKind::Eddsa: {
                const Buffer ctx = input(a);
                auto* p = place<CK_EDDSA_PARAMS>(a);
                *p = {static_cast<CK_BBOOL>(in.byte() & 1), ctx.len, ctx.p};
                set(mech, p);
                break;
            }
            case ParamKind::Hkdf: {
                const Buffer salt = input(a), info = input(a);
                auto* p = place<CK_HKDF_PARAMS>(a);
                *p = {static_cast<CK_BBOOL>(in.byte() & 1),
                      static_cast<CK_BBOOL>(in.byte() & 1),
                      mechanism_type(supported),
                      static_cast<CK_ULONG>(in.byte() % 5),
                      salt.p,
                      salt.len,
                      pick(objects),
                      info.p,
                      info.len};
                set(mech, p);
                break;
            }
            case ParamKind::Oaep: {
                const Buffer label = input(a);
                auto* p = place<CK_RSA_PKCS_OAEP_PARAMS>(a);
                *p = {mechanism_type(supported), static_cast<CK_RSA_PKCS_MGF_TYPE>(in.byte() % 8),
                      static_cast<CK_RSA_PKCS_OAEP_SOURCE_TYPE>(in.byte() % 3), label.p, label.len};
                set(mech, p);
                break;
            }
            case ParamKind::SignContext: {
                const Buffer ctx = input(a);
                auto* p = place<CK_SIGN_ADDITIONAL_CONTEXT>(a);
                *p = {static_cast<CK_HEDGE_TYPE>(in.byte() % 4), ctx.p, ctx.len};
                set(mech, p);
                break;
            }
            case ParamKind::HashSignContext: {
                const Buffer ctx = input(a);
                auto* p = place<CK_HASH_SIGN_ADDITIONAL_CONTEXT>(a);
                *p = {static_cast<CK_HEDGE_TYPE>(in.byte() % 4), ctx.p, ctx.len,
                      mechanism_type(supported)};
                set(mech, p);
                break;
            }
        }
        return mech;
    }

    // The per-message parameter of the message-based calls: none, a CK_GCM_MESSAGE_PARAMS
    // whose IV and tag buffers really have the lengths it claims (the module writes a
    // generated IV and the tag there), or raw bytes shorter than that structure (so they can
    // never be taken for one and dereferenced).
    Buffer message_param(Arena& a) {
        switch (in.byte() % 4) {
            case 0:
                return {nullptr, 0};
            case 1: {
                auto v = in.chunk();
                if (v.size() >= sizeof(CK_GCM_MESSAGE_PARAMS)) {
                    v = v.first(sizeof(CK_GCM_MESSAGE_PARAMS) - 1);
                }
                return {a.copy(v), v.size()};
            }
            default: {
                const Buffer iv = input(a);
                const CK_ULONG tag_bits = in.byte();
                CK_BYTE_PTR tag = (in.byte() & 7) ? a.alloc((tag_bits + 7) / 8) : nullptr;
                static constexpr CK_GENERATOR_FUNCTION kGenerators[] = {
                    CKG_NO_GENERATE,          CKG_GENERATE,
                    CKG_GENERATE_COUNTER,     CKG_GENERATE_RANDOM,
                    CKG_GENERATE_COUNTER_XOR, 0x77};
                auto* p = place<CK_GCM_MESSAGE_PARAMS>(a);
                *p = {iv.p, iv.len,  in.byte(), kGenerators[in.byte() % std::size(kGenerators)],
                      tag,  tag_bits};
                const CK_ULONG len = (in.byte() & 7) ? sizeof *p : in.byte() % sizeof *p;
                return {reinterpret_cast<CK_BYTE_PTR>(p), len};
            }
        }
    }

  private:
    template <class T>
    T* place(Arena& a) {
        return reinterpret_cast<T*>(a.alloc(sizeof(T)));
    }
    template <class T>
    void set(Mech& mech, T* p) {
        mech.m.pParameter = p;
        // Usually the structure's size; sometimes smaller, which must be refused unread.
        mech.m.ulParameterLen = (in.byte() & 7) ? sizeof(T) : in.byte() % sizeof(T);
    }
};

}  // namespace craton::fuzz
