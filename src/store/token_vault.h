// A token's persistent state and its key hierarchy.
//
// A random 256-bit master key encrypts every private object record with AES-256-GCM (a fresh
// 96-bit nonce per write; the token id and object id are the AAD, so records cannot be swapped
// between objects or tokens). The master key is stored twice, wrapped under the SO's and the
// user's PIN-derived keys, so changing a PIN re-wraps one small record. Public objects are
// stored in the clear and readable before login. The vault sits on a KeyValueStore: in memory
// by default, LMDB when storage.mode = "persistent".
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"
#include "core/pin_record.h"
#include "store/kv_store.h"

namespace craton::store {

inline constexpr std::uint32_t kFormatVersion = 1;

struct TokenState {
    bool initialized = false;
    std::array<char, 32> label{};
    std::optional<PinRecord> so_pin;
    std::optional<PinRecord> user_pin;
    std::uint32_t so_failures = 0;
    std::uint32_t user_failures = 0;
};

class TokenVault {
  public:
    explicit TokenVault(std::unique_ptr<KeyValueStore> kv);

    bool durable() const noexcept { return kv_->durable(); }
    std::uint64_t generation() { return kv_->generation(); }

    // Throws StoreError for an unknown format version or a corrupt state record.
    TokenState load_state();
    void save_state(const TokenState& state);
    // Token (re)initialisation: removes every object, makes a new master key wrapped under
    // `so_kek` and writes `state`, in one transaction.
    void initialize(const TokenState& state, ByteView so_kek);
    // Token removal (craton-hsm-admin token delete): every object, both wrapped master keys
    // and the state record go in one transaction, leaving an uninitialised token. The format
    // record and token id stay, so the slot keeps its number and other processes see an
    // ordinary generation change.
    void erase();
    // Wraps the unlocked master key under `kek` for `who` (C_InitPIN, C_SetPIN).
    void wrap_master_key(CK_USER_TYPE who, ByteView kek, const TokenState& state);
    // Unwraps the master key with `kek`; false if the wrapped record does not authenticate.
    bool unlock(CK_USER_TYPE who, ByteView kek);
    void lock() noexcept;
    bool unlocked() const;

    // Objects (store_id assigned by the caller). Private records need the vault unlocked.
    void put_object(const Object& obj);
    void remove_object(std::uint64_t store_id);
    std::vector<ObjectPtr> load_objects(bool with_private);
    // Only the private records (decrypted): what a user login adds to a token whose public
    // objects are already loaded and current.
    std::vector<ObjectPtr> load_private_objects();

    // The raw records, for whole-token backup and restore (token_backup.h), which copy them
    // as they are: private objects stay sealed under the master key.
    KeyValueStore& records() noexcept { return *kv_; }

  private:
    std::vector<ObjectPtr> load_records(bool want_public, bool want_private);
    static SecureBytes seal(ByteView plain, ByteView aad, ByteView key);
    static SecureBytes open(ByteView sealed, ByteView aad, ByteView key);
    Bytes object_aad(std::uint64_t id) const;

    std::unique_ptr<KeyValueStore> kv_;
    mutable std::mutex mutex_;
    Bytes token_id_;
    SecureBytes master_key_;  // empty while locked
};

}  // namespace craton::store
