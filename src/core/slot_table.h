// The slots and their tokens.
//
// Slot ids are indexes and never change. Like SoftHSMv2, there is always one slot whose token
// is not initialised: initialising the last free token appends a new free slot (up to 256),
// so an administrator can always create one more token without touching the configuration.
#pragma once

#include <memory>
#include <shared_mutex>
#include <vector>

#include "config/config.h"
#include "core/token.h"

namespace craton {

class SlotTable {
public:
    static constexpr std::size_t kMaxSlots = 256;

    explicit SlotTable(const config::Config& config);

    // Throws CKR_SLOT_ID_INVALID.
    Token& token(CK_SLOT_ID slot) const;
    std::vector<CK_SLOT_ID> ids() const;
    // Called after a token was initialised: keeps one free slot available.
    void ensure_free_slot();
    std::vector<Token*> tokens() const;

private:
    const config::Config& config_;
    mutable std::shared_mutex mutex_;
    std::vector<std::unique_ptr<Token>> tokens_;
};

}  // namespace craton
