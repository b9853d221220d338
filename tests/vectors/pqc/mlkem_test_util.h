// Helpers shared by the ML-KEM vector tests: parameter-set names and ACVP answer lookup.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "pqc/mlkem/mlkem.h"

namespace craton::test::mlkem {

inline craton::pqc::MlKemParameterSet parameter_set(const std::string& name) {
    using craton::pqc::MlKemParameterSet;
    if (name == "ML-KEM-512") return MlKemParameterSet::MlKem512;
    if (name == "ML-KEM-768") return MlKemParameterSet::MlKem768;
    if (name == "ML-KEM-1024") return MlKemParameterSet::MlKem1024;
    throw std::invalid_argument("unknown ML-KEM parameter set " + name);
}

// expectedResults / internalProjection tests indexed by (tgId, tcId).
inline std::map<std::pair<int, int>, const nlohmann::json*> index_tests(const nlohmann::json& f) {
    std::map<std::pair<int, int>, const nlohmann::json*> out;
    for (const auto& group : f.at("testGroups")) {
        for (const auto& test : group.at("tests")) {
            out[{group.at("tgId").get<int>(), test.at("tcId").get<int>()}] = &test;
        }
    }
    return out;
}

}  // namespace craton::test::mlkem
