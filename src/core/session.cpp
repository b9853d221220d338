#include "core/session.h"

#include "core/error.h"

namespace craton {

CK_STATE Session::state() const noexcept {
    switch (token_.logged_in()) {
        case CKU_SO:
            return CKS_RW_SO_FUNCTIONS;
        case CKU_USER:
            return read_write() ? CKS_RW_USER_FUNCTIONS : CKS_RO_USER_FUNCTIONS;
        default:
            return read_write() ? CKS_RW_PUBLIC_SESSION : CKS_RO_PUBLIC_SESSION;
    }
}

void Session::start(OpKind kind, std::unique_ptr<Operation> op) {
    if (closed_) fail(CKR_SESSION_CLOSED);
    auto& slot = ops_[index(kind)];
    if (slot) fail(CKR_OPERATION_ACTIVE);
    slot = std::move(op);
}

void Session::end_all() noexcept {
    for (auto& op : ops_) op.reset();
}

void Session::end_using_key(CK_OBJECT_HANDLE handle) noexcept {
    for (auto& op : ops_) {
        if (op && op->key_handle == handle) op.reset();
    }
}

}  // namespace craton
