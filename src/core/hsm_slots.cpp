// Slots, tokens and the mechanism list.
#include <cstring>
#include <mutex>

#include <craton/pkcs11/craton_vendor.h>
#include "core/attribute_policy.h"

#include "audit/module_events.h"
#include "core/audit_call.h"
#include "core/error.h"
#include "core/fips_policy.h"
#include "core/hsm.h"
#include "core/log.h"
#include "core/padded_text.h"
#include "mech/registry.h"

namespace craton {

Hsm::Hsm(config::Config config)
    : config_(std::move(config)),
      audit_(config_.audit.path.empty() ? nullptr
                                        : std::make_unique<audit::AuditLog>(config_.audit)),
      slots_(config_) {
    // Events below the core (lockout, approved-mode refusals, GCM limits) reach the same log.
    audit::install(audit_.get());
    // Imported keys are checked by the family that owns their key type.
    AttributePolicy::set_key_validator([](Object& obj) {
        const auto* support = mech::MechanismRegistry::global().key_type(obj.key_type());
        if (support != nullptr && support->complete_import) support->complete_import(obj);
    });
    if (!config_.default_token_label.empty()) {
        log::info("default_token_label is set but tokens start uninitialised in memory mode");
    }
}

Hsm::~Hsm() {
    audit::install(nullptr);
    for (auto& s : sessions_.all()) s->end_all();
    sessions_.clear();
}

void Hsm::slot_info(CK_SLOT_ID slot, CK_SLOT_INFO& info) const {
    (void)slots_.token(slot);
    std::memset(&info, 0, sizeof info);
    const std::string desc = "Craton HSM slot " + std::to_string(slot);
    copy_padded(info.slotDescription, sizeof info.slotDescription, desc.c_str());
    copy_padded(info.manufacturerID, sizeof info.manufacturerID, "Craton HSM");
    info.flags = CKF_TOKEN_PRESENT;
    info.hardwareVersion = {0, 1};
    info.firmwareVersion = {0, 1};
}

void Hsm::token_info(CK_SLOT_ID slot, CK_TOKEN_INFO& info) const {
    const Token& token = slots_.token(slot);
    CK_ULONG total = 0, rw = 0;
    sessions_.count(token, total, rw);
    token.fill_info(info, total, rw);
}

std::vector<CK_MECHANISM_TYPE> Hsm::mechanism_list(CK_SLOT_ID slot) const {
    (void)slots_.token(slot);
    return mech::MechanismRegistry::global().types();
}

void Hsm::mechanism_info(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO& info) const {
    (void)slots_.token(slot);
    const auto* m = mech::MechanismRegistry::global().find(type);
    if (m == nullptr) fail(CKR_MECHANISM_INVALID);
    info = m->info;
    // Every signature or MAC mechanism also serves message-based signing and verification
    // (hsm_message_sign.cpp), so the flags follow the operations the mechanism has.
    if (m->sign) info.flags |= CKF_MESSAGE_SIGN;
    if (m->verify) info.flags |= CKF_MESSAGE_VERIFY;
    // Approved-only mode lists approved mechanisms only, and says so on each.
    if (fips::approved_only()) info.flags |= CKF_CRATON_FIPS_APPROVED;
}

void Hsm::init_token(CK_SLOT_ID slot, ByteView so_pin, const std::array<char, 32>& label) {
    AuditCall audit(*this, "C_InitToken", AuditCall::OnSlot{slot});
    Token& token = slots_.token(slot);
    std::lock_guard auth(token.auth_mutex());
    if (!sessions_.of(token).empty()) fail(CKR_SESSION_EXISTS);
    token.initialize(so_pin, label);
    token.objects().clear();
    slots_.ensure_free_slot();
    log::info("token in slot " + std::to_string(slot) + " initialised");
}

}  // namespace craton
