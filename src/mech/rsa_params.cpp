#include "mech/rsa_params.h"

#include <array>
#include <string>

#include "core/error.h"

namespace craton::mech::rsa {
namespace {

const EVP_MD* fetch(const char* name) {
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr) fail(CKR_GENERAL_ERROR, std::string("digest unavailable: ") + name);
    return md;
}

// Fetched on first use and kept for the life of the process: EVP_MD_fetch per operation is
// measurable cost on the signing path.
const std::array<Hash, 9>& hashes() {
    static const std::array<Hash, 9> table = {{
        {CKM_SHA_1, CKG_MGF1_SHA1, fetch("SHA1"), 20},
        {CKM_SHA224, CKG_MGF1_SHA224, fetch("SHA2-224"), 28},
        {CKM_SHA256, CKG_MGF1_SHA256, fetch("SHA2-256"), 32},
        {CKM_SHA384, CKG_MGF1_SHA384, fetch("SHA2-384"), 48},
        {CKM_SHA512, CKG_MGF1_SHA512, fetch("SHA2-512"), 64},
        {CKM_SHA3_224, CKG_MGF1_SHA3_224, fetch("SHA3-224"), 28},
        {CKM_SHA3_256, CKG_MGF1_SHA3_256, fetch("SHA3-256"), 32},
        {CKM_SHA3_384, CKG_MGF1_SHA3_384, fetch("SHA3-384"), 48},
        {CKM_SHA3_512, CKG_MGF1_SHA3_512, fetch("SHA3-512"), 64},
    }};
    return table;
}

template <class T>
const T& parameter_as(const CK_MECHANISM& mech) {
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(T)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    return *static_cast<const T*>(mech.pParameter);
}

}  // namespace

const Hash* hash_by_digest(CK_MECHANISM_TYPE digest) {
    for (const auto& h : hashes()) {
        if (h.digest == digest) return &h;
    }
    return nullptr;
}

const Hash* hash_by_mgf(CK_RSA_PKCS_MGF_TYPE mgf) {
    for (const auto& h : hashes()) {
        if (h.mgf == mgf) return &h;
    }
    return nullptr;
}

void require_no_parameter(const CK_MECHANISM& mech) {
    if (mech.pParameter != nullptr || mech.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

PssParams read_pss(const CK_MECHANISM& mech, const Hash* fixed_hash) {
    const auto& p = parameter_as<CK_RSA_PKCS_PSS_PARAMS>(mech);
    const Hash* hash = hash_by_digest(p.hashAlg);
    const Hash* mgf1 = hash_by_mgf(p.mgf);
    if (hash == nullptr || mgf1 == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    if (fixed_hash != nullptr && hash != fixed_hash) fail(CKR_MECHANISM_PARAM_INVALID);
    return {hash, mgf1, p.sLen};
}

bool pss_parameter_uses_sha1(const CK_MECHANISM& mech) {
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(CK_RSA_PKCS_PSS_PARAMS)) {
        return false;
    }
    return static_cast<const CK_RSA_PKCS_PSS_PARAMS*>(mech.pParameter)->hashAlg == CKM_SHA_1;
}

OaepParams read_oaep(const CK_MECHANISM& mech) {
    const auto& p = parameter_as<CK_RSA_PKCS_OAEP_PARAMS>(mech);
    OaepParams out{hash_by_digest(p.hashAlg), hash_by_mgf(p.mgf), {}};
    if (out.hash == nullptr || out.mgf1 == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    if (p.ulSourceDataLen != 0 && p.pSourceData == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    // CKZ_DATA_SPECIFIED is the only source the specification defines; some clients pass 0
    // for "no label", which is accepted only when there is indeed no label.
    if (p.source != CKZ_DATA_SPECIFIED && !(p.source == 0 && p.ulSourceDataLen == 0)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    if (p.ulSourceDataLen != 0) {
        const auto* label = static_cast<const std::uint8_t*>(p.pSourceData);
        out.label.assign(label, label + p.ulSourceDataLen);
    }
    return out;
}

}  // namespace craton::mech::rsa
