// AES key wrap: RFC 3394 / SP 800-38F KW (CKM_AES_KEY_WRAP) and RFC 5649 / SP 800-38F KWP
// (CKM_AES_KEY_WRAP_PAD, CKM_AES_KEY_WRAP_KWP), for C_WrapKey/C_UnwrapKey and as ciphers.
//
// The optional mechanism parameter is the initial value: 8 bytes for KW, 4 for KWP (NULL:
// the standard value). KW takes whole 8-byte semiblocks, at least two; a single semiblock
// (RFC 3394's one-block case) is not defined by SP 800-38F and is refused. Unwrapping checks
// the integrity value and, for KWP, the length and zero padding; any failure is one code.
#include <climits>
#include <cstring>

#include "core/error.h"
#include "mech/aes_key.h"
#include "mech/aes_ops.h"

namespace craton::mech::aes {
namespace {

constexpr std::size_t kSemiblock = 8;
// KWP encodes the length in 32 bits; KW inputs are bounded the same way (and by EVP's int).
constexpr std::size_t kMaxInput = std::size_t{1} << 30;

const std::uint8_t* initial_value(const CK_MECHANISM& m, bool pad) {
    if (m.pParameter == nullptr && m.ulParameterLen == 0) return nullptr;
    const std::size_t len = pad ? 4 : kSemiblock;
    if (m.pParameter == nullptr || m.ulParameterLen != len) fail(CKR_MECHANISM_PARAM_INVALID);
    return static_cast<const std::uint8_t*>(m.pParameter);
}

std::size_t wrapped_length(std::size_t n, bool pad) {
    if (pad) {
        if (n == 0 || n > kMaxInput) fail(CKR_DATA_LEN_RANGE);
        return (n + kSemiblock - 1) / kSemiblock * kSemiblock + kSemiblock;
    }
    if (n < 2 * kSemiblock || n % kSemiblock != 0 || n > kMaxInput) fail(CKR_DATA_LEN_RANGE);
    return n + kSemiblock;
}

// Upper bound on the unwrapped length (exact for KW; KWP's padding is known only after).
std::size_t unwrapped_bound(std::size_t n, bool pad) {
    const std::size_t min = pad ? 2 * kSemiblock : 3 * kSemiblock;
    if (n < min || n % kSemiblock != 0 || n > kMaxInput + kSemiblock) {
        fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
    }
    return n - kSemiblock;
}

class WrapCipher {
  public:
    WrapCipher(const CK_MECHANISM& m, const ObjectPtr& key, bool encrypt, bool pad)
        : key_(aes_key_of(*key)), encrypt_(encrypt), pad_(pad) {
        // The parameter is caller memory, valid only during the *Init call.
        if (const std::uint8_t* iv = initial_value(m, pad); iv != nullptr) {
            std::memcpy(iv_, iv, pad ? 4 : kSemiblock);
            has_iv_ = true;
        }
    }

    std::size_t output_bound(std::size_t n) const {
        return encrypt_ ? wrapped_length(n, pad_) : unwrapped_bound(n, pad_);
    }

    // Writes into `out` (output_bound(in.size()) bytes); returns the exact length.
    std::size_t run(ByteView in, std::uint8_t* out) const {
        (void)output_bound(in.size());
        const Use use = pad_ ? (encrypt_ ? Use::WrapPadEncrypt : Use::WrapPadDecrypt)
                             : (encrypt_ ? Use::WrapEncrypt : Use::WrapDecrypt);
        CipherCtx ctx = key_->context(use);
        if (has_iv_) set_iv(ctx.get(), iv_, encrypt_ ? 1 : 0);
        int n = 0;
        if (EVP_CipherUpdate(ctx.get(), out, &n, in.data(), static_cast<int>(in.size())) != 1 ||
            n <= 0) {
            if (encrypt_) fail(CKR_FUNCTION_FAILED);
            fail(CKR_ENCRYPTED_DATA_INVALID);
        }
        return static_cast<std::size_t>(n);
    }

  private:
    std::shared_ptr<const AesKey> key_;
    std::uint8_t iv_[kSemiblock] = {};
    bool has_iv_ = false;
    bool encrypt_;
    bool pad_;
};

// Unwraps into a private buffer first: KWP writes its padding past the real length, and a
// failed check must leave nothing behind in the caller's memory.
SecureBytes run_to_secure(const WrapCipher& w, ByteView in) {
    SecureBytes out(w.output_bound(in.size()));
    out.resize(w.run(in, out.data()));
    return out;
}

// Key wrap as C_Encrypt/C_Decrypt. Multi-part input is collected and wrapped at the end.
class KeyWrapCipher final : public CipherOperation {
  public:
    explicit KeyWrapCipher(WrapCipher w) : w_(std::move(w)) {}

    std::size_t update_length(std::size_t) const override { return 0; }
    std::size_t update(ByteView in, std::uint8_t*) override {
        input_.insert(input_.end(), in.begin(), in.end());
        return 0;
    }
    std::size_t final_length() const override { return w_.output_bound(input_.size()); }
    std::size_t finish(std::uint8_t* out) override {
        return oneshot(ByteView(input_.data(), input_.size()), out);
    }
    std::size_t oneshot_length(std::size_t in_len) const override {
        return w_.output_bound(in_len);
    }
    std::size_t oneshot(ByteView in, std::uint8_t* out) override {
        const SecureBytes result = run_to_secure(w_, in);
        std::memcpy(out, result.data(), result.size());
        return result.size();
    }

  private:
    WrapCipher w_;
    SecureBytes input_;
};

}  // namespace

std::unique_ptr<CipherOperation> make_key_wrap(const CK_MECHANISM& m, const ObjectPtr& key,
                                               bool encrypt, bool pad) {
    return std::make_unique<KeyWrapCipher>(WrapCipher(m, key, encrypt, pad));
}

SecureBytes key_wrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView plain, bool pad) {
    const WrapCipher w(m, key, true, pad);
    try {
        return run_to_secure(w, plain);
    } catch (const Pkcs11Error& e) {
        // A key of a length the mode cannot take (KW: not whole semiblocks) is not wrappable.
        if (e.rv() == CKR_DATA_LEN_RANGE) fail(CKR_KEY_NOT_WRAPPABLE);
        throw;
    }
}

SecureBytes key_unwrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView wrapped, bool pad) {
    return run_to_secure(WrapCipher(m, key, false, pad), wrapped);
}

}  // namespace craton::mech::aes
