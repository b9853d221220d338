// Object enumeration, description and selection for `objects` and `keys` (object_info.h).
#include "object_info.h"

#include <algorithm>
#include <cstring>
#include <tuple>

#include "admin_core.h"
#include "key_specs.h"

namespace craton::admin {

std::optional<Bytes> read_attribute(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                    CK_ATTRIBUTE_TYPE type) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (hsm.get_attributes(session, object, &a, 1) != CKR_OK ||
        a.ulValueLen == CK_UNAVAILABLE_INFORMATION) {
        return std::nullopt;
    }
    Bytes value(a.ulValueLen);
    a.pValue = value.data();
    if (hsm.get_attributes(session, object, &a, 1) != CKR_OK) return std::nullopt;
    value.resize(a.ulValueLen);
    return value;
}

std::optional<CK_ULONG> read_ulong(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                   CK_ATTRIBUTE_TYPE type) {
    const auto v = read_attribute(hsm, session, object, type);
    if (!v || v->size() != sizeof(CK_ULONG)) return std::nullopt;
    CK_ULONG out = 0;
    std::memcpy(&out, v->data(), sizeof out);
    return out;
}

namespace {

std::string size_of(Hsm& hsm, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE h, CK_KEY_TYPE type) {
    if (auto len = read_ulong(hsm, s, h, CKA_VALUE_LEN)) return std::to_string(*len * 8) + " bits";
    if (auto bits = read_ulong(hsm, s, h, CKA_MODULUS_BITS)) return std::to_string(*bits) + " bits";
    if (type == CKK_RSA) {
        // Private RSA keys carry the (public) modulus but not always its bit count.
        if (auto n = read_attribute(hsm, s, h, CKA_MODULUS)) {
            return std::to_string(n->size() * 8) + " bits";
        }
    }
    if (auto params = read_attribute(hsm, s, h, CKA_EC_PARAMS)) return curve_name(*params);
    if (auto set = read_ulong(hsm, s, h, CKA_PARAMETER_SET)) return parameter_set_name(type, *set);
    return {};
}

}  // namespace

ObjectInfo describe_object(Hsm& hsm, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object) {
    ObjectInfo info;
    info.handle = object;
    info.cls = read_ulong(hsm, session, object, CKA_CLASS).value_or(CKO_DATA);
    info.key_type = read_ulong(hsm, session, object, CKA_KEY_TYPE);
    if (auto label = read_attribute(hsm, session, object, CKA_LABEL)) {
        info.label.assign(label->begin(), label->end());
    }
    if (auto id = read_attribute(hsm, session, object, CKA_ID))
        info.id.assign(id->begin(), id->end());
    if (auto priv = read_attribute(hsm, session, object, CKA_PRIVATE)) {
        info.is_private = !priv->empty() && (*priv)[0] != 0;
    }
    if (info.key_type) info.size = size_of(hsm, session, object, *info.key_type);
    return info;
}

std::vector<ObjectInfo> token_objects(Hsm& hsm, CK_SESSION_HANDLE session) {
    Template token_only;
    token_only.add_bool(CKA_TOKEN, true);
    hsm.find_init(session, token_only);
    std::vector<CK_OBJECT_HANDLE> handles;
    CK_OBJECT_HANDLE batch[64];
    for (CK_ULONG n; (n = hsm.find(session, batch, 64)) != 0;) {
        handles.insert(handles.end(), batch, batch + n);
    }
    hsm.find_final(session);
    std::vector<ObjectInfo> out;
    for (CK_OBJECT_HANDLE h : handles) out.push_back(describe_object(hsm, session, h));
    // Handles follow the store's load order; operators read a listing by label.
    std::stable_sort(out.begin(), out.end(), [](const ObjectInfo& a, const ObjectInfo& b) {
        return std::tie(a.label, a.id, a.cls) < std::tie(b.label, b.id, b.cls);
    });
    return out;
}

std::string object_uri(const ObjectInfo& info, const std::string& token_label) {
    Pkcs11Uri uri;
    uri.token = token_label;
    if (!info.label.empty()) uri.object = info.label;
    if (!uri_type_name(info.cls).empty()) uri.type = info.cls;
    if (!info.id.empty()) uri.id = info.id;
    return format_pkcs11_uri(uri);
}

nlohmann::json object_json(const ObjectInfo& info, const std::string& token_label) {
    nlohmann::json j = {
        {"class", class_name(info.cls)},
        {"label", info.label},
        {"id",
         to_hex(ByteView(reinterpret_cast<const std::uint8_t*>(info.id.data()), info.id.size()))},
        {"private", info.is_private},
        {"uri", object_uri(info, token_label)}};
    j["key_type"] = info.key_type ? nlohmann::json(key_type_name(*info.key_type)) : nullptr;
    j["size"] = info.size.empty() ? nullptr : nlohmann::json(info.size);
    return j;
}

void check_selector(const Pkcs11Uri& criteria, const TokenIdentity& token) {
    if (criteria.other.count("pin-value") != 0) {
        throw Refused(
            "a PIN is never taken from the command line (pin-value); use --pin-file or "
            "--pin-env");
    }
    if (!criteria.object && !criteria.id && !criteria.type) {
        throw Refused(
            "the selector names no object: give --label, --id or a pkcs11: URI with "
            "object, id or type");
    }
    auto differs = [](const std::optional<std::string>& want, const std::string& have) {
        return want && *want != have;
    };
    auto other = [&](const char* name) -> std::optional<std::string> {
        if (auto it = criteria.other.find(name); it != criteria.other.end()) return it->second;
        return std::nullopt;
    };
    if (criteria.slot_id && *criteria.slot_id != token.slot) {
        throw Refused("the URI names slot-id " + std::to_string(*criteria.slot_id) + ", not slot " +
                      std::to_string(token.slot));
    }
    if (differs(criteria.token, token.label) ||
        differs(other("manufacturer"), token.manufacturer) ||
        differs(other("model"), token.model) || differs(other("serial"), token.serial)) {
        throw Refused("the URI names a different token than the one in slot " +
                      std::to_string(token.slot) + " (\"" + token.label + "\")");
    }
}

bool selector_matches(const Pkcs11Uri& criteria, const ObjectInfo& info) {
    if (criteria.object && *criteria.object != info.label) return false;
    if (criteria.id && *criteria.id != info.id) return false;
    if (criteria.type && *criteria.type != info.cls) return false;
    return true;
}

}  // namespace craton::admin
