// The mechanism table.
//
// Each mechanism family (one file in src/mech) registers its mechanisms here with their
// CK_MECHANISM_INFO, FIPS-approved flag, accepted key types and the operations they provide.
// C_GetMechanismList, C_GetMechanismInfo, every *Init and the approved-mode policy all read
// this one table, so adding a mechanism is adding a file and a row.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "core/attribute_policy.h"
#include "core/operation.h"

namespace craton::mech {

struct Mechanism {
    CK_MECHANISM_TYPE type = 0;
    const char* name = "";
    CK_MECHANISM_INFO info{};
    bool fips_approved = false;
    // Key types an *Init may use with this mechanism (empty: no key).
    std::vector<CK_KEY_TYPE> key_types;
    // Signing with SHA-1 is refused unless [algorithms] allow_sha1_signing (verify is fine).
    bool sha1_signature = false;
    // Signing with SHA-1 chosen by the parameter (CKM_RSA_PKCS_PSS with hashAlg CKM_SHA_1):
    // same policy. Must tolerate malformed parameters (answer false; the factory refuses them).
    std::function<bool(const CK_MECHANISM&)> sha1_signature_param;
    // Raw RSA private-key operations (sign, decrypt) are a decryption oracle for every other RSA
    // scheme; refused unless [algorithms] allow_rsa_x509_decrypt.
    bool raw_rsa_private = false;

    // Factories read the mechanism parameter during the call (it is caller memory).
    std::function<std::unique_ptr<DigestOperation>(const CK_MECHANISM&)> digest;
    std::function<std::unique_ptr<SignOperation>(const CK_MECHANISM&, const ObjectPtr&)> sign;
    std::function<std::unique_ptr<VerifyOperation>(const CK_MECHANISM&, const ObjectPtr&)> verify;
    std::function<std::unique_ptr<CipherOperation>(const CK_MECHANISM&, const ObjectPtr&)> encrypt;
    std::function<std::unique_ptr<CipherOperation>(const CK_MECHANISM&, const ObjectPtr&)> decrypt;
    // Message-based AEAD (PKCS#11 3.0 C_MessageEncryptInit / C_MessageDecryptInit).
    std::function<std::unique_ptr<MessageCipherOperation>(const CK_MECHANISM&, const ObjectPtr&)>
        message_encrypt;
    std::function<std::unique_ptr<MessageCipherOperation>(const CK_MECHANISM&, const ObjectPtr&)>
        message_decrypt;
    // Secret-key generation: fills the key value into `key` (built by AttributePolicy).
    std::function<void(const CK_MECHANISM&, Object& key)> generate_key;
    // Key-pair generation: fills both halves (key value attributes, parameters, public info).
    std::function<void(const CK_MECHANISM&, Object& pub, Object& priv)> generate_key_pair;
    // Key type that generate_key / generate_key_pair produce.
    CK_KEY_TYPE generated_key_type = CK_UNAVAILABLE_INFORMATION;
    // Key encapsulation (PKCS#11 3.2 C_EncapsulateKey / C_DecapsulateKey). The core asks for
    // the exact ciphertext length first, so length queries and short buffers create no key;
    // encapsulate writes that many bytes and returns the shared secret; decapsulate returns
    // the shared secret (CKR_ENCRYPTED_DATA_LEN_RANGE for a ciphertext of the wrong length).
    std::function<std::size_t(const CK_MECHANISM&, const ObjectPtr& pub)> ciphertext_length;
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& pub, std::uint8_t* ct)>
        encapsulate;
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& priv, ByteView ct)>
        decapsulate;
    // Wrapping: encrypts / decrypts the encoded key (secret value or PKCS#8) under `key`.
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& key, ByteView plain)> wrap;
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& key, ByteView wrapped)> unwrap;
    // Derivation: `length` is the CKA_VALUE_LEN asked for (0: the mechanism's natural size).
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& base, std::size_t length)>
        derive;
    // Derivation whose parameter names further keys (HKDF's hSaltKey): `lookup` resolves a
    // handle as the calling session sees it (CKR_KEY_HANDLE_INVALID when it cannot). Used
    // instead of `derive` when set.
    using KeyLookup = std::function<ObjectPtr(CK_OBJECT_HANDLE)>;
    std::function<SecureBytes(const CK_MECHANISM&, const ObjectPtr& base, std::size_t length,
                              const KeyLookup& lookup)>
        derive_with_lookup;
    // Class of the object C_DeriveKey creates: CKM_HKDF_DATA makes a CKO_DATA object, whose
    // length comes from the template's CKA_VALUE_LEN (not stored: data objects have none).
    CK_OBJECT_CLASS derived_class = CKO_SECRET_KEY;
};

// What the module knows about one key type beyond the attribute table: checking and
// completing imported key material, and the PKCS#8 form used to wrap private keys.
struct KeyTypeSupport {
    CK_KEY_TYPE type = 0;
    // Validates an imported key (C_CreateObject, C_UnwrapKey) and adds derived public
    // attributes such as CKA_PUBLIC_KEY_INFO. Throws CKR_ATTRIBUTE_VALUE_INVALID and friends.
    std::function<void(Object&)> complete_import;
    std::function<SecureBytes(const Object& priv)> encode_private;
    std::function<void(ByteView encoded, Object& priv)> decode_private;
};

class MechanismRegistry {
public:
    // The process-wide table, filled on first use by every family's register function.
    static const MechanismRegistry& global();

    void add(Mechanism m);
    void add_key_type(KeyTypeSupport k);
    const Mechanism* find(CK_MECHANISM_TYPE type) const;
    // The row whatever the approved-only policy says: names and flags for audit records.
    const Mechanism* describe(CK_MECHANISM_TYPE type) const;
    const KeyTypeSupport* key_type(CK_KEY_TYPE type) const;
    std::vector<CK_MECHANISM_TYPE> types() const;

private:
    std::map<CK_MECHANISM_TYPE, Mechanism> table_;
    std::map<CK_KEY_TYPE, KeyTypeSupport> key_types_;
};

// Family registration functions, one per file in src/mech; families.cpp calls each once.
void register_digest_mechanisms(MechanismRegistry& r);
void register_hmac_mechanisms(MechanismRegistry& r);
void register_aes_mechanisms(MechanismRegistry& r);
void register_rsa_mechanisms(MechanismRegistry& r);
void register_ec_mechanisms(MechanismRegistry& r);
void register_hkdf_mechanisms(MechanismRegistry& r);
void register_pqc_mechanisms(MechanismRegistry& r);

}  // namespace craton::mech
