// A caller's attribute template, copied out of caller memory once at the ABI boundary.
//
// Core code never dereferences a CK_ATTRIBUTE_PTR: the ABI layer turns it into a Template
// (deep-copying nested CKF_ARRAY_ATTRIBUTE templates into our own encoding) so later checks
// cannot be raced by the caller changing its buffers.
#pragma once

#include <optional>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "core/secure_bytes.h"

namespace craton {

struct TemplateEntry {
    CK_ATTRIBUTE_TYPE type;
    SecureBytes value;  // templates may carry key material, so treat every value as secret
};

class Template {
public:
    Template() = default;
    // Copies `count` attributes; throws CKR_ARGUMENTS_BAD / CKR_ATTRIBUTE_VALUE_INVALID.
    static Template from_caller(const CK_ATTRIBUTE* attrs, CK_ULONG count);

    const std::vector<TemplateEntry>& entries() const noexcept { return entries_; }
    bool empty() const noexcept { return entries_.empty(); }
    const TemplateEntry* find(CK_ATTRIBUTE_TYPE type) const;
    std::optional<bool> get_bool(CK_ATTRIBUTE_TYPE type) const;    // throws if malformed
    std::optional<CK_ULONG> get_ulong(CK_ATTRIBUTE_TYPE type) const;  // throws if malformed
    void add(CK_ATTRIBUTE_TYPE type, ByteView value);
    void add_bool(CK_ATTRIBUTE_TYPE type, bool value);
    void add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);

private:
    std::vector<TemplateEntry> entries_;
};

// Nested templates (CKA_WRAP_TEMPLATE and friends) are stored as a sequence of
// [type:CK_ULONG][length:CK_ULONG][bytes]; these convert to and from that encoding.
SecureBytes encode_nested_template(const CK_ATTRIBUTE* attrs, CK_ULONG count);
Template decode_nested_template(ByteView encoded);

inline bool is_array_attribute(CK_ATTRIBUTE_TYPE type) noexcept {
    return (type & CKF_ARRAY_ATTRIBUTE) != 0 && type != CKA_ALLOWED_MECHANISMS;
}

}  // namespace craton
