#include "pqc/slhdsa/params.h"

#include <stdexcept>

namespace craton::pqc::slhdsa {

const Params& params_for(ParameterSet set) {
    const auto index = static_cast<std::size_t>(set);
    if (index < 1 || index > kParameterSetCount) {
        throw std::invalid_argument("SLH-DSA: unknown parameter set");
    }
    return kParams[index - 1];
}

}  // namespace craton::pqc::slhdsa
