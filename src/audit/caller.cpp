#include "audit/caller.h"

#include <utility>

namespace craton::audit {
namespace {
thread_local std::string t_caller;
}

void set_caller(std::string identity) noexcept {
    t_caller = std::move(identity);
}

const std::string& caller() noexcept {
    return t_caller;
}

}  // namespace craton::audit
