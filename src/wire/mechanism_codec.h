// CK_MECHANISM <-> craton.hsm.v1.Mechanism, parameter structures mapped field by field
// (param_kind.h says which structure a mechanism takes).
#pragma once

#include <string>
#include <variant>

#include <craton/pkcs11/pkcs11.h>

#include "craton/hsm/v1/pkcs11.pb.h"

namespace craton::wire {

namespace v1 = ::craton::hsm::v1;

// Client side. Throws Pkcs11Error: CKR_ARGUMENTS_BAD for a NULL mechanism,
// CKR_MECHANISM_PARAM_INVALID for a parameter with no portable encoding or a wrong size.
void encode_mechanism(const CK_MECHANISM* mechanism, v1::Mechanism& out);

// Daemon side: a CK_MECHANISM rebuilt from the wire, owning every buffer it points to and
// wiping them when destroyed. Throws Pkcs11Error(CKR_MECHANISM_PARAM_INVALID) when the
// parameter's shape is not the one the mechanism takes.
class NativeMechanism {
  public:
    explicit NativeMechanism(const v1::Mechanism& m);
    ~NativeMechanism();
    NativeMechanism(const NativeMechanism&) = delete;
    NativeMechanism& operator=(const NativeMechanism&) = delete;

    CK_MECHANISM* get() { return &mech_; }

  private:
    CK_BYTE_PTR own(std::string& slot, const std::string& bytes);

    CK_MECHANISM mech_{};
    std::variant<std::monostate, CK_ULONG, CK_GCM_PARAMS, CK_RSA_PKCS_OAEP_PARAMS,
                 CK_RSA_PKCS_PSS_PARAMS, CK_ECDH1_DERIVE_PARAMS, CK_HKDF_PARAMS, CK_AES_CTR_PARAMS,
                 CK_EDDSA_PARAMS, CK_SIGN_ADDITIONAL_CONTEXT, CK_HASH_SIGN_ADDITIONAL_CONTEXT>
        params_;
    std::string buffers_[3];  // byte strings the parameter structure points to
};

}  // namespace craton::wire
