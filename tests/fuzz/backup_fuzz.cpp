// Fuzz target: the token backup reader (src/store/token_backup, restore_backup). A backup file
// comes from outside the module (a USB stick, a ticket attachment), so any bytes must restore or
// be refused with BackupError, leaving the target token untouched.
// The first byte chooses what the rest is:
//   even  the file itself: the header checks, the iteration bounds, a tag that fails;
//   odd   a payload, which this target seals the way a real backup is sealed (header per
//         token_backup.h, AES-256-GCM under the PBKDF2 key of kSoPin), so the fuzzer gets past
//         the tag to the record decoder and the token-state parser behind it.
#include <openssl/evp.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "config/config.h"
#include "fuzz_input.h"
#include "store/kv_store.h"
#include "store/token_backup.h"

namespace {

using craton::fuzz::FuzzInput;
namespace store = craton::store;

constexpr char kSoPin[] = "fuzz-so-pin";
// The lowest count restore_backup accepts: the key is derived once, and restore derives it again
// per input, which stays cheap at the floor of test-hook builds.
constexpr std::uint32_t kIterations = craton::config::kPbkdf2IterationFloor;
constexpr std::size_t kSalt = 32, kNonce = 12, kTag = 16;
// restore_backup's upper bound on a file's iteration count (src/store/token_backup.cpp).
constexpr std::uint32_t kMaxRestoreIterations = 100000000;

craton::ByteView pin() {
    return {reinterpret_cast<const std::uint8_t*>(kSoPin), sizeof kSoPin - 1};
}

const craton::Bytes& sealing_key() {
    static const craton::Bytes key = [] {
        craton::Bytes k(32);
        const std::uint8_t salt[kSalt] = {};
        if (PKCS5_PBKDF2_HMAC(kSoPin, sizeof kSoPin - 1, salt, sizeof salt,
                              static_cast<int>(kIterations), EVP_sha256(),
                              static_cast<int>(k.size()), k.data()) != 1) {
            throw std::runtime_error("PBKDF2 failed");
        }
        return k;
    }();
    return key;
}

// "CRATONBK" | u32 version | u32 iterations | zero salt | zero nonce | GCM(payload) | tag.
craton::Bytes seal(std::span<const std::uint8_t> payload) {
    craton::Bytes out(8 + 4 + 4 + kSalt + kNonce);
    std::memcpy(out.data(), "CRATONBK", 8);
    const std::uint32_t version = store::kBackupVersion;
    std::memcpy(out.data() + 8, &version, 4);
    std::memcpy(out.data() + 12, &kIterations, 4);
    const std::size_t header = out.size();
    out.resize(header + payload.size() + kTag);
    const std::uint8_t nonce[kNonce] = {};
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    const bool ok =
        ctx != nullptr &&
        EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, sealing_key().data(), nonce) == 1 &&
        EVP_EncryptUpdate(ctx, nullptr, &len, out.data(), static_cast<int>(header)) == 1 &&
        EVP_EncryptUpdate(ctx, out.data() + header, &len, payload.data(),
                          static_cast<int>(payload.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx, out.data() + header + len, &len) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTag,
                            out.data() + header + payload.size()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) throw std::runtime_error("sealing the fuzz payload failed");
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput in(data, size);
    const bool sealed = (in.byte() & 1) != 0;
    const auto rest = in.rest();
    craton::Bytes file = sealed ? seal(rest) : craton::Bytes(rest.begin(), rest.end());
    // A file may legitimately ask for up to 100,000,000 PBKDF2 iterations, which restore_backup
    // then runs (a minute of work, found as a libFuzzer timeout). Counts far above the floor
    // are folded back near it, so every input stays fast; counts outside the accepted range
    // (below the floor, above the maximum) are kept, as those are refused before PBKDF2.
    if (!sealed && file.size() >= 16) {
        std::uint32_t iterations = 0;
        std::memcpy(&iterations, file.data() + 12, 4);
        if (iterations > 4 * kIterations && iterations <= kMaxRestoreIterations) {
            iterations = kIterations + iterations % (3 * kIterations);
            std::memcpy(file.data() + 12, &iterations, 4);
        }
    }
    store::TokenVault vault(store::make_memory_kv_store());
    try {
        (void)store::restore_backup(vault, file, pin());
    } catch (const store::BackupError&) {
        // A refused backup is the expected outcome for almost every input; the documented
        // failure is BackupError and nothing else.
    }
    return 0;
}
