// Import checks and the PKCS#8 form of EC, Ed25519 and X25519 keys.
//
// An imported key is parsed completely before it is accepted, so a key that could not be used
// later is refused at C_CreateObject / C_UnwrapKey with CKR_ATTRIBUTE_VALUE_INVALID; the parsed
// form is kept, so the first operation does not parse it again.
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "core/error.h"
#include "mech/ec_key.h"
#include "mech/ec_parts.h"
#include "mech/registry.h"

namespace craton::mech::ec {
namespace {

// CKA_PUBLIC_KEY_INFO given by the caller must describe the same key; it is then replaced by
// our canonical encoding (named curve, uncompressed point) so every object reads back alike.
void set_public_key_info(Object& obj, const EcKey& key) {
    if (const auto given = obj.get(CKA_PUBLIC_KEY_INFO); given && !given->empty()) {
        const unsigned char* p = given->data();
        PkeyPtr theirs(
            d2i_PUBKEY_ex(nullptr, &p, static_cast<long>(given->size()), libctx(), nullptr));
        const bool same =
            theirs && p == given->data() + given->size() &&
            EVP_PKEY_eq(theirs.get(), key.standard_pkey(EVP_PKEY_PUBLIC_KEY).get()) == 1;
        ERR_clear_error();
        if (!same) fail(CKR_ATTRIBUTE_VALUE_INVALID);
    }
    obj.set(CKA_PUBLIC_KEY_INFO, key.spki());
}

void complete_import(Object& obj) {
    // C_UnwrapKey checks the template before the key (and its curve) is decoded, then again.
    if (obj.object_class() == CKO_PRIVATE_KEY && !obj.has(CKA_VALUE)) return;
    const Curve& c = curve_of(obj, CKR_ATTRIBUTE_VALUE_INVALID);
    if (obj.object_class() == CKO_PUBLIC_KEY) {
        const auto encoded = obj.get(CKA_EC_POINT);
        if (!encoded) fail(CKR_TEMPLATE_INCOMPLETE);
        const auto bare = bare_point(c, *encoded);
        if (!bare) fail(CKR_ATTRIBUTE_VALUE_INVALID);
        const EcKeyPtr key = make_public_key(c, *bare, CKR_ATTRIBUTE_VALUE_INVALID);
        obj.set(CKA_EC_POINT, key->ec_point_attribute());
        set_public_key_info(obj, *key);
        cache_key(obj, key);
        return;
    }
    if (obj.object_class() != CKO_PRIVATE_KEY) return;
    const EcKeyPtr key = make_private_key(c, *obj.get(CKA_VALUE), CKR_ATTRIBUTE_VALUE_INVALID);
    set_public_key_info(obj, *key);
    cache_key(obj, key);
}

SecureBytes encode_private(const Object& priv) {
    const EcKeyPtr key = key_of(priv);
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> p8(
        EVP_PKEY2PKCS8(key->standard_pkey(EVP_PKEY_KEYPAIR).get()), &PKCS8_PRIV_KEY_INFO_free);
    const int len = p8 ? i2d_PKCS8_PRIV_KEY_INFO(p8.get(), nullptr) : 0;
    if (len <= 0) {
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    SecureBytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    if (i2d_PKCS8_PRIV_KEY_INFO(p8.get(), &p) != len) fail(CKR_FUNCTION_FAILED);
    return out;
}

const Curve* curve_of_pkey(EVP_PKEY* pkey) {
    for (const Curve* c : {&ed25519(), &x25519()}) {
        if (EVP_PKEY_is_a(pkey, c->evp_name)) return c;
    }
    if (!EVP_PKEY_is_a(pkey, "EC")) return nullptr;
    char name[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) !=
        1) {
        return nullptr;  // explicit curve parameters
    }
    int nid = OBJ_sn2nid(name);
    if (nid == NID_undef) nid = EC_curve_nist2nid(name);
    for (const Curve* c : {&p256(), &p384()}) {
        if (nid == c->nid) return c;
    }
    return nullptr;
}

void decode_private(ByteView encoded, Object& priv) {
    const unsigned char* p = encoded.data();
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> p8(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(encoded.size())),
        &PKCS8_PRIV_KEY_INFO_free);
    PkeyPtr pkey(p8 && p == encoded.data() + encoded.size()
                     ? EVP_PKCS82PKEY_ex(p8.get(), libctx(), nullptr)
                     : nullptr);
    ERR_clear_error();
    if (!pkey) fail(CKR_WRAPPED_KEY_INVALID);
    const Curve* c = curve_of_pkey(pkey.get());
    if (c == nullptr) fail(CKR_CURVE_NOT_SUPPORTED);
    if (c->key_type != priv.key_type()) fail(CKR_TEMPLATE_INCONSISTENT);
    if (const auto params = priv.get(CKA_EC_PARAMS)) {
        if (&curve_from_params(*params, priv.key_type(), CKR_ATTRIBUTE_VALUE_INVALID) != c) {
            fail(CKR_TEMPLATE_INCONSISTENT);
        }
    } else {
        priv.set(CKA_EC_PARAMS, c->oid);
    }
    priv.set(CKA_VALUE, private_value(*c, pkey.get()));
}

}  // namespace

void register_key_types(MechanismRegistry& r) {
    for (CK_KEY_TYPE type : {CKK_EC, CKK_EC_EDWARDS, CKK_EC_MONTGOMERY}) {
        KeyTypeSupport k;
        k.type = type;
        k.complete_import = complete_import;
        k.encode_private = encode_private;
        k.decode_private = decode_private;
        r.add_key_type(std::move(k));
    }
}

}  // namespace craton::mech::ec
