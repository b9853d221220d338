// craton-hsm-admin objects list --slot N [--json] | objects show SELECTOR | objects delete SELECTOR
//
// A SELECTOR is --label L, --id HEX or a pkcs11: URI (RFC 7512: token, object, id, type,
// slot-id, manufacturer, model, serial; see pkcs11_uri.h), combinable; an object must match
// all of them. Without --slot the URI's slot-id or token label picks the slot. Without a PIN
// option no login happens and only public objects are visible; with --pin-file/--pin-env the
// user logs in and private objects are listed too (and may be deleted). `show` prints the
// attributes a caller could read anyway, minus every secret or private key value: it never
// asks for CKA_VALUE or private key components of such keys, and the module refuses them
// besides if sensitive. `delete` refuses a selector that matches more than one object unless
// --all is given, and lists the matches so the operator can narrow it.
// Exit status: 0 done; 1 refused (no match, ambiguous selector, bad URI or hex, wrong or
// locked PIN, no token in the slot); 2 configuration, token store or self-test failure.
#include <iomanip>
#include <iostream>

#include "admin_core.h"
#include "commands.h"
#include "key_specs.h"
#include "object_info.h"

namespace craton::admin {
namespace {

struct SelectorOptions {
    int slot = -1;
    std::string uri;
    std::string label;
    std::string id_hex;
    CLI::Option* label_opt = nullptr;
    CLI::Option* id_opt = nullptr;
    bool all = false;
    bool json = false;
    PinSource pin;
};

struct ListOptions {
    unsigned slot = 0;
    bool json = false;
    PinSource pin;
};

TokenIdentity identity(Core& core, CK_SLOT_ID slot) {
    const CK_TOKEN_INFO info = core.token_info(slot);
    return {slot, trimmed(info.label, sizeof info.label),
            trimmed(info.manufacturerID, sizeof info.manufacturerID),
            trimmed(info.model, sizeof info.model),
            trimmed(info.serialNumber, sizeof info.serialNumber)};
}

Pkcs11Uri selector_criteria(const SelectorOptions& o) {
    Pkcs11Uri criteria;
    if (!o.uri.empty()) {
        try {
            criteria = parse_pkcs11_uri(o.uri);
        } catch (const UriError& e) {
            throw Refused(std::string("bad pkcs11: URI: ") + e.what());
        }
    }
    auto conflict = [](const char* what) {
        throw Refused(std::string("--") + what + " and the URI's " + what + " both given");
    };
    if (o.label_opt != nullptr && o.label_opt->count() != 0) {
        if (criteria.object) conflict("label");
        criteria.object = o.label;
    }
    if (o.id_opt != nullptr && o.id_opt->count() != 0) {
        if (criteria.id) conflict("id");
        const Bytes id = from_hex(o.id_hex);
        criteria.id = std::string(id.begin(), id.end());
    }
    return criteria;
}

CK_SLOT_ID resolve_slot(Core& core, int slot, const Pkcs11Uri& criteria) {
    if (slot >= 0) return static_cast<CK_SLOT_ID>(slot);
    if (criteria.slot_id) return *criteria.slot_id;
    if (!criteria.token) throw Refused("give --slot (or a URI with token= or slot-id=)");
    std::vector<CK_SLOT_ID> found;
    for (CK_SLOT_ID s : core.hsm().slot_list()) {
        if (core.initialized(s) && core.label(s) == *criteria.token) found.push_back(s);
    }
    if (found.empty()) throw Refused("no token labelled \"" + *criteria.token + "\"");
    if (found.size() > 1) {
        throw Refused("several tokens are labelled \"" + *criteria.token + "\"; give --slot");
    }
    return found.front();
}

// Logs the user in when a PIN option was given; returns whether it did.
bool optional_login(AdminSession& session, const PinSource& pin) {
    if (!pin_given(pin)) return false;
    session.login(CKU_USER, read_pin(pin, "User PIN"));
    return true;
}

void not_logged_in_note(bool logged_in) {
    if (!logged_in) {
        std::cerr << "(no user login: private objects are not visible; give --pin-file or "
                     "--pin-env)\n";
    }
}

std::string id_hex(const ObjectInfo& info) {
    return to_hex(ByteView(reinterpret_cast<const std::uint8_t*>(info.id.data()), info.id.size()));
}

int run_list(const ListOptions& o) {
    Core core;
    core.require_initialized(o.slot);
    const std::string label = core.label(o.slot);
    AdminSession session(core.hsm(), o.slot, false);
    const bool logged_in = optional_login(session, o.pin);
    const auto objects = token_objects(core.hsm(), session.handle());
    if (o.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& info : objects) list.push_back(object_json(info, label));
        std::cout << nlohmann::json{{"slot", o.slot},
                                    {"token", label},
                                    {"logged_in", logged_in},
                                    {"objects", list}}
                         .dump(2)
                  << "\n";
        return kExitOk;
    }
    not_logged_in_note(logged_in);
    std::cout << "slot " << o.slot << " \"" << label << "\": " << objects.size()
              << (objects.size() == 1 ? " object" : " objects") << "\n";
    for (const auto& info : objects) {
        std::cout << "  " << class_name(info.cls);
        if (info.key_type) std::cout << " " << key_type_name(*info.key_type);
        if (!info.size.empty()) std::cout << " (" << info.size << ")";
        std::cout << " label \"" << info.label << "\" id " << (info.id.empty() ? "-" : id_hex(info))
                  << "\n    " << object_uri(info, label) << "\n";
    }
    return kExitOk;
}

std::vector<ObjectInfo> select_objects(Core& core, AdminSession& session,
                                       const Pkcs11Uri& criteria) {
    std::vector<ObjectInfo> out;
    for (auto& info : token_objects(core.hsm(), session.handle())) {
        if (selector_matches(criteria, info)) out.push_back(std::move(info));
    }
    return out;
}

enum class Kind { Bool, Ulong, Bytes, Text, Mechanism, Curve, ParameterSet, CertType };

struct Shown {
    CK_ATTRIBUTE_TYPE type;
    const char* name;
    Kind kind;
};

// Everything `show` may print. No secret-key or private-key value or component is listed;
// CKA_VALUE is added separately for public keys and certificates only.
constexpr Shown kShown[] = {
    {CKA_TOKEN, "token", Kind::Bool},
    {CKA_PRIVATE, "private", Kind::Bool},
    {CKA_MODIFIABLE, "modifiable", Kind::Bool},
    {CKA_COPYABLE, "copyable", Kind::Bool},
    {CKA_DESTROYABLE, "destroyable", Kind::Bool},
    {CKA_LOCAL, "local", Kind::Bool},
    {CKA_KEY_GEN_MECHANISM, "key-gen-mechanism", Kind::Mechanism},
    {CKA_SENSITIVE, "sensitive", Kind::Bool},
    {CKA_ALWAYS_SENSITIVE, "always-sensitive", Kind::Bool},
    {CKA_EXTRACTABLE, "extractable", Kind::Bool},
    {CKA_NEVER_EXTRACTABLE, "never-extractable", Kind::Bool},
    {CKA_ENCRYPT, "encrypt", Kind::Bool},
    {CKA_DECRYPT, "decrypt", Kind::Bool},
    {CKA_SIGN, "sign", Kind::Bool},
    {CKA_VERIFY, "verify", Kind::Bool},
    {CKA_WRAP, "wrap", Kind::Bool},
    {CKA_UNWRAP, "unwrap", Kind::Bool},
    {CKA_DERIVE, "derive", Kind::Bool},
    {CKA_ENCAPSULATE, "encapsulate", Kind::Bool},
    {CKA_DECAPSULATE, "decapsulate", Kind::Bool},
    {CKA_TRUSTED, "trusted", Kind::Bool},
    {CKA_WRAP_WITH_TRUSTED, "wrap-with-trusted", Kind::Bool},
    {CKA_ALWAYS_AUTHENTICATE, "always-authenticate", Kind::Bool},
    {CKA_VALUE_LEN, "value-len", Kind::Ulong},
    {CKA_CHECK_VALUE, "check-value", Kind::Bytes},
    {CKA_MODULUS_BITS, "modulus-bits", Kind::Ulong},
    {CKA_MODULUS, "modulus", Kind::Bytes},
    {CKA_PUBLIC_EXPONENT, "public-exponent", Kind::Bytes},
    {CKA_EC_PARAMS, "ec-params", Kind::Curve},
    {CKA_EC_POINT, "ec-point", Kind::Bytes},
    {CKA_PARAMETER_SET, "parameter-set", Kind::ParameterSet},
    {CKA_CERTIFICATE_TYPE, "certificate-type", Kind::CertType},
    {CKA_SUBJECT, "subject", Kind::Bytes},
    {CKA_APPLICATION, "application", Kind::Text},
};

std::string hex_or_truncated(ByteView v, bool full) {
    constexpr std::size_t kShort = 48;
    if (full || v.size() <= kShort) return to_hex(v);
    return to_hex(v.first(kShort)) + "... (" + std::to_string(v.size()) + " bytes)";
}

nlohmann::json shown_value(const Shown& s, const Bytes& v, const ObjectInfo& info, bool full) {
    CK_ULONG n = 0;
    if (v.size() == sizeof n) std::memcpy(&n, v.data(), sizeof n);
    switch (s.kind) {
        case Kind::Bool:
            return !v.empty() && v[0] != 0;
        case Kind::Ulong:
            return n;
        case Kind::Mechanism: {
            char buf[24];
            std::snprintf(buf, sizeof buf, "0x%08lx", static_cast<unsigned long>(n));
            return buf;
        }
        case Kind::Curve:
            return curve_name(v);
        case Kind::ParameterSet: {
            const std::string name = parameter_set_name(info.key_type.value_or(0), n);
            return name.empty() ? nlohmann::json(n) : nlohmann::json(name);
        }
        case Kind::CertType:
            return n == CKC_X_509 ? nlohmann::json("X.509") : nlohmann::json(n);
        case Kind::Text:
            return std::string(v.begin(), v.end());
        case Kind::Bytes:
            break;
    }
    return hex_or_truncated(v, full);
}

int run_show(const SelectorOptions& o) {
    const Pkcs11Uri criteria = selector_criteria(o);
    Core core;
    const CK_SLOT_ID slot = resolve_slot(core, o.slot, criteria);
    core.require_initialized(slot);
    const TokenIdentity token = identity(core, slot);
    check_selector(criteria, token);
    AdminSession session(core.hsm(), slot, false);
    const bool logged_in = optional_login(session, o.pin);
    const auto matches = select_objects(core, session, criteria);
    if (matches.empty()) {
        not_logged_in_note(logged_in);
        throw Refused("no object matches");
    }
    nlohmann::json all = nlohmann::json::array();
    for (const auto& info : matches) {
        nlohmann::json attrs = nlohmann::json::object();
        for (const Shown& s : kShown) {
            if (auto v = read_attribute(core.hsm(), session.handle(), info.handle, s.type)) {
                attrs[s.name] = shown_value(s, *v, info, o.json);
            }
        }
        if (info.cls == CKO_PUBLIC_KEY || info.cls == CKO_CERTIFICATE) {
            if (auto v = read_attribute(core.hsm(), session.handle(), info.handle, CKA_VALUE)) {
                attrs["value"] = hex_or_truncated(*v, o.json);
            }
        } else if (info.cls == CKO_DATA) {
            if (auto v = read_attribute(core.hsm(), session.handle(), info.handle, CKA_VALUE)) {
                attrs["value-length"] = v->size();
            }
        }
        nlohmann::json j = object_json(info, token.label);
        j["attributes"] = attrs;
        all.push_back(j);
    }
    if (o.json) {
        std::cout << all.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& j : all) {
        std::cout << j["uri"].get<std::string>() << "\n";
        std::cout << "  class: " << j["class"].get<std::string>() << "\n";
        if (!j["key_type"].is_null()) {
            std::cout << "  key-type: " << j["key_type"].get<std::string>() << "\n";
        }
        std::cout << "  label: " << j["label"].get<std::string>()
                  << "\n  id: " << j["id"].get<std::string>() << "\n";
        if (!j["size"].is_null()) std::cout << "  size: " << j["size"].get<std::string>() << "\n";
        for (const auto& [name, value] : j["attributes"].items()) {
            std::cout << "  " << name << ": "
                      << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
        }
    }
    return kExitOk;
}

int run_delete(const SelectorOptions& o) {
    const Pkcs11Uri criteria = selector_criteria(o);
    Core core;
    const CK_SLOT_ID slot = resolve_slot(core, o.slot, criteria);
    core.require_initialized(slot);
    const TokenIdentity token = identity(core, slot);
    check_selector(criteria, token);
    AdminSession session(core.hsm(), slot, true);
    const bool logged_in = optional_login(session, o.pin);
    const auto matches = select_objects(core, session, criteria);
    if (matches.empty()) {
        not_logged_in_note(logged_in);
        throw Refused("no object matches; nothing deleted");
    }
    if (matches.size() > 1 && !o.all) {
        std::cerr << "objects delete: the selector matches " << matches.size() << " objects:\n";
        for (const auto& info : matches) std::cerr << "  " << object_uri(info, token.label) << "\n";
        throw Refused("nothing deleted; narrow the selector or give --all");
    }
    for (const auto& info : matches) {
        core.hsm().destroy_object(session.handle(), info.handle);
        std::cout << "deleted " << object_uri(info, token.label) << "\n";
    }
    return kExitOk;
}

void add_selector(CLI::App* cmd, SelectorOptions& o) {
    cmd->add_option("--slot", o.slot, "Slot of the token (else from the URI)");
    cmd->add_option("uri", o.uri, "pkcs11: URI of the object(s) (RFC 7512)");
    o.label_opt = cmd->add_option("--label", o.label, "Object label (CKA_LABEL)");
    o.id_opt = cmd->add_option("--id", o.id_hex, "Object id (CKA_ID) in hex");
    add_pin_options(cmd, o.pin, "user PIN");
}

}  // namespace

void add_objects_commands(CLI::App& app, int& exit_code) {
    static ListOptions list_opts;
    static SelectorOptions show_opts, delete_opts;

    CLI::App* objects = app.add_subcommand("objects", "Objects on a persistent token");
    objects->require_subcommand(1);
    const std::string footer =
        "Without --pin-file/--pin-env nobody logs in and only public objects are visible.\n" +
        std::string(kExitStatusHelp);

    CLI::App* list = objects->add_subcommand(
        "list", "List the token's objects: class, key type, label, id, size and pkcs11: URI");
    list->add_option("--slot", list_opts.slot, "Slot of the token")->required();
    list->add_flag("--json", list_opts.json, "Machine-readable output");
    add_pin_options(list, list_opts.pin, "user PIN");
    list->footer(footer);
    list->callback([&exit_code] {
        exit_code = run_guarded("objects list", [] { return run_list(list_opts); });
    });

    CLI::App* show = objects->add_subcommand(
        "show", "Print an object's non-sensitive attributes (select by --label, --id or URI)");
    add_selector(show, show_opts);
    show->add_flag("--json", show_opts.json, "Machine-readable output (full public values)");
    show->footer(footer);
    show->callback([&exit_code] {
        exit_code = run_guarded("objects show", [] { return run_show(show_opts); });
    });

    CLI::App* del = objects->add_subcommand(
        "delete", "Destroy the object(s) a selector matches (--label, --id or URI)");
    add_selector(del, delete_opts);
    del->add_flag("--all", delete_opts.all, "Delete every match when the selector matches several");
    del->footer(footer);
    del->callback([&exit_code] {
        exit_code = run_guarded("objects delete", [] { return run_delete(delete_opts); });
    });
}

}  // namespace craton::admin
