#include "pqc/common/secure_wipe.h"

#include <openssl/crypto.h>

namespace craton::pqc {

void secure_wipe(void* data, std::size_t len) noexcept {
    if (data != nullptr && len != 0) OPENSSL_cleanse(data, len);
}

}  // namespace craton::pqc
