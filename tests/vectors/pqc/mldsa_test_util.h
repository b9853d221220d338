// Shared helpers for the ML-DSA vector tests: mapping the ACVP/Wycheproof names to our enums.
#pragma once

#include <stdexcept>
#include <string>

#include "pqc/mldsa/mldsa.h"

namespace craton::test::mldsa {

inline pqc::MlDsaParameterSet parameter_set_from_name(const std::string& name) {
    if (name == "ML-DSA-44") return pqc::MlDsaParameterSet::kMlDsa44;
    if (name == "ML-DSA-65") return pqc::MlDsaParameterSet::kMlDsa65;
    if (name == "ML-DSA-87") return pqc::MlDsaParameterSet::kMlDsa87;
    throw std::runtime_error("unknown ML-DSA parameter set " + name);
}

// ACVP hashAlg names.
inline pqc::MlDsaPreHash prehash_from_name(const std::string& name) {
    using pqc::MlDsaPreHash;
    if (name == "SHA2-224") return MlDsaPreHash::kSha224;
    if (name == "SHA2-256") return MlDsaPreHash::kSha256;
    if (name == "SHA2-384") return MlDsaPreHash::kSha384;
    if (name == "SHA2-512") return MlDsaPreHash::kSha512;
    if (name == "SHA2-512/224") return MlDsaPreHash::kSha512_224;
    if (name == "SHA2-512/256") return MlDsaPreHash::kSha512_256;
    if (name == "SHA3-224") return MlDsaPreHash::kSha3_224;
    if (name == "SHA3-256") return MlDsaPreHash::kSha3_256;
    if (name == "SHA3-384") return MlDsaPreHash::kSha3_384;
    if (name == "SHA3-512") return MlDsaPreHash::kSha3_512;
    if (name == "SHAKE-128") return MlDsaPreHash::kShake128;
    if (name == "SHAKE-256") return MlDsaPreHash::kShake256;
    throw std::runtime_error("unknown HashML-DSA hash " + name);
}

}  // namespace craton::test::mldsa
