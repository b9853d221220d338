// Operations in progress in a session, one slot per operation kind.
//
// Mechanism families implement these interfaces; the session only tracks which is active,
// whether it was started as single-part or multi-part (mixing the two is refused), and ends it
// on any error other than a short buffer or a length query.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"
#include "core/secure_bytes.h"

namespace craton {

enum class OpKind {
    Find,
    Encrypt,
    Decrypt,
    Digest,
    Sign,
    Verify,
    SignRecover,
    VerifyRecover,
    MessageEncrypt,
    MessageDecrypt,
    MessageSign,
    MessageVerify,
    VerifySignature,
    Count
};

class Operation {
public:
    enum class Mode { Fresh, Single, Multi };
    virtual ~Operation() = default;
    Mode mode = Mode::Fresh;
    // The key (if any) has CKA_ALWAYS_AUTHENTICATE and awaits a CKU_CONTEXT_SPECIFIC login.
    bool awaiting_context_login = false;
    // Handle of the key in use, so destroying it or logging out can end the operation.
    CK_OBJECT_HANDLE key_handle = CK_INVALID_HANDLE;
    // The mechanism it was started with, for the audit record of the call that finishes it.
    CK_MECHANISM_TYPE mechanism = CK_UNAVAILABLE_INFORMATION;
};

class FindOperation final : public Operation {
public:
    std::vector<CK_OBJECT_HANDLE> results;
    std::size_t next = 0;
};

class DigestOperation : public Operation {
public:
    virtual void update(ByteView data) = 0;
    virtual void update_key(const Object& key) = 0;
    virtual std::size_t length() const = 0;
    // Writes exactly length() bytes; the operation is finished afterwards.
    virtual void finish(std::uint8_t* out) = 0;
};

// Sign or MAC.
class SignOperation : public Operation {
public:
    virtual void update(ByteView data) = 0;
    // Upper bound (exact for fixed-size signatures) of the signature length.
    virtual std::size_t signature_length() const = 0;
    virtual std::size_t finish(std::uint8_t* out) = 0;
    // Single-part; mechanisms that cannot stream override this and refuse update().
    virtual std::size_t sign(ByteView data, std::uint8_t* out) {
        update(data);
        return finish(out);
    }
};

class VerifyOperation : public Operation {
public:
    virtual void update(ByteView data) = 0;
    // Throws CKR_SIGNATURE_INVALID / CKR_SIGNATURE_LEN_RANGE on failure.
    virtual void finish(ByteView signature) = 0;
    virtual void verify(ByteView data, ByteView signature) {
        update(data);
        finish(signature);
    }
};

class CipherOperation : public Operation {
public:
    // Bound on bytes update() may write for `in_len` more input.
    virtual std::size_t update_length(std::size_t in_len) const = 0;
    virtual std::size_t update(ByteView in, std::uint8_t* out) = 0;
    virtual std::size_t final_length() const = 0;
    virtual std::size_t finish(std::uint8_t* out) = 0;
    // Single-part: bound and call. Defaults compose update+final.
    virtual std::size_t oneshot_length(std::size_t in_len) const {
        return update_length(in_len) + final_length();
    }
    virtual std::size_t oneshot(ByteView in, std::uint8_t* out) {
        std::size_t n = update(in, out);
        return n + finish(out + n);
    }
    // Single-part output length when the input's content decides it (CBC-PAD decryption reads
    // its last block), so a buffer that fits the real output is never refused as too small.
    virtual std::size_t oneshot_length_for(ByteView in) const { return oneshot_length(in.size()); }
};

// Message-based encryption or decryption (PKCS#11 3.0 sections 5.13-5.14). One operation,
// opened by C_MessageEncryptInit/C_MessageDecryptInit, carries any number of messages; each is
// single-part or begun and then continued in parts. The per-message parameter block is caller
// memory, read during each call and written where the mechanism reports back (a generated IV,
// an encryption tag). An error ends the message, never the operation.
class MessageCipherOperation : public Operation {
public:
    // A message begun with begin() has not been ended yet.
    virtual bool in_message() const = 0;
    // Single-part output length (nothing is started; the parameter block is only read).
    virtual std::size_t message_length(const void* param, CK_ULONG param_len,
                                       std::size_t in_len) const = 0;
    // Starts a message: checks the parameter block, fixes the IV and takes the associated data.
    virtual void begin(void* param, CK_ULONG param_len, ByteView aad) = 0;
    // Bound on the output of the next part; `last` marks the part that ends the message.
    virtual std::size_t next_length(std::size_t in_len, bool last) const = 0;
    // Processes one part; with `last` also completes the message (tag written or checked).
    virtual std::size_t next(void* param, CK_ULONG param_len, ByteView in, std::uint8_t* out,
                             bool last) = 0;
    // Abandons the current message after an error; the operation stays usable.
    virtual void abort_message() noexcept = 0;
};

}  // namespace craton
