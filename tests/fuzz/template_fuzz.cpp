// Fuzz target: caller templates and mechanism parameter blocks, the structures every PKCS#11
// call copies out of application memory. A byte string becomes a CK_ATTRIBUTE array (types
// common and arbitrary, values of any size, NULL values with lengths, nested templates up to
// three deep, lengths that are not a multiple of CK_ATTRIBUTE) and goes through what
// C_CreateObject, C_CopyObject, C_SetAttributeValue, C_GetAttributeValue and C_FindObjectsInit
// do with it: Template::from_caller, the attribute policy (with the mechanisms' key-import
// checks, which parse RSA, EC and PQC key material), and the store codec, whose encode/decode
// must round-trip. RSA PSS and OAEP parameter blocks go through their readers.
//
// Every value buffer is allocated at exactly the size the attribute claims, so a module read
// past a value is an ASan report, not silent.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/attribute_policy.h"
#include "core/error.h"
#include "core/template.h"
#include "fuzz_input.h"
#include "mech/registry.h"
#include "mech/rsa_params.h"
#include "store/object_codec.h"

namespace {

using craton::fuzz::FuzzInput;
using namespace craton;

constexpr CK_ATTRIBUTE_TYPE kTypes[] = {
    CKA_CLASS,         CKA_TOKEN,          CKA_PRIVATE,        CKA_LABEL,
    CKA_VALUE,         CKA_KEY_TYPE,       CKA_ID,             CKA_SENSITIVE,
    CKA_ENCRYPT,       CKA_DECRYPT,        CKA_WRAP,           CKA_UNWRAP,
    CKA_SIGN,          CKA_VERIFY,         CKA_DERIVE,         CKA_MODULUS,
    CKA_MODULUS_BITS,  CKA_PUBLIC_EXPONENT, CKA_PRIVATE_EXPONENT, CKA_PRIME_1,
    CKA_PRIME_2,       CKA_EXPONENT_1,     CKA_EXPONENT_2,     CKA_COEFFICIENT,
    CKA_VALUE_LEN,     CKA_EXTRACTABLE,    CKA_MODIFIABLE,     CKA_COPYABLE,
    CKA_DESTROYABLE,   CKA_EC_PARAMS,      CKA_EC_POINT,       CKA_WRAP_TEMPLATE,
    CKA_UNWRAP_TEMPLATE, CKA_DERIVE_TEMPLATE, CKA_ALLOWED_MECHANISMS, CKA_PARAMETER_SET,
    CKA_CERTIFICATE_TYPE, CKA_SUBJECT,     CKA_APPLICATION,    CKA_OBJECT_ID,
    CKA_TRUSTED,       CKA_WRAP_WITH_TRUSTED, CKA_ALWAYS_AUTHENTICATE, CKA_SEED,
    CKA_START_DATE,    CKA_END_DATE,       CKA_UNIQUE_ID,      CKA_CHECK_VALUE,
};

// Owns every buffer a decoded template points into.
struct Arena {
    std::vector<std::unique_ptr<std::vector<std::uint8_t>>> values;
    std::vector<std::unique_ptr<std::vector<CK_ATTRIBUTE>>> templates;

    void* copy(std::span<const std::uint8_t> bytes) {
        if (bytes.empty()) return nullptr;
        values.push_back(std::make_unique<std::vector<std::uint8_t>>(bytes.begin(), bytes.end()));
        return values.back()->data();
    }
};

CK_ATTRIBUTE_TYPE pick_type(FuzzInput& in) {
    const std::uint8_t b = in.byte();
    if (b < 240) return kTypes[b % std::size(kTypes)];
    return static_cast<CK_ATTRIBUTE_TYPE>(in.u64());
}

std::vector<CK_ATTRIBUTE>& decode_template(FuzzInput& in, Arena& arena, int depth);

CK_ATTRIBUTE decode_attribute(FuzzInput& in, Arena& arena, int depth) {
    CK_ATTRIBUTE a{pick_type(in), nullptr, 0};
    std::uint8_t form = in.byte();
    // A template-valued attribute holds CK_ATTRIBUTEs with pointers: raw bytes there would be a
    // caller handing the module junk pointers, which no module survives. Nested or NULL only.
    if (is_array_attribute(a.type)) form = (form & 1) ? 4 : 3;
    switch (form % 6) {
        case 0: {  // raw bytes
            const auto v = in.chunk();
            a.pValue = arena.copy(v);
            a.ulValueLen = v.size();
            break;
        }
        case 1: {  // a CK_ULONG
            const CK_ULONG v = in.u64();
            a.pValue = arena.copy({reinterpret_cast<const std::uint8_t*>(&v), sizeof v});
            a.ulValueLen = sizeof v;
            break;
        }
        case 2: {  // a CK_BBOOL, sometimes neither true nor false
            const std::uint8_t v = in.byte();
            a.pValue = arena.copy({&v, 1});
            a.ulValueLen = 1;
            break;
        }
        case 3:  // no value but a length: the module must not read it
            a.ulValueLen = in.u16();
            break;
        case 4: {  // a nested template
            if (depth >= 3) break;
            auto& nested = decode_template(in, arena, depth + 1);
            a.pValue = nested.empty() ? nullptr : nested.data();
            a.ulValueLen = nested.size() * sizeof(CK_ATTRIBUTE);
            // Sometimes claim less, so the length is not a whole number of entries.
            if (a.ulValueLen != 0 && (in.byte() & 1)) a.ulValueLen -= 1 + in.byte() % 8;
            break;
        }
        default: {  // a valid type with a zero length
            a.pValue = nullptr;
            a.ulValueLen = 0;
            break;
        }
    }
    return a;
}

std::vector<CK_ATTRIBUTE>& decode_template(FuzzInput& in, Arena& arena, int depth) {
    const std::size_t count = in.byte() % (depth == 0 ? 16 : 5);
    arena.templates.push_back(std::make_unique<std::vector<CK_ATTRIBUTE>>());
    auto& t = *arena.templates.back();
    for (std::size_t i = 0; i < count; ++i) t.push_back(decode_attribute(in, arena, depth));
    return t;
}

Template caller_template(const std::vector<CK_ATTRIBUTE>& t) {
    return Template::from_caller(t.empty() ? nullptr : t.data(), t.size());
}

// The store codec is the format objects live in: whatever it encodes it must decode to the
// same encoding, or a persistent token would change objects across a restart.
void check_round_trip(const Object& obj) {
    const SecureBytes encoded = store::encode_attributes(obj);
    const ObjectPtr decoded = store::decode_attributes(encoded);
    if (store::encode_attributes(*decoded) != encoded) std::abort();
}

// C_GetAttributeValue into buffers of decoded sizes (exactly allocated).
void read_back(const Object& obj, FuzzInput& in) {
    Arena arena;
    std::vector<CK_ATTRIBUTE> out;
    const std::size_t count = in.byte() % 8;
    for (std::size_t i = 0; i < count; ++i) {
        CK_ATTRIBUTE a{pick_type(in), nullptr, 0};
        if (in.byte() & 1) {
            a.ulValueLen = in.byte();
            arena.values.push_back(std::make_unique<std::vector<std::uint8_t>>(a.ulValueLen));
            a.pValue = a.ulValueLen == 0 ? nullptr : arena.values.back()->data();
        }
        out.push_back(a);
    }
    (void)AttributePolicy::get_attributes(obj, out.empty() ? nullptr : out.data(), out.size());
}

void mechanism_parameters(FuzzInput& in) {
    const auto raw = in.chunk();
    std::vector<std::uint8_t> param(raw.begin(), raw.end());
    CK_MECHANISM pss{CKM_SHA256_RSA_PKCS_PSS, param.empty() ? nullptr : param.data(),
                     param.size()};
    try {
        (void)mech::rsa::read_pss(pss, nullptr);
    } catch (const Pkcs11Error&) {
    }
    (void)mech::rsa::pss_parameter_uses_sha1(pss);
    // OAEP's block has a pointer: aim it at an exactly sized label from the input.
    const auto label = in.chunk();
    std::vector<std::uint8_t> source(label.begin(), label.end());
    CK_RSA_PKCS_OAEP_PARAMS oaep{in.u64(), in.u64(), in.u64(),
                                 source.empty() ? nullptr : source.data(), source.size()};
    if (in.byte() & 1) oaep.pSourceData = nullptr;  // NULL with a length
    CK_MECHANISM m{CKM_RSA_PKCS_OAEP, &oaep, (in.byte() & 1) ? sizeof oaep : in.byte()};
    if (m.ulParameterLen > sizeof oaep) m.ulParameterLen = sizeof oaep;
    try {
        (void)mech::rsa::read_oaep(m);
    } catch (const Pkcs11Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Imported keys are checked by their family, as the module's Hsm installs it.
    static const bool validator_installed = [] {
        AttributePolicy::set_key_validator([](Object& obj) {
            const auto* support = mech::MechanismRegistry::global().key_type(obj.key_type());
            if (support != nullptr && support->complete_import) support->complete_import(obj);
        });
        return true;
    }();
    (void)validator_installed;

    FuzzInput in(data, size);
    Arena arena;
    const auto& first = decode_template(in, arena, 0);
    const auto& second = decode_template(in, arena, 0);
    NewObjectContext ctx;
    ctx.path = static_cast<CreationPath>(in.byte() % 4);
    if (in.byte() & 1) ctx.implied_class = in.byte() % 8;
    if (in.byte() & 1) ctx.implied_key_type = in.byte() % 0x50;
    ctx.so_logged_in = (in.byte() & 1) != 0;
    try {
        const Template t = caller_template(first);
        ObjectPtr obj = AttributePolicy::build(t, ctx);
        check_round_trip(*obj);
        (void)AttributePolicy::matches(*obj, t);
        read_back(*obj, in);
        const Template t2 = caller_template(second);
        (void)AttributePolicy::matches(*obj, t2);
        try {
            ObjectPtr copy = AttributePolicy::copy(*obj, t2, ctx.so_logged_in);
            check_round_trip(*copy);
        } catch (const Pkcs11Error&) {
        }
        AttributePolicy::set_attributes(*obj, t2, ctx.so_logged_in);
        check_round_trip(*obj);
    } catch (const Pkcs11Error&) {
        // Refusing a template is the normal outcome.
    }
    mechanism_parameters(in);
    return 0;
}
