// CK_ATTRIBUTE <-> craton.hsm.v1.Attribute (docs/remote.md, "Attributes").
//
// CK_ULONG-valued and CK_BBOOL-valued attributes are recognised by type and travel as uint64
// and bool; CKA_ALLOWED_MECHANISMS as a list of uint64; every other attribute as its bytes.
// Attribute-array attributes (CKA_WRAP_TEMPLATE and the like) have no encoding yet.
#pragma once

#include <cstdint>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "craton/hsm/v1/pkcs11.pb.h"

namespace craton::wire {

namespace v1 = ::craton::hsm::v1;
using AttributeList = google::protobuf::RepeatedPtrField<v1::Attribute>;

enum class AttrKind { Bytes, Ulong, Bool, MechanismList, AttributeArray };

AttrKind attr_kind(CK_ATTRIBUTE_TYPE type);

// The native value (pValue, ulValueLen) of `type` as a portable Attribute. A value whose
// length does not fit the type's shape is sent as bytes, so the module reports it.
// Throws Pkcs11Error: CKR_ARGUMENTS_BAD for a NULL value with a length,
// CKR_ATTRIBUTE_TYPE_INVALID for attribute arrays.
void encode_attribute(CK_ATTRIBUTE_TYPE type, const void* value, CK_ULONG length,
                      v1::Attribute& out);
void encode_template(const CK_ATTRIBUTE* attrs, CK_ULONG count, AttributeList& out);

// The native bytes of a portable attribute value (CK_ULONG in this machine's layout, ...).
// Throws Pkcs11Error(CKR_ATTRIBUTE_VALUE_INVALID) for a value this machine cannot represent.
std::vector<std::uint8_t> decode_value(const v1::Attribute& attr);

// A native template decoded from the wire; owns its values and wipes them when destroyed
// (templates carry key material, e.g. CKA_VALUE in C_CreateObject).
class NativeTemplate {
  public:
    explicit NativeTemplate(const AttributeList& attrs);
    ~NativeTemplate();
    NativeTemplate(const NativeTemplate&) = delete;
    NativeTemplate& operator=(const NativeTemplate&) = delete;

    CK_ATTRIBUTE* data() { return attrs_.empty() ? nullptr : attrs_.data(); }
    CK_ULONG size() const { return static_cast<CK_ULONG>(attrs_.size()); }

  private:
    std::vector<std::vector<std::uint8_t>> values_;
    std::vector<CK_ATTRIBUTE> attrs_;
};

}  // namespace craton::wire
