// Shared helpers for the EC family's ABI tests (ECDSA, EdDSA, ECDH vectors and unit tests).
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "support/p11_module.h"

namespace craton::test::ec {

// CKA_EC_PARAMS values: named-curve OIDs and the PrintableString names.
extern const Bytes kP256Oid;
extern const Bytes kP384Oid;
extern const Bytes kEd25519Oid;
extern const Bytes kX25519Oid;
Bytes printable(const std::string& name);  // DER PrintableString
Bytes octet_string(const Bytes& content);  // DER OCTET STRING (short or long form)

// Uncompressed point 04||X||Y from big-endian coordinates of any length (left-padded).
Bytes uncompressed(const Bytes& x, const Bytes& y, std::size_t coord_len);
Bytes left_pad(const Bytes& v, std::size_t len);

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

class EcSession {
  public:
    explicit EcSession(const std::string& extra_config = "") : p11_(extra_config) {}
    P11Session& p11() { return p11_; }
    CK_FUNCTION_LIST_3_0* fn() { return p11_.fn(); }
    CK_SESSION_HANDLE session() { return p11_.session(); }

    // Public key object with CKA_VERIFY (and CKA_DERIVE harmlessly FALSE); rv out-param lets
    // callers test refusals without failing the test.
    CK_RV import_public(CK_KEY_TYPE kt, const Bytes& params, const Bytes& ec_point,
                        CK_OBJECT_HANDLE* out);
    CK_OBJECT_HANDLE public_key(CK_KEY_TYPE kt, const Bytes& params, const Bytes& ec_point);
    // Private key with CKA_SIGN and CKA_DERIVE, extractable and not sensitive (so the tests can
    // read values back), unless `sensitive`.
    CK_RV import_private(CK_KEY_TYPE kt, const Bytes& params, const Bytes& value,
                         CK_OBJECT_HANDLE* out, bool sensitive = false);
    CK_OBJECT_HANDLE private_key(CK_KEY_TYPE kt, const Bytes& params, const Bytes& value);
    // C_GenerateKeyPair with CKA_EC_PARAMS on the public template.
    CK_RV generate(CK_MECHANISM_TYPE mech, const Bytes& params, CK_OBJECT_HANDLE* pub,
                   CK_OBJECT_HANDLE* priv);

    CK_RV sign(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, Bytes* sig);
    CK_RV verify(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, const Bytes& sig);
    // Multi-part with the data split in `parts` roughly equal pieces.
    CK_RV sign_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                     Bytes* sig);
    CK_RV verify_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                       const Bytes& sig);

    // C_DeriveKey with CKM_ECDH1_DERIVE into an extractable generic secret; reads CKA_VALUE.
    // value_len 0 leaves CKA_VALUE_LEN out of the template.
    CK_RV derive(CK_OBJECT_HANDLE base, CK_EC_KDF_TYPE kdf, const Bytes& public_data,
                 const Bytes& shared_data, CK_ULONG value_len, Bytes* value);

    Bytes attribute(CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type) {
        return p11_.attribute(obj, type);
    }
    // The module's CKA_PUBLIC_KEY_INFO as an OpenSSL key.
    Pkey openssl_public(CK_OBJECT_HANDLE obj);

  private:
    P11Session p11_;
};

// ECDSA helpers on the OpenSSL side.
Bytes der_to_p1363(const Bytes& der, std::size_t n);  // empty when not strict DER / too long
Bytes p1363_to_der(const Bytes& sig);
Bytes digest(const char* name, const Bytes& data, std::size_t xof_len = 0);

}  // namespace craton::test::ec
