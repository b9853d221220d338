// Zeroisation for PQC secrets (seeds, expanded secret keys, intermediate polynomials).
//
// The PQC code keeps no secrets in types that could be copied around unnoticed; buffers that
// held secret material are wiped with this before they are released, with a call the
// compiler cannot remove as a dead store.
#pragma once

#include <cstddef>

namespace craton::pqc {

void secure_wipe(void* data, std::size_t len) noexcept;

}  // namespace craton::pqc
