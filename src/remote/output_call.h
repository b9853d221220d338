// The PKCS#11 output-buffer protocol over RPC: the caller's (pointer, length) pair travels as
// "length query" or "buffer of N bytes", the daemon makes the module call the same way, and
// the answer (length, bytes) is copied back here.
#pragma once

#include <cstring>

#include "remote/remote_guard.h"
#include "remote/remote_state.h"

namespace craton::remote {

inline void describe_output(v1::OutputBuffer* spec, const CK_BYTE* out,
                            const CK_ULONG_PTR out_len) {
    if (out_len == nullptr) fail(CKR_ARGUMENTS_BAD);
    spec->set_query_length(out == nullptr);
    spec->set_capacity(out == nullptr ? 0 : *out_len);
}

// Copies a response's output into the caller's buffer; a daemon that returns more bytes than
// the caller's buffer holds is broken, and gets CKR_DEVICE_ERROR rather than an overflow.
inline CK_RV take_output(CK_RV rv, std::uint64_t length, const std::string& data, CK_BYTE_PTR out,
                         CK_ULONG_PTR out_len) {
    if (rv != CKR_OK && rv != CKR_BUFFER_TOO_SMALL) return rv;
    if (rv == CKR_OK && out != nullptr) {
        if (data.size() > *out_len || data.size() != length) return CKR_DEVICE_ERROR;
        if (!data.empty()) std::memcpy(out, data.data(), data.size());
    }
    *out_len = static_cast<CK_ULONG>(length);
    return rv;
}

template <class Request>
CK_RV output_call(Rpc<Request, v1::DataResponse> method, const Request& request, CK_BYTE_PTR out,
                  CK_ULONG_PTR out_len) {
    v1::DataResponse response;
    const CK_RV rv = rpc(method, request, response);
    return take_output(rv, response.length(), response.data(), out, out_len);
}

}  // namespace craton::remote
