// The per-message parameter of the message-based calls (C_EncryptMessage ... C_VerifyMessageNext)
// over the wire. Unlike a mechanism parameter it is also an output: for AES-GCM the module
// writes the generated IV and the computed tag into the caller's CK_GCM_MESSAGE_PARAMS, so the
// remote module sends the buffers' contents, the daemon lets the module write into its own
// copies, and the remote module copies what came back into the caller's memory.
#pragma once

#include <string>

#include <craton/pkcs11/pkcs11.h>

#include "craton/hsm/v1/pkcs11.pb.h"

namespace craton::wire {

namespace v1 = ::craton::hsm::v1;

// Client side. A parameter of sizeof(CK_GCM_MESSAGE_PARAMS) bytes is taken as one (the only
// per-message structure the module defines); any other non-NULL parameter travels as
// "unsupported". NULL with length 0 leaves `out` unset.
void encode_message_parameter(const void* parameter, CK_ULONG length, v1::MessageParameter& out);

// Client side: copies the IV and tag the daemon's module left in its copy back into the
// caller's structure, writing only bytes that changed (a caller's decryption IV may sit in
// read-only memory, which the local module never writes either).
void write_back_message_parameter(const v1::MessageParameter& answer, void* parameter,
                                  CK_ULONG length);

// Daemon side: the parameter rebuilt as the module expects it, with buffers the module may
// write; `answer()` puts their contents after the call into a response. Throws
// Pkcs11Error(CKR_MECHANISM_PARAM_INVALID) for "unsupported".
class NativeMessageParameter {
  public:
    explicit NativeMessageParameter(const v1::MessageParameter& m);
    NativeMessageParameter(const NativeMessageParameter&) = delete;
    NativeMessageParameter& operator=(const NativeMessageParameter&) = delete;

    void* data() { return present_ ? &gcm_ : nullptr; }
    CK_ULONG size() const { return present_ ? sizeof gcm_ : 0; }
    void answer(v1::MessageParameter& out) const;

  private:
    bool present_ = false;
    CK_GCM_MESSAGE_PARAMS gcm_{};
    std::string iv_;
    std::string tag_;
    std::size_t tag_sent_ = 0;  // bytes of tag the client sent (and wants back)
    bool has_iv_ = false;
    bool has_tag_ = false;
};

}  // namespace craton::wire
