// The PKCS#11 output-length protocol, in one place.
//
// Every function that returns variable-length output follows the same rules: a NULL buffer asks
// for the length (CKR_OK, operation kept), a short buffer gets CKR_BUFFER_TOO_SMALL with the
// needed length (operation kept), otherwise the output is written and its exact length set.
#pragma once

#include <craton/pkcs11/pkcs11.h>

#include "core/error.h"

namespace craton {

class OutputBuffer {
public:
    OutputBuffer(CK_BYTE_PTR data, CK_ULONG_PTR len) : data_(data), len_(len) {
        if (len_ == nullptr) fail(CKR_ARGUMENTS_BAD);
    }
    bool is_length_query() const noexcept { return data_ == nullptr; }
    CK_ULONG capacity() const noexcept { return *len_; }
    CK_BYTE_PTR data() const noexcept { return data_; }

    // Returns true when the caller's buffer can take `needed` bytes and output should be
    // produced. Otherwise answers the query (false) or throws CKR_BUFFER_TOO_SMALL.
    bool reserve(CK_ULONG needed) {
        if (data_ == nullptr) {
            *len_ = needed;
            return false;
        }
        if (*len_ < needed) {
            *len_ = needed;
            fail(CKR_BUFFER_TOO_SMALL);
        }
        return true;
    }
    void set_written(CK_ULONG n) noexcept { *len_ = n; }

private:
    CK_BYTE_PTR data_;
    CK_ULONG_PTR len_;
};

}  // namespace craton
