// PKCS#11 info structures carry fixed-width text fields padded with blanks, not NUL-ended.
#pragma once

#include <algorithm>
#include <cstring>

namespace craton {

inline void copy_padded(unsigned char* dst, std::size_t n, const char* src) {
    std::memset(dst, ' ', n);
    std::memcpy(dst, src, std::min(n, std::strlen(src)));
}

}  // namespace craton
