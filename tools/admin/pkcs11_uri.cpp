// RFC 7512 parsing and formatting; see pkcs11_uri.h for why the parser is strict.
#include "pkcs11_uri.h"

#include <array>
#include <charconv>
#include <cstring>

namespace craton::admin {
namespace {

constexpr std::string_view kScheme = "pkcs11:";

// Standard attribute names (RFC 7512 section 2.3). Path attributes each appear at most once.
constexpr std::array<std::string_view, 13> kPathAttributes = {"token",
                                                              "manufacturer",
                                                              "serial",
                                                              "model",
                                                              "library-manufacturer",
                                                              "library-description",
                                                              "library-version",
                                                              "object",
                                                              "type",
                                                              "id",
                                                              "slot-manufacturer",
                                                              "slot-description",
                                                              "slot-id"};
constexpr std::array<std::string_view, 4> kQueryAttributes = {"pin-source", "pin-value",
                                                              "module-name", "module-path"};

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

// Characters a value may carry unescaped: pk11-res-avail in the path, pk11-qres-avail (which
// adds "/", "?" and "|") in the query.
bool allowed_literal(char c, bool query) {
    if (is_unreserved(c)) return true;
    if (c != '\0' && std::strchr(":[]@!$'()*+,=", c) != nullptr) return true;
    return query && (c == '/' || c == '?' || c == '|');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
    for (auto n : names) {
        if (n == name) return true;
    }
    return false;
}

struct Type {
    std::string_view name;
    CK_OBJECT_CLASS cls;
};
constexpr std::array<Type, 5> kTypes = {{{"public", CKO_PUBLIC_KEY},
                                         {"private", CKO_PRIVATE_KEY},
                                         {"secret-key", CKO_SECRET_KEY},
                                         {"cert", CKO_CERTIFICATE},
                                         {"data", CKO_DATA}}};

// Checks the literal characters of a raw (still encoded) value, then decodes it.
std::string decode_value(std::string_view name, std::string_view raw, bool query) {
    for (char c : raw) {
        if (c != '%' && !allowed_literal(c, query)) {
            throw UriError("attribute \"" + std::string(name) +
                           "\" contains a character that must be percent-encoded");
        }
    }
    try {
        return percent_decode(raw);
    } catch (const UriError&) {
        throw UriError("attribute \"" + std::string(name) + "\" has a malformed %-escape");
    }
}

void set_path_attribute(Pkcs11Uri& uri, std::string_view name, std::string value) {
    if (name == "token") {
        uri.token = std::move(value);
    } else if (name == "object") {
        uri.object = std::move(value);
    } else if (name == "id") {
        uri.id = std::move(value);
    } else if (name == "type") {
        uri.type = uri_type_class(value);
        if (!uri.type) {
            throw UriError("type=" + value +
                           " is not one of public, private, secret-key, cert, data");
        }
    } else if (name == "slot-id") {
        CK_SLOT_ID slot = 0;
        const char* end = value.data() + value.size();
        const auto [p, ec] = std::from_chars(value.data(), end, slot);
        if (value.empty() || ec != std::errc() || p != end) {
            throw UriError("slot-id must be a decimal number");
        }
        uri.slot_id = slot;
    } else {
        if (name == "library-version") {
            // 1*DIGIT [ "." 1*DIGIT ]
            const auto dot = value.find('.');
            const std::string major = value.substr(0, dot);
            const std::string minor = dot == std::string::npos ? "1" : value.substr(dot + 1);
            auto digits = [](const std::string& s) {
                return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
            };
            if (!digits(major) || !digits(minor)) {
                throw UriError("library-version must be digits, optionally \".\" digits");
            }
        }
        uri.other.emplace(std::string(name), std::move(value));
    }
}

}  // namespace

std::string percent_encode(std::string_view bytes, bool all) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        if (!all && is_unreserved(c)) {
            out += c;
            continue;
        }
        const auto b = static_cast<unsigned char>(c);
        out += '%';
        out += kHex[b >> 4];
        out += kHex[b & 0x0f];
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) throw UriError("truncated %-escape");
        const int hi = hex_value(text[i + 1]);
        const int lo = hex_value(text[i + 2]);
        if (hi < 0 || lo < 0) throw UriError("bad %-escape");
        out += static_cast<char>((hi << 4) | lo);
        i += 2;
    }
    return out;
}

std::optional<CK_OBJECT_CLASS> uri_type_class(std::string_view name) {
    for (const auto& t : kTypes) {
        if (t.name == name) return t.cls;
    }
    return std::nullopt;
}

std::string uri_type_name(CK_OBJECT_CLASS cls) {
    for (const auto& t : kTypes) {
        if (t.cls == cls) return std::string(t.name);
    }
    return {};
}

Pkcs11Uri parse_pkcs11_uri(std::string_view text) {
    // The scheme name is case-insensitive (RFC 3986 section 3.1); attribute names are not.
    if (text.size() < kScheme.size()) throw UriError("not a pkcs11: URI");
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = text[i];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != kScheme[i]) throw UriError("not a pkcs11: URI");
    }
    text.remove_prefix(kScheme.size());
    if (text.find('#') != std::string_view::npos) {
        throw UriError("a pkcs11: URI has no fragment (\"#\" must be percent-encoded)");
    }
    const auto qmark = text.find('?');
    const std::string_view path = text.substr(0, qmark);
    const std::string_view query =
        qmark == std::string_view::npos ? std::string_view{} : text.substr(qmark + 1);

    Pkcs11Uri uri;
    auto each = [&](std::string_view part, char separator, bool is_query) {
        std::size_t start = 0;
        while (start <= part.size()) {
            std::size_t end = part.find(separator, start);
            if (end == std::string_view::npos) end = part.size();
            const std::string_view attr = part.substr(start, end - start);
            start = end + 1;
            if (attr.empty()) {
                // "pkcs11:" and "pkcs11:?" are valid; an empty element between separators is not.
                if (part.empty()) break;
                throw UriError(std::string("empty attribute (stray \"") + separator + "\")");
            }
            const auto eq = attr.find('=');
            if (eq == std::string_view::npos || eq == 0) {
                throw UriError("attribute without \"name=value\" form");
            }
            const std::string_view name = attr.substr(0, eq);
            const std::string_view raw = attr.substr(eq + 1);
            if (name.substr(0, 2) == "x-") {
                throw UriError("vendor attribute \"" + std::string(name) + "\" is not supported");
            }
            if (is_query) {
                if (!listed(kQueryAttributes, name)) {
                    throw UriError("unknown query attribute \"" + std::string(name) + "\"");
                }
                if (uri.other.count(std::string(name)) != 0) {
                    throw UriError("query attribute \"" + std::string(name) + "\" given twice");
                }
                uri.other.emplace(std::string(name), decode_value(name, raw, true));
                continue;
            }
            if (!listed(kPathAttributes, name)) {
                throw UriError("unknown path attribute \"" + std::string(name) + "\"");
            }
            const bool seen = (name == "token" && uri.token) || (name == "object" && uri.object) ||
                              (name == "id" && uri.id) || (name == "type" && uri.type) ||
                              (name == "slot-id" && uri.slot_id) ||
                              uri.other.count(std::string(name)) != 0;
            if (seen) throw UriError("path attribute \"" + std::string(name) + "\" given twice");
            set_path_attribute(uri, name, decode_value(name, raw, false));
        }
    };
    each(path, ';', false);
    each(query, '&', true);
    return uri;
}

std::string format_pkcs11_uri(const Pkcs11Uri& uri) {
    std::string out(kScheme);
    bool first = true;
    auto add = [&](std::string_view name, std::string_view value, bool all = false) {
        if (!first) out += ';';
        first = false;
        out += name;
        out += '=';
        out += percent_encode(value, all);
    };
    auto other = [&](std::string_view name) {
        if (auto it = uri.other.find(std::string(name)); it != uri.other.end()) {
            add(name, it->second);
        }
    };
    if (uri.token) add("token", *uri.token);
    for (auto name :
         {"manufacturer", "serial", "model", "library-manufacturer", "library-description",
          "library-version", "slot-manufacturer", "slot-description"}) {
        other(name);
    }
    if (uri.slot_id) add("slot-id", std::to_string(*uri.slot_id));
    if (uri.object) add("object", *uri.object);
    if (uri.type) add("type", uri_type_name(*uri.type));
    if (uri.id) add("id", *uri.id, true);
    bool first_query = true;
    for (auto name : kQueryAttributes) {
        if (auto it = uri.other.find(std::string(name)); it != uri.other.end()) {
            out += first_query ? '?' : '&';
            first_query = false;
            out += name;
            out += '=';
            out += percent_encode(it->second);
        }
    }
    return out;
}

}  // namespace craton::admin
