// Operation factories of the AES mechanisms; aes.cpp puts them into the mechanism table.
//
// Each factory checks the mechanism parameter (CKR_MECHANISM_PARAM_INVALID) and returns an
// operation holding a copy of the key's prepared context.
#pragma once

#include <memory>

#include <craton/pkcs11/pkcs11.h>

#include "core/operation.h"

namespace craton::mech::aes {

// ECB and CBC (pad: CKM_AES_CBC_PAD, PKCS#7 padding), CTR.
std::unique_ptr<CipherOperation> make_ecb(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt);
std::unique_ptr<CipherOperation> make_cbc(const CK_MECHANISM& m, const ObjectPtr& key, bool encrypt,
                                          bool pad);
std::unique_ptr<CipherOperation> make_ctr(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt);

// GCM with CK_GCM_PARAMS through C_Encrypt*/C_Decrypt* (tag appended to the ciphertext).
std::unique_ptr<CipherOperation> make_gcm(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt);
// GCM through the message-based API (CK_GCM_MESSAGE_PARAMS per message).
std::unique_ptr<MessageCipherOperation> make_gcm_message(const CK_MECHANISM& m,
                                                         const ObjectPtr& key, bool encrypt);

// CMAC (general: CK_MAC_GENERAL_PARAMS gives the MAC length).
std::unique_ptr<SignOperation> make_cmac_sign(const CK_MECHANISM& m, const ObjectPtr& key,
                                              bool general);
std::unique_ptr<VerifyOperation> make_cmac_verify(const CK_MECHANISM& m, const ObjectPtr& key,
                                                  bool general);

// Key wrap, RFC 3394 (pad false) and RFC 5649 (pad true), as a cipher and for C_WrapKey.
std::unique_ptr<CipherOperation> make_key_wrap(const CK_MECHANISM& m, const ObjectPtr& key,
                                               bool encrypt, bool pad);
SecureBytes key_wrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView plain, bool pad);
SecureBytes key_unwrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView wrapped, bool pad);

// CBC-PAD for C_WrapKey / C_UnwrapKey.
SecureBytes cbc_pad_wrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView plain);
SecureBytes cbc_pad_unwrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView wrapped);

}  // namespace craton::mech::aes
