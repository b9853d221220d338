// PKCS#11's dual-function calls (C_DigestEncryptUpdate, C_SignEncryptUpdate,
// C_DecryptDigestUpdate, C_DecryptVerifyUpdate): one call continues two multi-part operations
// of the session with the same data, the plaintext.
//
// The cipher runs first, because only it has output and so the length protocol: a length
// query or CKR_BUFFER_TOO_SMALL must leave both operations exactly as they were, so the
// caller can repeat the call. The digest/sign/verify side then takes the plaintext (the
// input when encrypting, the recovered output when decrypting). Both operations must be
// active before either is touched.
#include <mutex>

#include "core/error.h"
#include "core/hsm.h"

namespace craton {

void Hsm::dual_update(CK_SESSION_HANDLE handle, DualUpdate which, ByteView in, OutputBuffer out) {
    const bool decrypting = which == DualUpdate::DecryptDigest || which == DualUpdate::DecryptVerify;
    const OpKind cipher = decrypting ? OpKind::Decrypt : OpKind::Encrypt;
    const OpKind other = (which == DualUpdate::DigestEncrypt || which == DualUpdate::DecryptDigest)
                             ? OpKind::Digest
                             : which == DualUpdate::SignEncrypt ? OpKind::Sign : OpKind::Verify;
    {
        const SessionPtr s = session(handle);
        std::lock_guard lock(s->mutex());
        if (s->active(cipher) == nullptr || s->active(other) == nullptr) {
            fail(CKR_OPERATION_NOT_INITIALIZED);
        }
    }
    const CK_BYTE_PTR buffer = out.data();
    if (decrypting) {
        decrypt_update(handle, in, out);
    } else {
        encrypt_update(handle, in, out);
    }
    if (out.is_length_query()) return;
    const ByteView plaintext = decrypting ? ByteView(buffer, out.capacity()) : in;
    switch (other) {
        case OpKind::Digest:
            digest_update(handle, plaintext);
            break;
        case OpKind::Sign:
            sign_update(handle, plaintext);
            break;
        default:
            verify_update(handle, plaintext);
            break;
    }
}

}  // namespace craton
