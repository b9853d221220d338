#include "wire/attribute_codec.h"

#include <cstring>
#include <limits>

#include <openssl/crypto.h>

#include "core/error.h"

namespace craton::wire {

AttrKind attr_kind(CK_ATTRIBUTE_TYPE type) {
    if ((type & CKF_ARRAY_ATTRIBUTE) != 0 && type != CKA_ALLOWED_MECHANISMS) {
        return AttrKind::AttributeArray;
    }
    switch (type) {
        case CKA_CLASS:
        case CKA_CERTIFICATE_TYPE:
        case CKA_CERTIFICATE_CATEGORY:
        case CKA_JAVA_MIDP_SECURITY_DOMAIN:
        case CKA_NAME_HASH_ALGORITHM:
        case CKA_KEY_TYPE:
        case CKA_MODULUS_BITS:
        case CKA_PRIME_BITS:
        case CKA_SUBPRIME_BITS:
        case CKA_VALUE_BITS:
        case CKA_VALUE_LEN:
        case CKA_KEY_GEN_MECHANISM:
        case CKA_AUTH_PIN_FLAGS:
        case CKA_HW_FEATURE_TYPE:
        case CKA_MECHANISM_TYPE:
        case CKA_PROFILE_ID:
        case CKA_PARAMETER_SET:
        case CKA_OBJECT_VALIDATION_FLAGS:
            return AttrKind::Ulong;
        case CKA_TOKEN:
        case CKA_PRIVATE:
        case CKA_TRUSTED:
        case CKA_SENSITIVE:
        case CKA_ENCRYPT:
        case CKA_DECRYPT:
        case CKA_WRAP:
        case CKA_UNWRAP:
        case CKA_SIGN:
        case CKA_SIGN_RECOVER:
        case CKA_VERIFY:
        case CKA_VERIFY_RECOVER:
        case CKA_DERIVE:
        case CKA_EXTRACTABLE:
        case CKA_LOCAL:
        case CKA_NEVER_EXTRACTABLE:
        case CKA_ALWAYS_SENSITIVE:
        case CKA_MODIFIABLE:
        case CKA_COPYABLE:
        case CKA_DESTROYABLE:
        case CKA_SECONDARY_AUTH:
        case CKA_ALWAYS_AUTHENTICATE:
        case CKA_WRAP_WITH_TRUSTED:
        case CKA_RESET_ON_INIT:
        case CKA_HAS_RESET:
        case CKA_ENCAPSULATE:
        case CKA_DECAPSULATE:
            return AttrKind::Bool;
        case CKA_ALLOWED_MECHANISMS:
            return AttrKind::MechanismList;
        default:
            return AttrKind::Bytes;
    }
}

void encode_attribute(CK_ATTRIBUTE_TYPE type, const void* value, CK_ULONG length,
                      v1::Attribute& out) {
    if (value == nullptr && length != 0) fail(CKR_ARGUMENTS_BAD);
    out.set_type(type);
    const AttrKind kind = attr_kind(type);
    if (kind == AttrKind::AttributeArray)
        fail(CKR_ATTRIBUTE_TYPE_INVALID, "attribute arrays are not carried");
    if (kind == AttrKind::Ulong && length == sizeof(CK_ULONG)) {
        CK_ULONG v;
        std::memcpy(&v, value, sizeof v);
        out.set_ulong_value(v);
    } else if (kind == AttrKind::Bool && length == sizeof(CK_BBOOL)) {
        const auto b = *static_cast<const CK_BBOOL*>(value);
        // Values other than CK_TRUE/CK_FALSE are the module's to refuse: keep the bytes.
        if (b > 1) {
            out.set_bytes_value(static_cast<const char*>(value), length);
        } else {
            out.set_bool_value(b == CK_TRUE);
        }
    } else if (kind == AttrKind::MechanismList && length % sizeof(CK_MECHANISM_TYPE) == 0) {
        auto* list = out.mutable_mechanisms();
        for (CK_ULONG i = 0; i < length / sizeof(CK_MECHANISM_TYPE); ++i) {
            CK_MECHANISM_TYPE m;
            std::memcpy(&m, static_cast<const std::uint8_t*>(value) + i * sizeof m, sizeof m);
            list->add_values(m);
        }
    } else {
        out.set_bytes_value(
            value == nullptr ? "" : std::string(static_cast<const char*>(value), length));
    }
}

void encode_template(const CK_ATTRIBUTE* attrs, CK_ULONG count, AttributeList& out) {
    if (count != 0 && attrs == nullptr) fail(CKR_ARGUMENTS_BAD);
    for (CK_ULONG i = 0; i < count; ++i) {
        encode_attribute(attrs[i].type, attrs[i].pValue, attrs[i].ulValueLen, *out.Add());
    }
}

std::vector<std::uint8_t> decode_value(const v1::Attribute& attr) {
    std::vector<std::uint8_t> out;
    switch (attr.value_case()) {
        case v1::Attribute::kUlongValue: {
            if (attr.ulong_value() > std::numeric_limits<CK_ULONG>::max()) {
                fail(CKR_ATTRIBUTE_VALUE_INVALID);
            }
            const auto v = static_cast<CK_ULONG>(attr.ulong_value());
            out.resize(sizeof v);
            std::memcpy(out.data(), &v, sizeof v);
            break;
        }
        case v1::Attribute::kBoolValue:
            out.push_back(attr.bool_value() ? CK_TRUE : CK_FALSE);
            break;
        case v1::Attribute::kBytesValue:
            out.assign(attr.bytes_value().begin(), attr.bytes_value().end());
            break;
        case v1::Attribute::kMechanisms:
            for (std::uint64_t m64 : attr.mechanisms().values()) {
                if (m64 > std::numeric_limits<CK_MECHANISM_TYPE>::max())
                    fail(CKR_ATTRIBUTE_VALUE_INVALID);
                const auto m = static_cast<CK_MECHANISM_TYPE>(m64);
                const auto* p = reinterpret_cast<const std::uint8_t*>(&m);
                out.insert(out.end(), p, p + sizeof m);
            }
            break;
        case v1::Attribute::VALUE_NOT_SET:
            break;
    }
    return out;
}

NativeTemplate::NativeTemplate(const AttributeList& attrs) {
    values_.reserve(static_cast<std::size_t>(attrs.size()));
    attrs_.reserve(static_cast<std::size_t>(attrs.size()));
    for (const auto& a : attrs) {
        if (a.type() > std::numeric_limits<CK_ATTRIBUTE_TYPE>::max())
            fail(CKR_ATTRIBUTE_TYPE_INVALID);
        if (attr_kind(a.type()) == AttrKind::AttributeArray) fail(CKR_ATTRIBUTE_TYPE_INVALID);
        values_.push_back(decode_value(a));
        auto& v = values_.back();
        attrs_.push_back({static_cast<CK_ATTRIBUTE_TYPE>(a.type()), v.empty() ? nullptr : v.data(),
                          static_cast<CK_ULONG>(v.size())});
    }
}

NativeTemplate::~NativeTemplate() {
    for (auto& v : values_) {
        if (!v.empty()) OPENSSL_cleanse(v.data(), v.size());
    }
}

}  // namespace craton::wire
