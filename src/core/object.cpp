#include "core/object.h"

#include <cstring>

namespace craton {

bool is_key_material_attribute(CK_ATTRIBUTE_TYPE type) noexcept {
    switch (type) {
        case CKA_VALUE:
        case CKA_PRIVATE_EXPONENT:
        case CKA_PRIME_1:
        case CKA_PRIME_2:
        case CKA_EXPONENT_1:
        case CKA_EXPONENT_2:
        case CKA_COEFFICIENT:
        case CKA_SEED:
            return true;
        default:
            return false;
    }
}

Object::Object(const Object& other)
    : owner_session_(other.owner_session_), attrs_(other.attrs_) {}

std::optional<ByteView> Object::get(CK_ATTRIBUTE_TYPE type) const {
    const auto it = attrs_.find(type);
    if (it == attrs_.end()) return std::nullopt;
    return it->second.bytes();
}

bool Object::get_bool(CK_ATTRIBUTE_TYPE type, bool fallback) const {
    const auto v = get(type);
    if (!v || v->size() != sizeof(CK_BBOOL)) return fallback;
    return (*v)[0] != CK_FALSE;
}

CK_ULONG Object::get_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG fallback) const {
    const auto v = get(type);
    if (!v || v->size() != sizeof(CK_ULONG)) return fallback;
    CK_ULONG out;
    std::memcpy(&out, v->data(), sizeof out);
    return out;
}

void Object::set(CK_ATTRIBUTE_TYPE type, ByteView value) {
    Value v;
    // Only keys carry secret material; a data object's CKA_VALUE is ordinary data.
    const CK_OBJECT_CLASS cls = get_ulong(CKA_CLASS);
    v.is_secret = is_key_material_attribute(type) &&
                  (cls == CKO_SECRET_KEY || cls == CKO_PRIVATE_KEY);
    if (v.is_secret) {
        v.secret.assign(value.begin(), value.end());
    } else {
        v.plain.assign(value.begin(), value.end());
    }
    attrs_[type] = std::move(v);
}

void Object::set_bool(CK_ATTRIBUTE_TYPE type, bool value) {
    const CK_BBOOL b = value ? CK_TRUE : CK_FALSE;
    set(type, view(&b, sizeof b));
}

void Object::set_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) {
    set(type, view(&value, sizeof value));
}

CK_ULONG Object::size() const {
    CK_ULONG total = 0;
    for (const auto& [type, value] : attrs_) total += sizeof(CK_ATTRIBUTE) + value.bytes().size();
    return total;
}

}  // namespace craton
