#include "core/template.h"

#include <cstring>

#include <craton/pkcs11/craton_vendor.h>

#include "core/error.h"

namespace craton {
namespace {
constexpr CK_ULONG kMaxAttributes = 4096;
constexpr CK_ULONG kMaxValueBytes = 1 << 24;  // no attribute we store is anywhere near 16 MiB
constexpr int kMaxNesting = 2;

SecureBytes encode_nested(const CK_ATTRIBUTE* attrs, CK_ULONG count, int depth);

// Applications of the earlier Rust product name PQC key types by its vendor numbers; they are
// aliases of the 3.2 values, folded here so every function (create, generate, find) sees one.
void canonical_key_type(CK_ATTRIBUTE_TYPE type, SecureBytes& value) {
    if (type != CKA_KEY_TYPE || value.size() != sizeof(CK_ULONG)) return;
    CK_ULONG kt;
    std::memcpy(&kt, value.data(), sizeof kt);
    switch (kt) {
        case CKK_CRATON_LEGACY_ML_KEM: kt = CKK_ML_KEM; break;
        case CKK_CRATON_LEGACY_ML_DSA: kt = CKK_ML_DSA; break;
        case CKK_CRATON_LEGACY_SLH_DSA: kt = CKK_SLH_DSA; break;
        default: return;
    }
    std::memcpy(value.data(), &kt, sizeof kt);
}

SecureBytes copy_value(const CK_ATTRIBUTE& a, int depth) {
    if (a.ulValueLen == 0) return {};
    if (a.pValue == nullptr || a.ulValueLen > kMaxValueBytes) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    if (is_array_attribute(a.type)) {
        if (a.ulValueLen % sizeof(CK_ATTRIBUTE) != 0 || depth >= kMaxNesting) {
            fail(CKR_ATTRIBUTE_VALUE_INVALID);
        }
        return encode_nested(static_cast<const CK_ATTRIBUTE*>(a.pValue),
                             a.ulValueLen / sizeof(CK_ATTRIBUTE), depth + 1);
    }
    const auto* p = static_cast<const std::uint8_t*>(a.pValue);
    return SecureBytes(p, p + a.ulValueLen);
}

void put_ulong(SecureBytes& out, CK_ULONG v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    out.insert(out.end(), p, p + sizeof v);
}

SecureBytes encode_nested(const CK_ATTRIBUTE* attrs, CK_ULONG count, int depth) {
    if (count > kMaxAttributes) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    SecureBytes out;
    for (CK_ULONG i = 0; i < count; ++i) {
        SecureBytes value = copy_value(attrs[i], depth);
        put_ulong(out, attrs[i].type);
        put_ulong(out, value.size());
        out.insert(out.end(), value.begin(), value.end());
    }
    return out;
}
}  // namespace

Template Template::from_caller(const CK_ATTRIBUTE* attrs, CK_ULONG count) {
    Template t;
    if (count == 0) return t;
    if (attrs == nullptr || count > kMaxAttributes) fail(CKR_ARGUMENTS_BAD);
    t.entries_.reserve(count);
    for (CK_ULONG i = 0; i < count; ++i) {
        t.entries_.push_back({attrs[i].type, copy_value(attrs[i], 0)});
        canonical_key_type(attrs[i].type, t.entries_.back().value);
    }
    return t;
}

const TemplateEntry* Template::find(CK_ATTRIBUTE_TYPE type) const {
    for (const auto& e : entries_) {
        if (e.type == type) return &e;
    }
    return nullptr;
}

std::optional<bool> Template::get_bool(CK_ATTRIBUTE_TYPE type) const {
    const auto* e = find(type);
    if (e == nullptr) return std::nullopt;
    if (e->value.size() != sizeof(CK_BBOOL)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    return e->value[0] != CK_FALSE;
}

std::optional<CK_ULONG> Template::get_ulong(CK_ATTRIBUTE_TYPE type) const {
    const auto* e = find(type);
    if (e == nullptr) return std::nullopt;
    if (e->value.size() != sizeof(CK_ULONG)) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    CK_ULONG v;
    std::memcpy(&v, e->value.data(), sizeof v);
    return v;
}

void Template::add(CK_ATTRIBUTE_TYPE type, ByteView value) {
    entries_.push_back({type, SecureBytes(value.begin(), value.end())});
}
void Template::add_bool(CK_ATTRIBUTE_TYPE type, bool value) {
    const CK_BBOOL b = value ? CK_TRUE : CK_FALSE;
    add(type, view(&b, sizeof b));
}
void Template::add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) {
    add(type, view(&value, sizeof value));
}

SecureBytes encode_nested_template(const CK_ATTRIBUTE* attrs, CK_ULONG count) {
    if (count != 0 && attrs == nullptr) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    return encode_nested(attrs, count, 1);
}

Template decode_nested_template(ByteView encoded) {
    Template t;
    std::size_t pos = 0;
    while (pos < encoded.size()) {
        if (encoded.size() - pos < 2 * sizeof(CK_ULONG)) fail(CKR_GENERAL_ERROR);
        CK_ULONG type, len;
        std::memcpy(&type, encoded.data() + pos, sizeof type);
        std::memcpy(&len, encoded.data() + pos + sizeof type, sizeof len);
        pos += 2 * sizeof(CK_ULONG);
        if (encoded.size() - pos < len) fail(CKR_GENERAL_ERROR);
        t.add(type, encoded.subspan(pos, len));
        pos += len;
    }
    return t;
}

}  // namespace craton
