// AES: key generation, the cipher modes, GCM (also message-based), CMAC and key wrapping.
//
// Key sizes are in bytes, as PKCS#11 reports them for AES (16, 24 or 32). Operations live in
// aes_modes.cpp, aes_gcm.cpp, aes_cmac.cpp and aes_wrap.cpp; the parsed key in aes_key.cpp.
#include <openssl/crypto.h>

#include "core/error.h"
#include "mech/aes_key.h"
#include "mech/aes_ops.h"
#include "mech/registry.h"
#include "rng/random.h"

namespace craton::mech {
namespace {

constexpr CK_MECHANISM_INFO kCipherInfo = {16, 32, CKF_ENCRYPT | CKF_DECRYPT};

bool valid_aes_length(std::size_t n) {
    return n == 16 || n == 24 || n == 32;
}

// Sets CKA_CHECK_VALUE, or checks one the caller supplied (an empty value asks for none).
void complete_check_value(Object& key, ByteView value) {
    const Bytes kcv = aes::check_value(value);
    if (const auto given = key.get(CKA_CHECK_VALUE)) {
        if (!given->empty() && (given->size() != kcv.size() ||
                                CRYPTO_memcmp(given->data(), kcv.data(), kcv.size()) != 0)) {
            fail(CKR_ATTRIBUTE_VALUE_INVALID);
        }
        return;
    }
    key.set(CKA_CHECK_VALUE, kcv);
}

void generate_aes_key(const CK_MECHANISM& m, Object& key) {
    if (m.pParameter != nullptr || m.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
    // CKA_VALUE_LEN is required by the attribute policy (CKR_TEMPLATE_INCOMPLETE without it).
    const CK_ULONG len = key.get_ulong(CKA_VALUE_LEN, 0);
    if (!valid_aes_length(len)) fail(CKR_KEY_SIZE_RANGE);
    SecureBytes value(len);
    rng::random_bytes({value.data(), value.size()});
    key.set(CKA_VALUE, value);
    complete_check_value(key, value);
}

void complete_aes_import(Object& key) {
    // C_UnwrapKey builds the object before the value is known and calls this again after.
    const auto value = key.get(CKA_VALUE);
    if (!value) return;
    if (!valid_aes_length(value->size())) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    complete_check_value(key, *value);
}

Mechanism aes_mechanism(CK_MECHANISM_TYPE type, const char* name, CK_MECHANISM_INFO info) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = info;
    m.fips_approved = true;
    m.key_types = {CKK_AES};
    return m;
}

void add_cipher(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
                std::unique_ptr<CipherOperation> (*make)(const CK_MECHANISM&, const ObjectPtr&,
                                                         bool)) {
    Mechanism m = aes_mechanism(type, name, kCipherInfo);
    m.encrypt = [make](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return make(mech, key, true);
    };
    m.decrypt = [make](const CK_MECHANISM& mech, const ObjectPtr& key) {
        return make(mech, key, false);
    };
    r.add(std::move(m));
}

void add_cbc(MechanismRegistry& r) {
    Mechanism cbc = aes_mechanism(CKM_AES_CBC, "AES-CBC", kCipherInfo);
    cbc.encrypt = [](const CK_MECHANISM& m, const ObjectPtr& k) {
        return aes::make_cbc(m, k, true, false);
    };
    cbc.decrypt = [](const CK_MECHANISM& m, const ObjectPtr& k) {
        return aes::make_cbc(m, k, false, false);
    };
    r.add(std::move(cbc));

    Mechanism pad = aes_mechanism(CKM_AES_CBC_PAD, "AES-CBC-PAD",
                                  {16, 32, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP});
    pad.encrypt = [](const CK_MECHANISM& m, const ObjectPtr& k) {
        return aes::make_cbc(m, k, true, true);
    };
    pad.decrypt = [](const CK_MECHANISM& m, const ObjectPtr& k) {
        return aes::make_cbc(m, k, false, true);
    };
    pad.wrap = aes::cbc_pad_wrap;
    pad.unwrap = aes::cbc_pad_unwrap;
    r.add(std::move(pad));
}

void add_gcm(MechanismRegistry& r) {
    Mechanism m = aes_mechanism(
        CKM_AES_GCM, "AES-GCM",
        {16, 32, CKF_ENCRYPT | CKF_DECRYPT | CKF_MESSAGE_ENCRYPT | CKF_MESSAGE_DECRYPT});
    m.encrypt = [](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_gcm(mech, k, true);
    };
    m.decrypt = [](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_gcm(mech, k, false);
    };
    m.message_encrypt = [](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_gcm_message(mech, k, true);
    };
    m.message_decrypt = [](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_gcm_message(mech, k, false);
    };
    r.add(std::move(m));
}

void add_cmac(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, bool general) {
    Mechanism m = aes_mechanism(type, name, {16, 32, CKF_SIGN | CKF_VERIFY});
    m.sign = [general](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_cmac_sign(mech, k, general);
    };
    m.verify = [general](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_cmac_verify(mech, k, general);
    };
    r.add(std::move(m));
}

void add_key_wrap(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, bool pad) {
    Mechanism m =
        aes_mechanism(type, name, {16, 32, CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP});
    m.encrypt = [pad](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_key_wrap(mech, k, true, pad);
    };
    m.decrypt = [pad](const CK_MECHANISM& mech, const ObjectPtr& k) {
        return aes::make_key_wrap(mech, k, false, pad);
    };
    m.wrap = [pad](const CK_MECHANISM& mech, const ObjectPtr& k, ByteView plain) {
        return aes::key_wrap(mech, k, plain, pad);
    };
    m.unwrap = [pad](const CK_MECHANISM& mech, const ObjectPtr& k, ByteView wrapped) {
        return aes::key_unwrap(mech, k, wrapped, pad);
    };
    r.add(std::move(m));
}

}  // namespace

void register_aes_mechanisms(MechanismRegistry& r) {
    Mechanism gen;
    gen.type = CKM_AES_KEY_GEN;
    gen.name = "AES-KEY-GEN";
    gen.info = {16, 32, CKF_GENERATE};
    gen.fips_approved = true;
    gen.generate_key = generate_aes_key;
    gen.generated_key_type = CKK_AES;
    r.add(std::move(gen));

    add_cipher(r, CKM_AES_ECB, "AES-ECB", aes::make_ecb);
    add_cbc(r);
    add_cipher(r, CKM_AES_CTR, "AES-CTR", aes::make_ctr);
    add_gcm(r);
    add_cmac(r, CKM_AES_CMAC, "AES-CMAC", false);
    add_cmac(r, CKM_AES_CMAC_GENERAL, "AES-CMAC-GENERAL", true);
    add_key_wrap(r, CKM_AES_KEY_WRAP, "AES-KEY-WRAP", false);
    // PKCS#11 2.40 defined CKM_AES_KEY_WRAP_PAD as RFC 5649, which is what clients (and
    // SoftHSMv2) use; 3.0 added CKM_AES_KEY_WRAP_KWP for the same SP 800-38F KWP, so both
    // names mean RFC 5649 here (not the PKCS#7-padded KW that 3.2 calls _PKCS7).
    add_key_wrap(r, CKM_AES_KEY_WRAP_PAD, "AES-KEY-WRAP-PAD", true);
    add_key_wrap(r, CKM_AES_KEY_WRAP_KWP, "AES-KEY-WRAP-KWP", true);

    KeyTypeSupport support;
    support.type = CKK_AES;
    support.complete_import = complete_aes_import;
    r.add_key_type(std::move(support));
}

}  // namespace craton::mech
