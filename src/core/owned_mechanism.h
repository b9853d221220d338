// A CK_MECHANISM whose parameter the module owns.
//
// Message-based signing keeps the mechanism of C_MessageSignInit for every later message, after
// the caller's parameter memory may be gone, so the parameter is copied. Most parameters are
// flat structures; the PKCS#11 3.2 signature contexts (CK_SIGN_ADDITIONAL_CONTEXT,
// CK_HASH_SIGN_ADDITIONAL_CONTEXT) point at a context string, which is copied too and the
// pointer redirected. Pinned in memory (the copy points into itself), hence not movable.
#pragma once

#include <craton/pkcs11/pkcs11.h>

#include <cstring>
#include <vector>

#include "core/error.h"

namespace craton {

class OwnedMechanism {
public:
    // `context_parameter`: the parameter is one of the 3.2 signature-context structures.
    OwnedMechanism(const CK_MECHANISM& mechanism, bool context_parameter) : mech_(mechanism) {
        if (mechanism.pParameter == nullptr || mechanism.ulParameterLen == 0) {
            mech_.pParameter = nullptr;
            mech_.ulParameterLen = 0;
            return;
        }
        const auto* p = static_cast<const CK_BYTE*>(mechanism.pParameter);
        param_.assign(p, p + mechanism.ulParameterLen);
        mech_.pParameter = param_.data();
        if (context_parameter && param_.size() >= sizeof(CK_SIGN_ADDITIONAL_CONTEXT)) {
            // Both structures start with the CK_SIGN_ADDITIONAL_CONTEXT members.
            CK_SIGN_ADDITIONAL_CONTEXT head;
            std::memcpy(&head, param_.data(), sizeof head);
            if (head.pContext != nullptr && head.ulContextLen != 0) {
                if (head.ulContextLen > 255) fail(CKR_MECHANISM_PARAM_INVALID);
                context_.assign(head.pContext, head.pContext + head.ulContextLen);
                head.pContext = context_.data();
                std::memcpy(param_.data(), &head, sizeof head);
            }
        }
    }
    OwnedMechanism(const OwnedMechanism&) = delete;
    OwnedMechanism& operator=(const OwnedMechanism&) = delete;

    const CK_MECHANISM& get() const noexcept { return mech_; }

private:
    CK_MECHANISM mech_;
    std::vector<CK_BYTE> param_;
    std::vector<CK_BYTE> context_;
};

}  // namespace craton
