// The rules of PKCS#11 attributes, per object class and key type.
//
// One table says, for every attribute an object of a class may carry, its value kind and the
// specification's footnotes: required or forbidden when created, generated, unwrapped;
// sensitive; modifiable afterwards; changeable only towards TRUE or FALSE; set only by the
// token. C_CreateObject, C_CopyObject, C_SetAttributeValue, C_GetAttributeValue, key
// generation, derivation and unwrapping all consult it, so the rules live in one place.
#pragma once

#include <functional>

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"
#include "core/template.h"

namespace craton {

// How an object comes into being; the footnotes differ per path.
enum class CreationPath { Create, Generate, Unwrap, Derive };

struct NewObjectContext {
    CreationPath path = CreationPath::Create;
    CK_MECHANISM_TYPE mechanism = CK_UNAVAILABLE_INFORMATION;  // CKA_KEY_GEN_MECHANISM
    // For Generate/Unwrap/Derive the mechanism fixes class and key type.
    std::optional<CK_OBJECT_CLASS> implied_class;
    std::optional<CK_KEY_TYPE> implied_key_type;
    // Derive: the base key's ALWAYS_SENSITIVE / NEVER_EXTRACTABLE carry over.
    bool base_always_sensitive = true;
    bool base_never_extractable = true;
    bool so_logged_in = false;  // CKA_TRUSTED may be set TRUE only by the SO
};

class AttributePolicy {
public:
    // Validates `tmpl` and builds the object with every default filled in. Key values are
    // supplied by the caller (Create/Unwrap) or added by the mechanism afterwards (Generate).
    static ObjectPtr build(const Template& tmpl, const NewObjectContext& ctx);

    // C_SetAttributeValue: checks every entry first, then applies all or nothing.
    static void set_attributes(Object& obj, const Template& tmpl, bool so_logged_in);

    // C_CopyObject: a copy of `source` with `tmpl` applied under the copy rules.
    static ObjectPtr copy(const Object& source, const Template& tmpl, bool so_logged_in);

    // C_GetAttributeValue for one object; fills per-attribute lengths and returns the
    // specification's aggregate CK_RV (sensitive / invalid type / buffer too small).
    static CK_RV get_attributes(const Object& obj, CK_ATTRIBUTE* attrs, CK_ULONG count);

    // C_FindObjects matching: every template attribute present with an equal value.
    static bool matches(const Object& obj, const Template& tmpl);

    // True when the attribute may not be revealed (footnote 7 under SENSITIVE/!EXTRACTABLE).
    static bool is_hidden(const Object& obj, CK_ATTRIBUTE_TYPE type);

    // Mechanism families validate imported key values of their key types and may add
    // attributes derived from them (CKA_PUBLIC_KEY_INFO, normalised CKA_EC_POINT).
    using KeyValidator = std::function<void(Object&)>;
    static void set_key_validator(KeyValidator validator);
};

}  // namespace craton
