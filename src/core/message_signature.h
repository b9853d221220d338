// Message-based signing or verification (PKCS#11 3.0 sections 5.15 and 5.16).
//
// C_MessageSignInit fixes key and mechanism for any number of messages; each message is then
// signed whole (C_SignMessage) or begun and continued in parts (C_SignMessageBegin,
// C_SignMessageNext) and gets its own signature. Each message runs a fresh single-message
// operation of the mechanism, made from the mechanism and key kept here, so the messages are
// exactly what separate C_SignInit/C_Sign pairs would give. An error ends the current
// message, never the operation.
#pragma once

#include <functional>
#include <memory>

#include "core/operation.h"
#include "core/owned_mechanism.h"

namespace craton {

template <class Op>
class MessageSignature final : public Operation {
public:
    using Factory = std::function<std::unique_ptr<Op>(const CK_MECHANISM&, const ObjectPtr&)>;

    MessageSignature(const CK_MECHANISM& mech, bool context_parameter, ObjectPtr key,
                     Factory factory)
        : mechanism_(mech, context_parameter), key_(std::move(key)),
          factory_(std::move(factory)) {
        (void)fresh();  // the mechanism parameter is checked now, as *Init must
    }

    // A new single-message operation.
    std::unique_ptr<Op> fresh() const {
        std::unique_ptr<Op> op = factory_(mechanism_.get(), key_);
        if (!op) fail(CKR_MECHANISM_INVALID);
        return op;
    }

    // The message begun with C_*MessageBegin, if any.
    std::unique_ptr<Op> current;

private:
    OwnedMechanism mechanism_;
    ObjectPtr key_;
    Factory factory_;
};

using MessageSignOperation = MessageSignature<SignOperation>;
using MessageVerifyOperation = MessageSignature<VerifyOperation>;

}  // namespace craton
