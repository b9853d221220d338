// A PKCS#11 object: its attributes, where it lives, and its parsed key form.
//
// Public attribute values sit in ordinary memory; key material (CKA_VALUE of keys, RSA private
// components, CKA_SEED) sits in SecureBytes. The parsed form a mechanism needs (an EVP_PKEY, an
// expanded PQC key) is built once on first use and cached here, so operations never re-parse;
// it is released, and wiped by its own destructor, when the object goes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <craton/pkcs11/pkcs11.h>

#include "core/secure_bytes.h"

namespace craton {

// Base of every mechanism family's parsed key form.
class KeyMaterial {
public:
    virtual ~KeyMaterial() = default;
};

class Object {
public:
    struct Value {
        Bytes plain;
        SecureBytes secret;
        bool is_secret = false;
        ByteView bytes() const {
            return is_secret ? ByteView(secret.data(), secret.size())
                             : ByteView(plain.data(), plain.size());
        }
    };
    using AttributeMap = std::map<CK_ATTRIBUTE_TYPE, Value>;

    Object() = default;
    Object(const Object& other);  // copies attributes, not handle or parsed form
    Object& operator=(const Object&) = delete;

    CK_OBJECT_HANDLE handle() const noexcept { return handle_; }
    void set_handle(CK_OBJECT_HANDLE h) noexcept { handle_ = h; }
    // Session that owns a session object (0 for token objects).
    CK_SESSION_HANDLE owner_session() const noexcept { return owner_session_; }
    void set_owner_session(CK_SESSION_HANDLE s) noexcept { owner_session_ = s; }
    // Stable identifier used by the persistent store (token objects only).
    std::uint64_t store_id() const noexcept { return store_id_; }
    void set_store_id(std::uint64_t id) noexcept { store_id_ = id; }

    bool has(CK_ATTRIBUTE_TYPE type) const { return attrs_.count(type) != 0; }
    std::optional<ByteView> get(CK_ATTRIBUTE_TYPE type) const;
    bool get_bool(CK_ATTRIBUTE_TYPE type, bool fallback = false) const;
    CK_ULONG get_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG fallback = CK_UNAVAILABLE_INFORMATION) const;

    void set(CK_ATTRIBUTE_TYPE type, ByteView value);
    void set_bool(CK_ATTRIBUTE_TYPE type, bool value);
    void set_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);
    void erase(CK_ATTRIBUTE_TYPE type) { attrs_.erase(type); }

    const AttributeMap& attributes() const noexcept { return attrs_; }

    CK_OBJECT_CLASS object_class() const { return get_ulong(CKA_CLASS); }
    CK_KEY_TYPE key_type() const { return get_ulong(CKA_KEY_TYPE); }
    bool is_token() const { return get_bool(CKA_TOKEN); }
    bool is_private() const { return get_bool(CKA_PRIVATE); }

    // Approximate bytes held, for C_GetObjectSize.
    CK_ULONG size() const;

    // Parsed key form, built by `build` once; later callers share it.
    template <class Builder>
    std::shared_ptr<const KeyMaterial> parsed(Builder&& build) const {
        std::call_once(parse_once_, [&] { parsed_ = build(*this); });
        return parsed_;
    }

private:
    CK_OBJECT_HANDLE handle_ = CK_INVALID_HANDLE;
    CK_SESSION_HANDLE owner_session_ = CK_INVALID_HANDLE;
    std::uint64_t store_id_ = 0;
    AttributeMap attrs_;
    mutable std::once_flag parse_once_;
    mutable std::shared_ptr<const KeyMaterial> parsed_;
};

using ObjectPtr = std::shared_ptr<Object>;

// Attributes that hold key material and so live in locked memory.
bool is_key_material_attribute(CK_ATTRIBUTE_TYPE type) noexcept;

}  // namespace craton
