// RSA operations behind the mechanism table: signatures, encryption, key wrapping, key-pair
// generation. rsa.cpp binds each PKCS#11 mechanism to these with its padding and hash.
#pragma once

#include <memory>

#include <craton/pkcs11/pkcs11.h>

#include "core/operation.h"
#include "mech/rsa_params.h"

namespace craton::mech::rsa {

enum class Padding {
    Pkcs1,  // RSASSA-PKCS1-v1_5 / RSAES-PKCS1-v1_5
    Pss,    // RSASSA-PSS
    Oaep,   // RSAES-OAEP
    Raw,    // CKM_RSA_X_509: no padding at all
};

// `combined` is the hash a CKM_SHA*_RSA_* mechanism applies to the data itself (multi-part);
// nullptr for the single-part mechanisms that take a prepared input.
std::unique_ptr<SignOperation> make_signer(const CK_MECHANISM& mech, const ObjectPtr& key,
                                           Padding padding, const Hash* combined);
std::unique_ptr<VerifyOperation> make_verifier(const CK_MECHANISM& mech, const ObjectPtr& key,
                                               Padding padding, const Hash* combined);

std::unique_ptr<CipherOperation> make_encryptor(const CK_MECHANISM& mech, const ObjectPtr& key,
                                                Padding padding);
std::unique_ptr<CipherOperation> make_decryptor(const CK_MECHANISM& mech, const ObjectPtr& key,
                                                Padding padding);

// CKM_RSA_PKCS_OAEP as a wrapping mechanism: the encoded key is the OAEP message.
SecureBytes oaep_wrap(const CK_MECHANISM& mech, const ObjectPtr& key, ByteView plain);
SecureBytes oaep_unwrap(const CK_MECHANISM& mech, const ObjectPtr& key, ByteView wrapped);

void generate_key_pair(const CK_MECHANISM& mech, Object& pub, Object& priv);

}  // namespace craton::mech::rsa
