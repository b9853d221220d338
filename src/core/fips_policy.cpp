#include "core/fips_policy.h"

#include <time.h>

#include <atomic>
#include <cstring>

#include <craton/pkcs11/craton_vendor.h>

#include "audit/module_events.h"
#include "core/error.h"
#include "mech/registry.h"

namespace craton::fips {
namespace {

std::atomic<bool> g_approved_only{false};

// A date attribute as 8 characters, or false when absent or empty (no date set).
bool date_of(const Object& key, CK_ATTRIBUTE_TYPE type, char (&out)[8]) {
    const auto v = key.get(type);
    if (!v || v->size() != sizeof out) return false;
    std::memcpy(out, v->data(), sizeof out);
    return true;
}

// CK_DATE characters compare as YYYYMMDD strings.
int compare(const char (&a)[8], const char (&b)[8]) {
    return std::memcmp(a, b, sizeof a);
}

std::size_t rsa_modulus_bits(const Object& key) {
    const auto n = key.get(CKA_MODULUS);
    if (!n || n->empty()) return key.get_ulong(CKA_MODULUS_BITS, 0);
    std::size_t i = 0;
    while (i < n->size() && (*n)[i] == 0) ++i;
    if (i == n->size()) return 0;
    std::size_t bits = (n->size() - i) * 8;
    for (std::uint8_t top = (*n)[i]; (top & 0x80) == 0; top <<= 1) --bits;
    return bits;
}

// Every approved-mode refusal leaves an audit record naming the mechanism and the rule.
[[noreturn]] void refuse(const mech::Mechanism& m, const char* rule) {
    audit::notice({.op = "approved_mode_refusal",
                   .mechanism = m.name,
                   .rv = CKR_MECHANISM_INVALID,
                   .fips_approved = false,
                   .detail = rule});
    fail(CKR_MECHANISM_INVALID, rule);
}

}  // namespace

void set_approved_only(bool on) noexcept {
    g_approved_only.store(on);
}
bool approved_only() noexcept {
    return g_approved_only.load(std::memory_order_relaxed);
}

void today_utc(char (&out)[8]) noexcept {
    const time_t now = time(nullptr);
    tm utc{};
    gmtime_r(&now, &utc);
    // strftime bounds the fields itself (a format-width snprintf cannot prove the length).
    char buf[16] = {};
    if (strftime(buf, sizeof buf, "%Y%m%d", &utc) != sizeof out) {
        std::memcpy(out, "99991231", sizeof out);  // unrepresentable year: treat as far future
        return;
    }
    std::memcpy(out, buf, sizeof out);
}

Lifecycle lifecycle(const Object& key, const char (&today)[8]) {
    switch (key.get_ulong(CKA_CRATON_KEY_STATE, CRATON_KEY_STATE_ACTIVE)) {
        case CRATON_KEY_STATE_ACTIVE:
            break;
        case CRATON_KEY_STATE_SUSPENDED:
            return Lifecycle::Suspended;
        case CRATON_KEY_STATE_COMPROMISED:
            return Lifecycle::Compromised;
        default:
            return Lifecycle::Destroyed;  // DESTROYED, and any unknown value: fail closed
    }
    char start[8], end[8];
    if (date_of(key, CKA_START_DATE, start) && compare(today, start) < 0) {
        return Lifecycle::PreActivation;
    }
    if (date_of(key, CKA_END_DATE, end) && compare(today, end) > 0) return Lifecycle::Deactivated;
    return Lifecycle::Active;
}

bool lifecycle_permits(Lifecycle state, CK_ATTRIBUTE_TYPE usage) noexcept {
    switch (state) {
        case Lifecycle::Active:
            return true;
        case Lifecycle::Deactivated:
        case Lifecycle::Compromised:
            // Processing protected data is allowed; applying protection is not.
            return usage == CKA_VERIFY || usage == CKA_DECRYPT || usage == CKA_UNWRAP ||
                   usage == CKA_DECAPSULATE;
        case Lifecycle::PreActivation:
        case Lifecycle::Suspended:
        case Lifecycle::Destroyed:
            return false;
    }
    return false;
}

void check_key_use(const mech::Mechanism& m, const Object& key, CK_ATTRIBUTE_TYPE usage) {
    char today[8];
    today_utc(today);
    if (!lifecycle_permits(lifecycle(key, today), usage)) {
        fail(CKR_KEY_FUNCTION_NOT_PERMITTED, "key life cycle forbids this use");
    }
    if (!approved_only()) return;
    if (!m.fips_approved) refuse(m, "mechanism not approved");
    const CK_KEY_TYPE type = key.key_type();
    if (type == CKK_RSA && usage != CKA_VERIFY && rsa_modulus_bits(key) < 2048) {
        refuse(m, "RSA keys under 2048 bits are not approved");
    }
    if (type == CKK_EC_MONTGOMERY && usage == CKA_DERIVE) {
        refuse(m, "X25519 key agreement is not approved");
    }
}

}  // namespace craton::fips
