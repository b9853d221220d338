// The KAT bodies, one function per table row (kat_table.cpp), grouped by file.
#pragma once

namespace craton::selftest::kat {

// kat_hash.cpp
void sha1();
void sha256();
void sha384();
void sha512();
void sha3_256();
void hmac_sha256();
void hkdf_sha256();
void pbkdf2_sha256();
void hmac_drbg();
// kat_aes.cpp
void aes_gcm_encrypt();
void aes_gcm_decrypt();
void aes_cbc_encrypt();
void aes_cbc_decrypt();
void aes_kw_wrap();
void aes_kw_unwrap();
// kat_rsa.cpp
void rsa_pkcs1_sign();
void rsa_pkcs1_verify();
void rsa_pss_verify();
void rsa_pss_sign();
// kat_ec.cpp
void ecdsa_p256_sign();
void ecdsa_p256_verify();
void ecdh_p256();
void ed25519_sign();
void ed25519_verify();
// kat_pqc.cpp
// Key generation, then the private- and public-key operations on the published values; each
// step checks under its own name (ml-kem-keygen, ml-kem-encaps, ml-kem-decaps, ...).
void ml_kem();
void ml_dsa();
void slh_dsa();

}  // namespace craton::selftest::kat
