// The SHA2 instantiation of the SLH-DSA hash functions, FIPS 205 §11.2.
//
// F and PRF always use SHA-256; H, T_l, H_msg (with MGF1) and PRF_msg (HMAC) use SHA-256 in
// category 1 and SHA-512 in categories 3 and 5 (§11.2.1 vs §11.2.2). F, PRF and H fit in one
// compression after the precomputed PK.seed block, so they call the block function directly on
// a hand-padded block instead of going through Update/Final.
//
// OpenSSL 3 marks the low-level SHA interface deprecated; it is still the fastest way to reach
// its SHA-NI/AVX2 compression functions and to start from a stored chaining value.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/sha.h>

#include <cstring>

#include "pqc/common/secure_wipe.h"
#include "pqc/slhdsa/hash_suite.h"

namespace craton::pqc::slhdsa {

namespace {

constexpr std::size_t kSha256Block = 64;
constexpr std::size_t kSha512Block = 128;

void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
    store_be32(p, static_cast<std::uint32_t>(v >> 32));
    store_be32(p + 4, static_cast<std::uint32_t>(v));
}

// SHA-256 or SHA-512 chosen at run time, for the multi-block inputs (T_l, H_msg, HMAC).
class Sha2Stream {
  public:
    explicit Sha2Stream(bool wide) noexcept : wide_(wide) {
        if (wide_) {
            SHA512_Init(&c512_);
        } else {
            SHA256_Init(&c256_);
        }
    }
    ~Sha2Stream() {
        secure_wipe(&c256_, sizeof c256_);
        secure_wipe(&c512_, sizeof c512_);
    }
    Sha2Stream(const Sha2Stream&) = delete;
    Sha2Stream& operator=(const Sha2Stream&) = delete;

    std::size_t block_size() const noexcept { return wide_ ? kSha512Block : kSha256Block; }
    std::size_t digest_size() const noexcept {
        return wide_ ? SHA512_DIGEST_LENGTH : SHA256_DIGEST_LENGTH;
    }
    void update(const std::uint8_t* in, std::size_t len) noexcept {
        if (len == 0) return;
        if (wide_) {
            SHA512_Update(&c512_, in, len);
        } else {
            SHA256_Update(&c256_, in, len);
        }
    }
    void update(MessageParts parts) noexcept {
        for (const auto& part : parts) update(part.data(), part.size());
    }
    // Writes digest_size() bytes.
    void final(std::uint8_t* out) noexcept {
        if (wide_) {
            SHA512_Final(out, &c512_);
        } else {
            SHA256_Final(out, &c256_);
        }
    }

  private:
    bool wide_;
    SHA256_CTX c256_{};
    SHA512_CTX c512_{};
};

// The block PK.seed || toByte(0, block - n) that opens every F/H/T/PRF input.
void padded_seed_block(const std::uint8_t* pk_seed, std::size_t n, std::size_t block_size,
                       std::uint8_t* block) noexcept {
    std::memset(block, 0, block_size);
    std::memcpy(block, pk_seed, n);
}

// Writes the MD padding of a single-block message of msg_len bytes that follows one full
// prefix block: 0x80, zeros, then the total bit length at the end of the block (SHA-512's
// 128-bit length field keeps its upper half zero).
void write_padding(std::uint8_t* block, std::size_t block_size, std::size_t msg_len) noexcept {
    std::memset(block + msg_len, 0, block_size - msg_len);
    block[msg_len] = 0x80;
    store_be64(block + block_size - 8, (block_size + msg_len) * 8);
}

}  // namespace

void HashSuite::sha2_init() noexcept {
    const std::size_t n = params_.n;
    std::uint8_t block[kSha512Block];
    SHA256_CTX c256;
    SHA256_Init(&c256);
    padded_seed_block(pk_seed_, n, kSha256Block, block);
    SHA256_Transform(&c256, block);
    std::memcpy(seeded256_, c256.h, sizeof seeded256_);
    // F and PRF: ADRS^c || n bytes is one SHA-256 block after the seed block (22 + 32 + 9 <= 64).
    write_padding(sha2_f_block_, kSha256Block, Address::kCompressedBytes + n);
    // H: ADRS^c || 2n bytes fits one SHA-256 block for n = 16 and one SHA-512 block otherwise.
    const std::size_t h_msg_len = Address::kCompressedBytes + 2 * n;
    if (params_.category > 1) {
        SHA512_CTX c512;
        SHA512_Init(&c512);
        padded_seed_block(pk_seed_, n, kSha512Block, block);
        SHA512_Transform(&c512, block);
        std::memcpy(seeded512_, c512.h, sizeof seeded512_);
        write_padding(sha2_h_block_, kSha512Block, h_msg_len);
    } else {
        write_padding(sha2_h_block_, kSha256Block, h_msg_len);
    }
}

// SHA-256(PK.seed || 0^(64-n) || ADRS^c || in) truncated to n, for F and PRF (in is n bytes).
void HashSuite::sha2_f_like(const Address& adrs, const std::uint8_t* in,
                            std::uint8_t* out) noexcept {
    const std::size_t n = params_.n;
    adrs.compress(sha2_f_block_);
    std::memcpy(sha2_f_block_ + Address::kCompressedBytes, in, n);
    SHA256_CTX c;
    std::memcpy(c.h, seeded256_, sizeof seeded256_);
    SHA256_Transform(&c, sha2_f_block_);
    for (std::size_t i = 0; i < n / 4; ++i) store_be32(out + 4 * i, c.h[i]);
}

// H: SHA-256 (category 1) or SHA-512 (categories 3, 5) of the padded PK.seed block, ADRS^c and
// 2n input bytes, truncated to n. The padding is already in place from sha2_init().
void HashSuite::sha2_h(const Address& adrs, const std::uint8_t* in, std::uint8_t* out) noexcept {
    const std::size_t n = params_.n;
    adrs.compress(sha2_h_block_);
    std::memcpy(sha2_h_block_ + Address::kCompressedBytes, in, 2 * n);
    if (params_.category > 1) {
        SHA512_CTX c;
        std::memcpy(c.h, seeded512_, sizeof seeded512_);
        SHA512_Transform(&c, sha2_h_block_);
        for (std::size_t i = 0; i < n / 8; ++i) store_be64(out + 8 * i, c.h[i]);
    } else {
        SHA256_CTX c;
        std::memcpy(c.h, seeded256_, sizeof seeded256_);
        SHA256_Transform(&c, sha2_h_block_);
        for (std::size_t i = 0; i < n / 4; ++i) store_be32(out + 4 * i, c.h[i]);
    }
}

// T_l: as H but over l * n bytes spanning several blocks. There are a few per leaf, so
// recompressing the seed block instead of resuming from the stored state costs little.
void HashSuite::sha2_t(const Address& adrs, const std::uint8_t* in, std::size_t len,
                       std::uint8_t* out) noexcept {
    const std::size_t n = params_.n;
    const bool wide = params_.category > 1;
    const std::size_t block_size = wide ? kSha512Block : kSha256Block;
    std::uint8_t block[kSha512Block];
    padded_seed_block(pk_seed_, n, block_size, block);
    std::uint8_t adrs_c[Address::kCompressedBytes];
    adrs.compress(adrs_c);
    Sha2Stream hash(wide);
    hash.update(block, block_size);
    hash.update(adrs_c, sizeof adrs_c);
    hash.update(in, len);
    std::uint8_t digest[SHA512_DIGEST_LENGTH];
    hash.final(digest);
    std::memcpy(out, digest, n);
}

// PRF_msg = Trunc_n(HMAC-SHA-x(SK.prf, opt_rand || M)), HMAC written out (FIPS 198-1) so it
// shares the same SHA-x as the rest of the suite; the key (n bytes) is shorter than a block.
void HashSuite::sha2_prf_msg(const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
                             MessageParts message, std::uint8_t* out) noexcept {
    const std::size_t n = params_.n;
    const bool wide = params_.category > 1;
    const std::size_t block_size = wide ? kSha512Block : kSha256Block;

    std::uint8_t pad[kSha512Block] = {};
    std::memcpy(pad, sk_prf, n);
    for (std::size_t i = 0; i < block_size; ++i) pad[i] ^= 0x36;
    std::uint8_t inner[SHA512_DIGEST_LENGTH];
    {
        Sha2Stream hash(wide);
        hash.update(pad, block_size);
        hash.update(opt_rand, n);
        hash.update(message);
        hash.final(inner);
    }
    for (std::size_t i = 0; i < block_size; ++i) pad[i] ^= 0x36 ^ 0x5c;
    std::uint8_t mac[SHA512_DIGEST_LENGTH];
    {
        Sha2Stream hash(wide);
        hash.update(pad, block_size);
        hash.update(inner, hash.digest_size());
        hash.final(mac);
    }
    std::memcpy(out, mac, n);
    secure_wipe(pad, sizeof pad);
    secure_wipe(inner, sizeof inner);
    secure_wipe(mac, sizeof mac);
}

// H_msg = MGF1-SHA-x(R || PK.seed || SHA-x(R || PK.seed || PK.root || M), m).
void HashSuite::sha2_h_msg(const std::uint8_t* r, const std::uint8_t* pk_root, MessageParts message,
                           std::uint8_t* out) noexcept {
    const std::size_t n = params_.n;
    const bool wide = params_.category > 1;
    std::uint8_t seed[2 * kMaxN + SHA512_DIGEST_LENGTH];
    std::memcpy(seed, r, n);
    std::memcpy(seed + n, pk_seed_, n);
    std::size_t digest_size;
    {
        Sha2Stream hash(wide);
        hash.update(seed, 2 * n);
        hash.update(pk_root, n);
        hash.update(message);
        hash.final(seed + 2 * n);
        digest_size = hash.digest_size();
    }
    const std::size_t seed_len = 2 * n + digest_size;
    std::size_t produced = 0;
    for (std::uint32_t counter = 0; produced < params_.m; ++counter) {
        std::uint8_t counter_be[4];
        store_be32(counter_be, counter);
        std::uint8_t block_out[SHA512_DIGEST_LENGTH];
        Sha2Stream hash(wide);
        hash.update(seed, seed_len);
        hash.update(counter_be, sizeof counter_be);
        hash.final(block_out);
        const std::size_t take =
            params_.m - produced < digest_size ? params_.m - produced : digest_size;
        std::memcpy(out + produced, block_out, take);
        produced += take;
    }
}

}  // namespace craton::pqc::slhdsa
