#include "core/slot_table.h"

#include <mutex>

#include "core/error.h"
#include "store/kv_store.h"

namespace craton {

namespace {
// Each slot's token has its own store: a directory per token in persistent mode.
std::unique_ptr<Token> make_token(CK_SLOT_ID slot, const config::Config& config) {
    std::unique_ptr<store::KeyValueStore> kv;
    if (config.storage_mode == config::StorageMode::Persistent) {
        kv = store::make_lmdb_kv_store(config.storage_path / ("slot-" + std::to_string(slot)));
    } else {
        kv = store::make_memory_kv_store();
    }
    return std::make_unique<Token>(slot, config,
                                   std::make_unique<store::TokenVault>(std::move(kv)));
}
}  // namespace

SlotTable::SlotTable(const config::Config& config) : config_(config) {
    for (CK_SLOT_ID i = 0; i < config.slot_count; ++i) tokens_.push_back(make_token(i, config));
    // Persistent stores may hold more initialised tokens than configured slots.
    if (config.storage_mode == config::StorageMode::Persistent) {
        std::error_code ec;
        while (tokens_.size() < kMaxSlots &&
               std::filesystem::exists(config.storage_path / ("slot-" + std::to_string(tokens_.size())), ec)) {
            tokens_.push_back(make_token(tokens_.size(), config));
        }
    }
    ensure_free_slot();
}

Token& SlotTable::token(CK_SLOT_ID slot) const {
    std::shared_lock lock(mutex_);
    if (slot >= tokens_.size()) fail(CKR_SLOT_ID_INVALID);
    return *tokens_[slot];
}

std::vector<CK_SLOT_ID> SlotTable::ids() const {
    std::shared_lock lock(mutex_);
    std::vector<CK_SLOT_ID> out(tokens_.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
    return out;
}

std::vector<Token*> SlotTable::tokens() const {
    std::shared_lock lock(mutex_);
    std::vector<Token*> out;
    for (const auto& t : tokens_) out.push_back(t.get());
    return out;
}

void SlotTable::ensure_free_slot() {
    std::unique_lock lock(mutex_);
    for (const auto& t : tokens_) {
        if (!t->initialized()) return;
    }
    if (tokens_.size() < kMaxSlots) tokens_.push_back(make_token(tokens_.size(), config_));
}

}  // namespace craton
