// AES-ECB, AES-CBC, AES-CBC-PAD and AES-CTR as PKCS#11 cipher operations.
//
// Output lengths are exact: the operations track how many bytes OpenSSL holds in a partial
// block, and CBC-PAD decryption holds back the last block itself so that the padding (and so
// the plaintext length) is known before the caller's buffer is sized.
#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "mech/aes_key.h"
#include "mech/aes_ops.h"

namespace craton::mech::aes {
namespace {

CK_RV length_error(bool encrypt) {
    return encrypt ? CKR_DATA_LEN_RANGE : CKR_ENCRYPTED_DATA_LEN_RANGE;
}

std::size_t whole_blocks(std::size_t n) {
    return n / kBlock * kBlock;
}

// ECB and CBC without padding, and CBC-PAD encryption (OpenSSL pads; output stays exact).
class BlockCipher final : public CipherOperation {
  public:
    BlockCipher(CipherCtx ctx, bool encrypt, bool pad)
        : ctx_(std::move(ctx)), encrypt_(encrypt), pad_(pad) {
        if (pad_) EVP_CIPHER_CTX_set_padding(ctx_.get(), 1);
    }

    std::size_t update_length(std::size_t in_len) const override {
        return whole_blocks(buffered_ + in_len);
    }
    std::size_t update(ByteView in, std::uint8_t* out) override {
        const std::size_t n = cipher_update(ctx_.get(), out, in);
        buffered_ = (buffered_ + in.size()) % kBlock;
        return n;
    }
    std::size_t final_length() const override { return pad_ ? kBlock : 0; }
    std::size_t finish(std::uint8_t* out) override {
        if (!pad_ && buffered_ != 0) fail(length_error(encrypt_));
        int n = 0;
        if (EVP_CipherFinal_ex(ctx_.get(), out, &n) != 1) fail(CKR_FUNCTION_FAILED);
        return static_cast<std::size_t>(n);
    }
    std::size_t oneshot_length(std::size_t in_len) const override {
        if (pad_) return whole_blocks(in_len) + kBlock;
        if (in_len % kBlock != 0) fail(length_error(encrypt_));
        return in_len;
    }

  private:
    CipherCtx ctx_;
    bool encrypt_;
    bool pad_;
    std::size_t buffered_ = 0;
};

// PKCS#7 padding length of a decrypted last block, or 0 when the padding is malformed.
// Branch-free over the block so timing does not depend on where the padding breaks.
std::size_t padding_length(const std::uint8_t* block) {
    const unsigned pad = block[kBlock - 1];
    unsigned bad = static_cast<unsigned>((pad - 1u) >> 8);  // pad == 0
    bad |= static_cast<unsigned>((kBlock - pad) >> 8);      // pad > 16
    for (unsigned i = 0; i < kBlock; ++i) {
        // in_pad is all ones when position i lies within the last `pad` bytes.
        const unsigned in_pad = 0u - (((kBlock - 1u - i) - pad) >> 31 & 1u);
        bad |= in_pad & (block[i] ^ pad);
    }
    const unsigned ok = 0u - static_cast<unsigned>(((bad & 0xffu) - 1u) >> 31 & 1u);
    return pad & ok;
}

// CBC-PAD decryption. The last full block is never handed to OpenSSL until C_DecryptFinal
// (or the single-part call), so its plaintext, and the padding, can be read first.
class CbcPadDecrypt final : public CipherOperation {
  public:
    CbcPadDecrypt(CipherCtx ctx, const std::uint8_t* iv) : ctx_(std::move(ctx)) {
        std::memcpy(iv_, iv, kBlock);
    }
    ~CbcPadDecrypt() override {
        wipe(last_, sizeof last_);
        wipe(held_, sizeof held_);
    }
    CbcPadDecrypt(const CbcPadDecrypt&) = delete;
    CbcPadDecrypt& operator=(const CbcPadDecrypt&) = delete;

    std::size_t update_length(std::size_t in_len) const override {
        const std::size_t total = held_len_ + in_len;
        return total - kept(total);
    }
    std::size_t update(ByteView in, std::uint8_t* out) override {
        const std::size_t total = held_len_ + in.size();
        std::size_t release = total - kept(total);
        std::size_t written = 0, pos = 0;
        if (release > 0 && held_len_ > 0) {
            pos = kBlock - held_len_;
            std::memcpy(held_ + held_len_, in.data(), pos);
            if (last_ready_) {
                // A C_DecryptFinal length query already decrypted the held block (advancing
                // the chain); more data means it was not the last block after all.
                std::memcpy(out, last_, kBlock);
                written = kBlock;
                last_ready_ = false;
            } else {
                written = cipher_update(ctx_.get(), out, ByteView(held_, kBlock));
            }
            held_len_ = 0;
            release -= kBlock;
        }
        written += cipher_update(ctx_.get(), out + written, in.subspan(pos, release));
        pos += release;
        std::memcpy(held_ + held_len_, in.data() + pos, in.size() - pos);
        held_len_ += in.size() - pos;
        return written;
    }
    std::size_t final_length() const override {
        if (held_len_ != kBlock) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
        if (!last_ready_) {
            if (cipher_update(ctx_.get(), last_, ByteView(held_, kBlock)) != kBlock) {
                fail(CKR_FUNCTION_FAILED);
            }
            last_ready_ = true;
        }
        return unpadded_length();
    }
    std::size_t finish(std::uint8_t* out) override {
        const std::size_t n = final_length();
        std::memcpy(out, last_, n);
        return n;
    }
    std::size_t oneshot_length(std::size_t in_len) const override {
        if (in_len == 0 || in_len % kBlock != 0) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
        return in_len;  // a bound; oneshot_length_for() reads the padding for the exact value
    }
    std::size_t oneshot_length_for(ByteView in) const override {
        (void)oneshot_length(in.size());
        decrypt_last_block(in);
        return in.size() - kBlock + unpadded_length();
    }
    std::size_t oneshot(ByteView in, std::uint8_t* out) override {
        (void)oneshot_length(in.size());
        decrypt_last_block(in);
        const std::size_t tail = unpadded_length();
        const std::size_t body = in.size() - kBlock;
        if (cipher_update(ctx_.get(), out, in.first(body)) != body) fail(CKR_FUNCTION_FAILED);
        std::memcpy(out + body, last_, tail);
        return body + tail;
    }

  private:
    // Bytes held back after `total`: the last full block, or the partial block still open.
    static std::size_t kept(std::size_t total) {
        if (total == 0) return 0;
        return total % kBlock == 0 ? kBlock : total % kBlock;
    }
    // Plaintext of the last block of a whole single-part input (chained on the previous
    // ciphertext block or the IV); the context's IV is restored for the body afterwards.
    void decrypt_last_block(ByteView in) const {
        const std::uint8_t* prev = in.size() > kBlock ? in.data() + in.size() - 2 * kBlock : iv_;
        set_iv(ctx_.get(), prev, 0);
        if (cipher_update(ctx_.get(), last_, in.last(kBlock)) != kBlock) {
            fail(CKR_FUNCTION_FAILED);
        }
        set_iv(ctx_.get(), iv_, 0);
        last_ready_ = true;
    }
    std::size_t unpadded_length() const {
        const std::size_t pad = padding_length(last_);
        if (pad == 0) fail(CKR_ENCRYPTED_DATA_INVALID);
        return kBlock - pad;
    }

    CipherCtx ctx_;
    std::uint8_t iv_[kBlock];
    std::uint8_t held_[kBlock] = {};
    std::size_t held_len_ = 0;
    mutable std::uint8_t last_[kBlock] = {};
    mutable bool last_ready_ = false;
};

// CTR: a stream mode, output equals input. The counter is the low ulCounterBits of the
// counter block; data that would wrap it (and so reuse key stream) is refused.
class Ctr final : public CipherOperation {
  public:
    Ctr(CipherCtx ctx, bool encrypt, unsigned __int128 capacity_blocks)
        : ctx_(std::move(ctx)), encrypt_(encrypt), capacity_(capacity_blocks) {}

    std::size_t update_length(std::size_t in_len) const override { return in_len; }
    std::size_t update(ByteView in, std::uint8_t* out) override {
        const unsigned __int128 total = static_cast<unsigned __int128>(processed_) + in.size();
        if ((total + kBlock - 1) / kBlock > capacity_) fail(length_error(encrypt_));
        processed_ += in.size();
        return cipher_update(ctx_.get(), out, in);
    }
    std::size_t final_length() const override { return 0; }
    std::size_t finish(std::uint8_t*) override { return 0; }

  private:
    CipherCtx ctx_;
    bool encrypt_;
    unsigned __int128 capacity_;
    std::uint64_t processed_ = 0;
};

void require_no_parameter(const CK_MECHANISM& m) {
    if (m.pParameter != nullptr || m.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

const std::uint8_t* iv_parameter(const CK_MECHANISM& m) {
    if (m.pParameter == nullptr || m.ulParameterLen != kBlock) fail(CKR_MECHANISM_PARAM_INVALID);
    return static_cast<const std::uint8_t*>(m.pParameter);
}

}  // namespace

std::unique_ptr<CipherOperation> make_ecb(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt) {
    require_no_parameter(m);
    auto aes = aes_key_of(*key);
    return std::make_unique<BlockCipher>(aes->context(encrypt ? Use::EcbEncrypt : Use::EcbDecrypt),
                                         encrypt, false);
}

std::unique_ptr<CipherOperation> make_cbc(const CK_MECHANISM& m, const ObjectPtr& key, bool encrypt,
                                          bool pad) {
    const std::uint8_t* iv = iv_parameter(m);
    auto aes = aes_key_of(*key);
    CipherCtx ctx = aes->context(encrypt ? Use::CbcEncrypt : Use::CbcDecrypt);
    set_iv(ctx.get(), iv, encrypt ? 1 : 0);
    if (pad && !encrypt) return std::make_unique<CbcPadDecrypt>(std::move(ctx), iv);
    return std::make_unique<BlockCipher>(std::move(ctx), encrypt, pad);
}

std::unique_ptr<CipherOperation> make_ctr(const CK_MECHANISM& m, const ObjectPtr& key,
                                          bool encrypt) {
    if (m.pParameter == nullptr || m.ulParameterLen != sizeof(CK_AES_CTR_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_AES_CTR_PARAMS p;
    std::memcpy(&p, m.pParameter, sizeof p);
    if (p.ulCounterBits == 0 || p.ulCounterBits > 128) fail(CKR_MECHANISM_PARAM_INVALID);
    // Blocks left before the counter field wraps: 2^bits minus its current value.
    unsigned __int128 value = 0;
    for (std::uint8_t b : p.cb) value = value << 8 | b;
    unsigned __int128 capacity;
    if (p.ulCounterBits == 128) {
        capacity = value == 0 ? ~static_cast<unsigned __int128>(0) : -value;
    } else {
        const unsigned __int128 modulus = static_cast<unsigned __int128>(1) << p.ulCounterBits;
        capacity = modulus - (value & (modulus - 1));
    }
    auto aes = aes_key_of(*key);
    CipherCtx ctx = aes->context(Use::Ctr);
    set_iv(ctx.get(), p.cb, 1);
    return std::make_unique<Ctr>(std::move(ctx), encrypt, capacity);
}

SecureBytes cbc_pad_wrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView plain) {
    auto op = make_cbc(m, key, true, true);
    SecureBytes out(op->oneshot_length(plain.size()));
    out.resize(op->oneshot(plain, out.data()));
    return out;
}

SecureBytes cbc_pad_unwrap(const CK_MECHANISM& m, const ObjectPtr& key, ByteView wrapped) {
    auto op = make_cbc(m, key, false, true);
    SecureBytes out(op->oneshot_length(wrapped.size()));
    out.resize(op->oneshot(wrapped, out.data()));
    return out;
}

}  // namespace craton::mech::aes
