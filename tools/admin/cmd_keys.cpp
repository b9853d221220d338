// craton-hsm-admin keys generate --slot N --type T --label L [--id HEX] [--extractable]
//
// Generates a key or key pair on a persistent token as the user (user PIN from the PIN
// options or the terminal), through C_GenerateKey / C_GenerateKeyPair, so the module's own
// pairwise tests and approved-mode policy apply. Every key is a token object; secret and
// private keys are private and sensitive, and not extractable unless --extractable (then they
// can be wrapped, never read in the clear). Public keys are public objects, readable before
// login. Without --id a random 8-byte id is given, shared by the public and private halves.
// `keys types` lists the --type values.
// Exit status: 0 done; 1 refused (unknown type, wrong or locked PIN, mechanism or parameters
// refused, e.g. in approved-only mode; no token in the slot); 2 configuration, token store or
// self-test failure.
#include <algorithm>
#include <iostream>

#include "admin_core.h"
#include "commands.h"
#include "key_specs.h"
#include "object_info.h"
#include "rng/random.h"

namespace craton::admin {
namespace {

struct GenerateOptions {
    unsigned slot = 0;
    std::string type;
    std::string label;
    std::string id_hex;
    bool extractable = false;
    bool json = false;
    PinSource pin;
};

Template common(const std::string& label, const Bytes& id, CK_OBJECT_CLASS cls, bool priv) {
    Template t;
    t.add_ulong(CKA_CLASS, cls);
    t.add_bool(CKA_TOKEN, true);
    t.add_bool(CKA_PRIVATE, priv);
    t.add(CKA_LABEL, ByteView(reinterpret_cast<const std::uint8_t*>(label.data()), label.size()));
    t.add(CKA_ID, id);
    return t;
}

// The usage flags each kind of key is generated with: what the algorithm is for, no more.
// Every other usage flag of the object's class is set false explicitly, because the module's
// defaults for unspecified flags are permissive.
void add_usage(const KeySpec& spec, Template& pub, Template& priv_or_secret) {
    std::vector<CK_ATTRIBUTE_TYPE> pub_on, key_on;
    switch (spec.usage) {
        case Usage::Cipher:
            key_on = {CKA_ENCRYPT, CKA_DECRYPT, CKA_WRAP, CKA_UNWRAP};
            break;
        case Usage::Mac:
            key_on = {CKA_SIGN, CKA_VERIFY};
            break;
        case Usage::Derive:
        case Usage::KeyAgreement:
            key_on = {CKA_DERIVE};
            break;
        case Usage::Signature:
            pub_on = {CKA_VERIFY};
            key_on = {CKA_SIGN};
            break;
        case Usage::Kem:
            pub_on = {CKA_ENCAPSULATE};
            key_on = {CKA_DECAPSULATE};
            break;
        case Usage::RsaAll:
            pub_on = {CKA_VERIFY, CKA_ENCRYPT, CKA_WRAP};
            key_on = {CKA_SIGN, CKA_DECRYPT, CKA_UNWRAP};
            break;
    }
    auto apply = [](Template& t, const std::vector<CK_ATTRIBUTE_TYPE>& on,
                    std::initializer_list<CK_ATTRIBUTE_TYPE> all) {
        for (auto type : all) {
            t.add_bool(type, std::find(on.begin(), on.end(), type) != on.end());
        }
    };
    if (spec.pair) {
        apply(pub, pub_on, {CKA_ENCRYPT, CKA_VERIFY, CKA_WRAP, CKA_DERIVE});
        apply(priv_or_secret, key_on, {CKA_DECRYPT, CKA_SIGN, CKA_UNWRAP, CKA_DERIVE});
        // KEM flags only where the key type has them.
        if (spec.usage == Usage::Kem) {
            apply(pub, pub_on, {CKA_ENCAPSULATE});
            apply(priv_or_secret, key_on, {CKA_DECAPSULATE});
        }
    } else {
        apply(priv_or_secret, key_on,
              {CKA_ENCRYPT, CKA_DECRYPT, CKA_SIGN, CKA_VERIFY, CKA_WRAP, CKA_UNWRAP, CKA_DERIVE});
    }
}

int run_generate(const GenerateOptions& o) {
    const KeySpec* spec = find_key_spec(o.type);
    if (spec == nullptr)
        throw Refused("unknown key type \"" + o.type + "\" (keys types lists them)");
    if (o.label.empty()) throw Refused("--label must not be empty");
    Bytes id;
    if (o.id_hex.empty()) {
        id.resize(8);
        rng::random_bytes(id);
    } else {
        id = from_hex(o.id_hex);
    }
    Core core;
    core.require_initialized(o.slot);
    const std::string token_label = core.label(o.slot);
    const SecureBytes pin = read_pin(o.pin, "User PIN");
    AdminSession session(core.hsm(), o.slot, true);
    session.login(CKU_USER, pin);

    const CK_OBJECT_CLASS key_class = spec->pair ? CKO_PRIVATE_KEY : CKO_SECRET_KEY;
    Template pub = common(o.label, id, CKO_PUBLIC_KEY, false);
    Template key = common(o.label, id, key_class, true);
    key.add_ulong(CKA_KEY_TYPE, spec->key_type);
    key.add_bool(CKA_SENSITIVE, true);
    key.add_bool(CKA_EXTRACTABLE, o.extractable);
    pub.add_ulong(CKA_KEY_TYPE, spec->key_type);
    add_usage(*spec, pub, key);
    if (spec->value_len != 0) key.add_ulong(CKA_VALUE_LEN, spec->value_len);
    if (spec->modulus_bits != 0) {
        pub.add_ulong(CKA_MODULUS_BITS, spec->modulus_bits);
        const std::uint8_t f4[] = {0x01, 0x00, 0x01};
        pub.add(CKA_PUBLIC_EXPONENT, f4);
    }
    if (spec->curve != nullptr) pub.add(CKA_EC_PARAMS, curve_oid(spec->curve));
    if (spec->parameter_set != 0) pub.add_ulong(CKA_PARAMETER_SET, spec->parameter_set);

    CK_MECHANISM mechanism{spec->mechanism, nullptr, 0};
    std::vector<CK_OBJECT_HANDLE> created;
    if (spec->pair) {
        const auto [pub_handle, priv_handle] =
            core.hsm().generate_key_pair(session.handle(), &mechanism, pub, key);
        created = {pub_handle, priv_handle};
    } else {
        created = {core.hsm().generate_key(session.handle(), &mechanism, key)};
    }
    nlohmann::json out = nlohmann::json::array();
    for (CK_OBJECT_HANDLE h : created) {
        out.push_back(object_json(describe_object(core.hsm(), session.handle(), h), token_label));
    }
    if (o.json) {
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "generated " << spec->name << " key" << (spec->pair ? " pair" : "") << " \""
              << o.label << "\" id " << to_hex(id) << " on slot " << o.slot << "\n";
    for (const auto& j : out) std::cout << "  " << j["uri"].get<std::string>() << "\n";
    return kExitOk;
}

}  // namespace

void add_keys_commands(CLI::App& app, int& exit_code) {
    static GenerateOptions gen;

    CLI::App* keys = app.add_subcommand("keys", "Key generation on a persistent token");
    keys->require_subcommand(1);

    std::string type_help = "Key type:";
    for (const KeySpec& s : key_specs()) type_help += std::string(" ") + s.name;
    CLI::App* generate = keys->add_subcommand(
        "generate", "Generate a token key or key pair as the user (private, sensitive)");
    generate->add_option("--slot", gen.slot, "Slot of the token")->required();
    generate->add_option("--type", gen.type, type_help)->required();
    generate->add_option("--label", gen.label, "Label (CKA_LABEL) of the key(s)")->required();
    generate->add_option("--id", gen.id_hex, "Id (CKA_ID) in hex; default: 8 random bytes");
    generate->add_flag("--extractable", gen.extractable,
                       "Allow wrapping the key out of the token (it stays sensitive)");
    generate->add_flag("--json", gen.json, "Machine-readable output");
    add_pin_options(generate, gen.pin, "user PIN");
    generate->footer(kExitStatusHelp);
    generate->callback([&exit_code] {
        exit_code = run_guarded("keys generate", [] { return run_generate(gen); });
    });

    CLI::App* types = keys->add_subcommand("types", "List the key types keys generate offers");
    types->callback([&exit_code] {
        for (const KeySpec& s : key_specs()) std::cout << s.name << "\n";
        exit_code = kExitOk;
    });
}

}  // namespace craton::admin
