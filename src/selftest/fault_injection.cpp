#include "selftest/fault_injection.h"

#ifdef CRATON_TEST_HOOKS
#include <cstdlib>

namespace craton::selftest {

// Read on every query: faults are armed per process by the tests (one process per fault), and
// the callers are rare paths (self-tests at C_Initialize, RNG instantiation, key generation).
bool fault_injected(std::string_view name) {
    const char* env = std::getenv("CRATON_SELFTEST_CORRUPT");
    if (env == nullptr) return false;
    std::string_view list(env);
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (list.substr(0, comma) == name) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace craton::selftest
#endif
