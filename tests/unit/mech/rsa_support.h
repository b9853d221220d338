// Shared helpers for the RSA family's ABI tests (Wycheproof and ACVP vectors, mechanism rules).
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/p11_module.h"

namespace craton::test::rsa {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Big-endian integers as the key attributes hold them; the CRT values may be empty.
struct PrivateKey {
    Bytes n, e, d, p, q, dp, dq, qinv;
};

// Wycheproof's "privateKey" object (CRT values where the file has them).
PrivateKey private_from_json(const nlohmann::json& k);
// The first private key of wycheproof/rsa_pkcs1_<bits>_test.json: a full CRT key.
PrivateKey fixture_key(int bits);

// "SHA-256" (Wycheproof), "SHA2-256" / "SHA3-256" (ACVP) -> CKM_SHA256 ...; 0 when unknown.
CK_MECHANISM_TYPE hash_mechanism(const std::string& name);
CK_RSA_PKCS_MGF_TYPE mgf1_for(CK_MECHANISM_TYPE hash);
CK_MECHANISM_TYPE pkcs1_mechanism(CK_MECHANISM_TYPE hash);  // CKM_SHA256_RSA_PKCS
CK_MECHANISM_TYPE pss_mechanism(CK_MECHANISM_TYPE hash);    // CKM_SHA256_RSA_PKCS_PSS
const EVP_MD* evp_md(CK_MECHANISM_TYPE hash);
std::size_t hash_size(CK_MECHANISM_TYPE hash);

class RsaSession {
  public:
    explicit RsaSession(const std::string& extra_config = "") : p11_(extra_config) {}
    P11Session& p11() { return p11_; }
    CK_FUNCTION_LIST_3_0* fn() { return p11_.fn(); }
    CK_SESSION_HANDLE session() { return p11_.session(); }

    // Public key with CKA_VERIFY, CKA_ENCRYPT and CKA_WRAP.
    CK_RV import_public(const Bytes& n, const Bytes& e, CK_OBJECT_HANDLE* out);
    CK_OBJECT_HANDLE public_key(const Bytes& n, const Bytes& e);
    // Private key with CKA_SIGN, CKA_DECRYPT and CKA_UNWRAP; sensitive and not extractable
    // unless `extractable`.
    CK_RV import_private(const PrivateKey& k, CK_OBJECT_HANDLE* out, bool extractable = false);
    CK_OBJECT_HANDLE private_key(const PrivateKey& k, bool extractable = false);
    // C_GenerateKeyPair; an empty exponent leaves CKA_PUBLIC_EXPONENT out.
    CK_RV generate(CK_ULONG bits, const Bytes& exponent, CK_OBJECT_HANDLE* pub,
                   CK_OBJECT_HANDLE* priv);

    CK_RV sign(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, Bytes* sig);
    CK_RV verify(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, const Bytes& sig);
    CK_RV sign_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                     Bytes* sig);
    CK_RV verify_multi(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& data, int parts,
                       const Bytes& sig);
    CK_RV encrypt(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& in, Bytes* out);
    CK_RV decrypt(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& in, Bytes* out);

  private:
    P11Session p11_;
};

// OpenSSL's view of the same keys, for checking the module against EVP directly.
Pkey openssl_public(const Bytes& n, const Bytes& e);
Pkey openssl_private(const PrivateKey& k);
// PKCS#1 v1.5 when salt_len < 0, else PSS with MGF1(mgf_hash).
bool openssl_verify(EVP_PKEY* key, CK_MECHANISM_TYPE hash, const Bytes& msg, const Bytes& sig,
                    int salt_len = -1, CK_MECHANISM_TYPE mgf_hash = 0);
Bytes openssl_sign(EVP_PKEY* key, CK_MECHANISM_TYPE hash, const Bytes& msg, int salt_len = -1,
                   CK_MECHANISM_TYPE mgf_hash = 0);

}  // namespace craton::test::rsa
