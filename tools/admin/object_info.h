// Reading token objects for craton-hsm-admin through the core's C_GetAttributeValue path, so
// the module's attribute policy decides what is readable: a sensitive value is never returned
// to this program, whatever it asks for. Also the selector shared by `objects show|delete`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hsm.h"
#include "pkcs11_uri.h"

namespace craton::admin {

struct ObjectInfo {
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    CK_OBJECT_CLASS cls = CKO_DATA;
    std::optional<CK_KEY_TYPE> key_type;
    std::string label;
    std::string id;  // raw CKA_ID bytes
    bool is_private = false;
    std::string size;  // "256 bits", "P-256", "ML-DSA-65"; empty when unknown
};

// The attribute's value, or nullopt when the object lacks it or it may not be read.
std::optional<Bytes> read_attribute(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                    CK_ATTRIBUTE_TYPE type);
std::optional<CK_ULONG> read_ulong(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                   CK_ATTRIBUTE_TYPE type);

ObjectInfo describe_object(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object);
// Every token object the session can see (private ones only after a user login), sorted by
// label, id and class.
std::vector<ObjectInfo> token_objects(Hsm& hsm, CK_SESSION_HANDLE session);

std::string object_uri(const ObjectInfo& info, const std::string& token_label);
nlohmann::json object_json(const ObjectInfo& info, const std::string& token_label);

// The token an object selector's URI may name, as the slot's CK_TOKEN_INFO describes it.
struct TokenIdentity {
    CK_SLOT_ID slot;
    std::string label, manufacturer, model, serial;
};
// Refused when the URI carries a PIN, restricts nothing, or names a different token.
void check_selector(const Pkcs11Uri& criteria, const TokenIdentity& token);
bool selector_matches(const Pkcs11Uri& criteria, const ObjectInfo& info);

}  // namespace craton::admin
