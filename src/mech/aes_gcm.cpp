// AES-GCM through C_Encrypt*/C_Decrypt* (CK_GCM_PARAMS) and the message-based API
// (CK_GCM_MESSAGE_PARAMS).
//
// Accepted parameters (PKCS#11 3.0 section 2.12.3 allows more; these are the choices):
//  - IV of 1 to 128 bytes; 12 is recommended. PKCS#11 allows up to 2^32-1 bytes, but OpenSSL's
//    GCM takes at most 128, and ulIvBits is informational only, as the specification says.
//  - Tags of 96, 104, 112, 120 or 128 bits. SP 800-38D also allows 32 and 64 bits, but only
//    for applications that bound message lengths and invocations (its Appendix C), which a
//    general-purpose module cannot check; PKCS#11's "0 to 128" would allow tags a forger can
//    guess. Anything else is CKR_MECHANISM_PARAM_INVALID.
// Decryption never hands out plaintext before the tag is verified: multi-part decryption
// returns nothing until C_DecryptFinal / the last message part, and a single-part call that
// fails verification wipes what it wrote.
#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "core/error.h"
#include "mech/aes_key.h"
#include "mech/aes_ops.h"
#include "rng/random.h"

namespace craton::mech::aes {
namespace {

constexpr std::size_t kMaxIvLen = 128;
// SP 800-38D section 8.2.2: an RBG-generated IV carries at least 96 random bits.
constexpr std::size_t kMinRandomIvBits = 96;

std::size_t tag_bytes(CK_ULONG tag_bits) {
    if (tag_bits < 96 || tag_bits > 128 || tag_bits % 8 != 0) fail(CKR_MECHANISM_PARAM_INVALID);
    return tag_bits / 8;
}

void check_iv_length(CK_ULONG iv_len) {
    if (iv_len == 0 || iv_len > kMaxIvLen) fail(CKR_MECHANISM_PARAM_INVALID);
}

// GCM's default IV length, which a context copied from the key's GCM context starts with.
constexpr std::size_t kDefaultIvLen = 12;

// Sets the IV (of any accepted length) on a context copied from the key's GCM context;
// `ctx_iv_len` is the IV length the context is set for (changing it costs a parameter call,
// so it is only made when the length differs).
void start_message(EVP_CIPHER_CTX* ctx, std::size_t& ctx_iv_len, const std::uint8_t* iv,
                   std::size_t iv_len, bool encrypt) {
    if (iv_len != ctx_iv_len) {
        if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(iv_len), nullptr) !=
            1) {
            fail(CKR_MECHANISM_PARAM_INVALID);
        }
        ctx_iv_len = iv_len;
    }
    set_iv(ctx, iv, encrypt ? 1 : 0);
}

void absorb_aad(EVP_CIPHER_CTX* ctx, ByteView aad) {
    if (!aad.empty()) (void)cipher_update(ctx, nullptr, aad);
}

void get_tag(EVP_CIPHER_CTX* ctx, std::uint8_t* tag, std::size_t len) {
    int n = 0;
    std::uint8_t none[1];
    if (EVP_EncryptFinal_ex(ctx, none, &n) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(len), tag) != 1) {
        fail(CKR_FUNCTION_FAILED);
    }
}

bool tag_verifies(EVP_CIPHER_CTX* ctx, const std::uint8_t* tag, std::size_t len) {
    std::uint8_t copy[16];
    std::memcpy(copy, tag, len);  // OpenSSL's ctrl takes a non-const pointer
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(len), copy) != 1) {
        fail(CKR_FUNCTION_FAILED);
    }
    int n = 0;
    std::uint8_t none[1];
    return EVP_DecryptFinal_ex(ctx, none, &n) == 1;
}

// Plaintext held until the tag verifies; wiped whenever it is dropped.
class HeldPlaintext {
  public:
    ~HeldPlaintext() { clear(); }
    std::size_t size() const noexcept { return bytes_.size(); }
    const std::uint8_t* data() const noexcept { return bytes_.data(); }
    void decrypt_append(EVP_CIPHER_CTX* ctx, ByteView in) {
        if (in.empty()) return;
        const std::size_t old = bytes_.size();
        // Growth reallocates: wipe the old copy rather than leave plaintext in freed memory.
        if (bytes_.capacity() < old + in.size()) {
            Bytes bigger;
            bigger.reserve(std::max(old + in.size(), 2 * bytes_.capacity()));
            bigger.assign(bytes_.begin(), bytes_.end());
            clear();
            bytes_.swap(bigger);
        }
        bytes_.resize(old + in.size());
        (void)cipher_update(ctx, bytes_.data() + old, in);
    }
    void clear() noexcept {
        wipe(bytes_.data(), bytes_.size());
        bytes_.clear();
    }

  private:
    Bytes bytes_;
};

class GcmEncrypt final : public CipherOperation {
  public:
    GcmEncrypt(CipherCtx ctx, std::size_t tag_len) : ctx_(std::move(ctx)), tag_len_(tag_len) {}

    std::size_t update_length(std::size_t in_len) const override { return in_len; }
    std::size_t update(ByteView in, std::uint8_t* out) override {
        return cipher_update(ctx_.get(), out, in);
    }
    std::size_t final_length() const override { return tag_len_; }
    std::size_t finish(std::uint8_t* out) override {
        get_tag(ctx_.get(), out, tag_len_);
        return tag_len_;
    }

  private:
    CipherCtx ctx_;
    std::size_t tag_len_;
};

class GcmDecrypt final : public CipherOperation {
  public:
    GcmDecrypt(CipherCtx ctx, std::size_t tag_len) : ctx_(std::move(ctx)), tag_len_(tag_len) {}
    ~GcmDecrypt() override { wipe(tail_, sizeof tail_); }
    GcmDecrypt(const GcmDecrypt&) = delete;
    GcmDecrypt& operator=(const GcmDecrypt&) = delete;

    // Multi-part: the last tag_len bytes seen so far may be the tag, so they are held back;
    // everything before them is decrypted into the held plaintext.
    std::size_t update_length(std::size_t) const override { return 0; }
    std::size_t update(ByteView in, std::uint8_t*) override {
        const std::size_t total = tail_len_ + in.size();
        if (total <= tag_len_) {
            std::memcpy(tail_ + tail_len_, in.data(), in.size());
            tail_len_ = total;
            return 0;
        }
        const std::size_t release = total - tag_len_;
        const std::size_t from_tail = std::min(release, tail_len_);
        plain_.decrypt_append(ctx_.get(), ByteView(tail_, from_tail));
        const std::size_t from_in = release - from_tail;
        plain_.decrypt_append(ctx_.get(), in.first(from_in));
        // New tail: what is left of the old tail, then the rest of the input.
        std::memmove(tail_, tail_ + from_tail, tail_len_ - from_tail);
        std::memcpy(tail_ + (tail_len_ - from_tail), in.data() + from_in, in.size() - from_in);
        tail_len_ = tag_len_;
        return 0;
    }
    std::size_t final_length() const override {
        if (tail_len_ < tag_len_) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
        return plain_.size();
    }
    std::size_t finish(std::uint8_t* out) override {
        const std::size_t n = final_length();
        if (!tag_verifies(ctx_.get(), tail_, tag_len_)) {
            plain_.clear();
            fail(CKR_ENCRYPTED_DATA_INVALID);
        }
        std::memcpy(out, plain_.data(), n);
        plain_.clear();
        return n;
    }
    std::size_t oneshot_length(std::size_t in_len) const override {
        if (in_len < tag_len_) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
        return in_len - tag_len_;
    }
    std::size_t oneshot(ByteView in, std::uint8_t* out) override {
        const std::size_t n = oneshot_length(in.size());
        (void)cipher_update(ctx_.get(), out, in.first(n));
        if (!tag_verifies(ctx_.get(), in.data() + n, tag_len_)) {
            wipe(out, n);
            fail(CKR_ENCRYPTED_DATA_INVALID);
        }
        return n;
    }

  private:
    CipherCtx ctx_;
    std::size_t tag_len_;
    std::uint8_t tail_[16] = {};
    std::size_t tail_len_ = 0;
    HeldPlaintext plain_;
};

// --- message-based API -------------------------------------------------------------------

CK_GCM_MESSAGE_PARAMS read_message_params(const void* param, CK_ULONG len) {
    if (param == nullptr || len != sizeof(CK_GCM_MESSAGE_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_GCM_MESSAGE_PARAMS p;
    std::memcpy(&p, param, sizeof p);
    if (p.pIv == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    check_iv_length(p.ulIvLen);
    (void)tag_bytes(p.ulTagBits);
    return p;
}

// Fills the non-fixed part of the IV from the DRBG, keeping the caller's leading
// ulIvFixedBits, and returns the whole IV in the caller's pIv.
void generate_iv(const CK_GCM_MESSAGE_PARAMS& p, std::uint8_t* iv) {
    const std::size_t len = p.ulIvLen;
    if (p.ulIvFixedBits > len * 8 || len * 8 - p.ulIvFixedBits < kMinRandomIvBits) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    rng::random_bytes({iv, len});
    const std::size_t fixed_bytes = p.ulIvFixedBits / 8;
    const unsigned fixed_rem = p.ulIvFixedBits % 8;
    std::memcpy(iv, p.pIv, fixed_bytes);
    if (fixed_rem != 0) {
        const auto high = static_cast<std::uint8_t>(0xff00u >> fixed_rem);
        iv[fixed_bytes] =
            static_cast<std::uint8_t>((p.pIv[fixed_bytes] & high) | (iv[fixed_bytes] & ~high));
    }
    std::memcpy(p.pIv, iv, len);
}

class GcmMessage final : public MessageCipherOperation {
  public:
    GcmMessage(std::shared_ptr<const AesKey> key, CK_OBJECT_HANDLE handle, bool encrypt)
        : key_(std::move(key)), ctx_(key_->context(Use::Gcm)), handle_(handle), encrypt_(encrypt) {}
    ~GcmMessage() override { wipe(iv_, sizeof iv_); }
    GcmMessage(const GcmMessage&) = delete;
    GcmMessage& operator=(const GcmMessage&) = delete;

    bool in_message() const override { return in_message_; }

    std::size_t message_length(const void* param, CK_ULONG param_len,
                               std::size_t in_len) const override {
        const auto p = read_message_params(param, param_len);
        if (p.pTag == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
        return in_len;
    }

    void begin(void* param, CK_ULONG param_len, ByteView aad) override {
        const auto p = read_message_params(param, param_len);
        const std::uint8_t* iv = p.pIv;
        if (encrypt_) {
            // PKCS#11 3.0: CKG_GENERATE leaves the method to the module (random here, as for
            // CKG_GENERATE_RANDOM). A counter per key cannot be kept unique across copies of
            // the key or module restarts, so CKG_GENERATE_COUNTER is not offered; with
            // CKG_NO_GENERATE the caller's IV is used as given.
            switch (p.ivGenerator) {
                case CKG_NO_GENERATE:
                    break;
                case CKG_GENERATE:
                case CKG_GENERATE_RANDOM:
                    iv = nullptr;
                    break;
                default:
                    fail(CKR_MECHANISM_PARAM_INVALID);
            }
            key_->count_gcm_encryption(handle_);
            if (iv == nullptr) {
                generate_iv(p, iv_);
                iv = iv_;
            }
        }
        start_message(ctx_.get(), ctx_iv_len_, iv, p.ulIvLen, encrypt_);
        absorb_aad(ctx_.get(), aad);
        iv_len_ = p.ulIvLen;
        tag_bits_ = p.ulTagBits;
        in_message_ = true;
    }

    std::size_t next_length(std::size_t in_len, bool last) const override {
        if (encrypt_) return in_len;
        return last ? plain_.size() + in_len : 0;
    }

    std::size_t next(void* param, CK_ULONG param_len, ByteView in, std::uint8_t* out,
                     bool last) override {
        // The same message's parameters come with every part; the tag pointer matters on
        // the last one.
        const auto p = read_message_params(param, param_len);
        if (p.ulIvLen != iv_len_ || p.ulTagBits != tag_bits_) fail(CKR_MECHANISM_PARAM_INVALID);
        if (last && p.pTag == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
        const std::size_t tag_len = p.ulTagBits / 8;
        if (encrypt_) {
            const std::size_t n = cipher_update(ctx_.get(), out, in);
            if (last) {
                get_tag(ctx_.get(), p.pTag, tag_len);
                in_message_ = false;
            }
            return n;
        }
        if (!last) {
            plain_.decrypt_append(ctx_.get(), in);
            return 0;
        }
        const std::size_t held = plain_.size();
        // memcpy with a null source is undefined even for 0 bytes (UBSan reports it).
        if (held != 0) std::memcpy(out, plain_.data(), held);
        plain_.clear();
        const std::size_t total = held + cipher_update(ctx_.get(), out + held, in);
        in_message_ = false;
        if (!tag_verifies(ctx_.get(), p.pTag, tag_len)) {
            wipe(out, total);
            fail(CKR_AEAD_DECRYPT_FAILED);
        }
        return total;
    }

    void abort_message() noexcept override {
        plain_.clear();
        in_message_ = false;
    }

  private:
    std::shared_ptr<const AesKey> key_;
    CipherCtx ctx_;
    CK_OBJECT_HANDLE handle_;
    bool encrypt_;
    bool in_message_ = false;
    CK_ULONG iv_len_ = 0;
    CK_ULONG tag_bits_ = 0;
    std::size_t ctx_iv_len_ = kDefaultIvLen;
    std::uint8_t iv_[kMaxIvLen] = {};
    HeldPlaintext plain_;
};

}  // namespace

std::unique_ptr<CipherOperation> make_gcm(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt) {
    if (m.pParameter == nullptr || m.ulParameterLen != sizeof(CK_GCM_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_GCM_PARAMS p;
    std::memcpy(&p, m.pParameter, sizeof p);
    check_iv_length(p.ulIvLen);
    if (p.pIv == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    if (p.pAAD == nullptr && p.ulAADLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
    const std::size_t tag_len = tag_bytes(p.ulTagBits);
    auto aes = aes_key_of(*key);
    if (encrypt) aes->count_gcm_encryption(key->handle());
    CipherCtx ctx = aes->context(Use::Gcm);
    std::size_t ctx_iv_len = kDefaultIvLen;
    start_message(ctx.get(), ctx_iv_len, p.pIv, p.ulIvLen, encrypt);
    absorb_aad(ctx.get(), p.pAAD == nullptr ? ByteView{} : view(p.pAAD, p.ulAADLen));
    if (encrypt) return std::make_unique<GcmEncrypt>(std::move(ctx), tag_len);
    return std::make_unique<GcmDecrypt>(std::move(ctx), tag_len);
}

std::unique_ptr<MessageCipherOperation> make_gcm_message(const CK_MECHANISM& m,
                                                         const ObjectPtr& key, bool encrypt) {
    // Per-message parameters come with each message; C_Message*Init takes none (a
    // CK_GCM_MESSAGE_PARAMS passed here, as some callers do, is ignored).
    if (m.ulParameterLen != 0 && m.ulParameterLen != sizeof(CK_GCM_MESSAGE_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    return std::make_unique<GcmMessage>(aes_key_of(*key), key->handle(), encrypt);
}

}  // namespace craton::mech::aes
