// PKCS#11 URIs (RFC 7512) for craton-hsm-admin: `objects list` prints one per object and
// `objects show|delete` accept one as a selector, so an operator can paste what the tool (or
// p11tool, OpenSSL's pkcs11 provider, ...) printed. The parser is strict: an unknown attribute,
// a duplicate, a bad percent escape or a character RFC 7512 does not allow unescaped is an
// error rather than something silently ignored, because a selector that matched more than the
// operator meant could delete the wrong key.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <craton/pkcs11/pkcs11.h>

namespace craton::admin {

class UriError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Pkcs11Uri {
    // Path attributes with a value of their own type here; values are the decoded bytes.
    std::optional<std::string> token;   // CK_TOKEN_INFO label
    std::optional<std::string> object;  // CKA_LABEL
    std::optional<std::string> id;      // CKA_ID (raw bytes)
    std::optional<CK_OBJECT_CLASS> type;
    std::optional<CK_SLOT_ID> slot_id;
    // Every other standard attribute (manufacturer, serial, model, library-*, slot-*), path
    // and query (pin-source, pin-value, module-name, module-path), decoded, by name.
    std::map<std::string, std::string> other;

    bool operator==(const Pkcs11Uri&) const = default;
};

// Parses `text`; throws UriError naming what is wrong (never echoing a pin-value).
Pkcs11Uri parse_pkcs11_uri(std::string_view text);
// Formats the attributes that are set, in a fixed order, every value percent-encoded where
// RFC 7512 requires it and `id` encoded in full (its bytes are binary).
std::string format_pkcs11_uri(const Pkcs11Uri& uri);

// Percent-encoding of one attribute value: unreserved characters stay literal, everything else
// becomes %XX (all of it when `all` is set).
std::string percent_encode(std::string_view bytes, bool all = false);
// Decodes %XX escapes; throws UriError on a truncated or non-hex escape.
std::string percent_decode(std::string_view text);

// "public", "private", "secret-key", "cert", "data" <-> CKO_*; nullopt / "" when unknown.
std::optional<CK_OBJECT_CLASS> uri_type_class(std::string_view name);
std::string uri_type_name(CK_OBJECT_CLASS cls);

}  // namespace craton::admin
