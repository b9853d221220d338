// Whole-token backup and restore, encrypted under a key derived from the SO PIN.
//
// A backup carries every record of the token as stored (token id, PIN verifiers, both wrapped
// copies of the master key, public and sealed private objects) and nothing that belongs to the
// host, so it restores on any machine; the records are not re-encrypted, because the master
// key never has to leave its wrapped form for that, and the same PINs keep working afterwards.
// File format (all integers little-endian):
//   header  "CRATONBK" | u32 version (1) | u32 PBKDF2 iterations | 32-byte salt | 12-byte nonce
//   body    AES-256-GCM(payload) with the whole header as AAD, then the 16-byte tag
//   payload u32 count, then per record: u8 table, u32 key length, key, u32 value length, value
// The key is PBKDF2-HMAC-SHA-256(SO PIN, salt, iterations). A wrong PIN and a modified file are
// the same failure (the tag does not verify); nothing is written to the target before the whole
// backup has authenticated and parsed.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "core/progress.h"
#include "core/secure_bytes.h"
#include "store/token_vault.h"

namespace craton::store {

inline constexpr std::uint32_t kBackupVersion = 1;

class BackupError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct BackupSummary {
    std::size_t meta_records = 0;
    std::size_t objects = 0;
};

// Refuses (BackupError) an uninitialised token or an SO PIN that does not match the token's.
// `progress`, when set, counts records encoded (total: every record of the token); the last
// call, with done == total, comes after the backup is encrypted.
Bytes make_backup(TokenVault& vault, ByteView so_pin, std::uint32_t iterations,
                  BackupSummary* summary = nullptr, const ProgressFn& progress = {});
// Replaces every record of `vault` with the backup's in one transaction, after the backup has
// authenticated, parsed, and its SO PIN verifier accepted `so_pin`. Throws BackupError (and
// leaves the token as it was) otherwise. `progress`, when set, counts records written into the
// token's transaction (total: the backup's records); the last call comes after the commit.
BackupSummary restore_backup(TokenVault& vault, ByteView backup, ByteView so_pin,
                             const ProgressFn& progress = {});

}  // namespace craton::store
