// craton_hsm_set_client: the one export outside the C_* namespace. craton-hsm-daemon calls it
// before each PKCS#11 call it makes for a remote client, so the module's audit records on that
// thread name the client (src/audit/caller.h). Only a SHA-256 fingerprint in lower-case hex is
// accepted; NULL or "" clears it.
#include <cstring>

#include <craton/pkcs11/pkcs11.h>

#include "audit/caller.h"

extern "C" __attribute__((visibility("default"))) CK_RV craton_hsm_set_client(
    const char* fingerprint) {
    if (fingerprint == nullptr || *fingerprint == '\0') {
        craton::audit::set_caller({});
        return CKR_OK;
    }
    // Anything else clears it too, so a refused value never leaves an earlier caller's name.
    bool valid = std::strlen(fingerprint) == 64;
    for (const char* p = fingerprint; valid && *p != '\0'; ++p) {
        valid = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
    }
    if (!valid) {
        craton::audit::set_caller({});
        return CKR_ARGUMENTS_BAD;
    }
    try {
        craton::audit::set_caller(std::string(fingerprint, 64));
    } catch (...) {  // std::string's allocation: nothing may cross the C ABI
        return CKR_HOST_MEMORY;
    }
    return CKR_OK;
}
