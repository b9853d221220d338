// AES through the module's own key objects (mech/aes_key.h): the prepared, padding-free EVP
// contexts every AES mechanism of the module copies, so the runner exercises that code.
#pragma once

#include "certified/acvp/acvp_types.h"
#include "mech/aes_key.h"

namespace craton::acvp::aes {

using mech::aes::Use;

// A fresh context for `use`, keyed with `key`; `iv` (may be empty) set for encrypt/decrypt.
mech::aes::CipherCtx keyed_context(const Bytes& key, Use use, const Bytes& iv, bool encrypt);

// One update over `in`; output has in.size() bytes (stream or whole-block modes only).
Bytes update(EVP_CIPHER_CTX* ctx, const Bytes& in);

}  // namespace craton::acvp::aes
