// Constant-time check of the module's classical secret comparisons under valgrind memcheck:
// PIN verification (PBKDF2 of the PIN, then the verifier compared with the stored one) and
// constant_time_equal, which MAC verification and key checks use. The PIN, the stored verifier
// and the compared buffers are marked undefined, so a branch or index that depends on them is
// reported; only the final yes/no is declassified, as the caller acts on it.
//
// With the argument "--leaky" the program compares with memcmp instead, which stops at the
// first difference: ctest expects that run to fail, proving the check can see a leak.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/pin_record.h"
#include "core/secure_bytes.h"
#include "pqc/common/ct_check.h"

namespace {

using craton::ByteView;
using craton::PinRecord;

bool declassified(bool secret_result) {
    CRATON_CT_DECLASSIFY(&secret_result, sizeof secret_result);
    return secret_result;
}

}  // namespace

int main(int argc, char** argv) {
    const bool leaky = argc > 1 && std::strcmp(argv[1], "--leaky") == 0;
    int failures = 0;

    // Equal and unequal buffers whose first difference is at the end: a comparison that stops
    // early branches on the secret bytes before it gets there.
    std::vector<std::uint8_t> a(32, 0x42), b(32, 0x42), c(32, 0x42);
    c[31] ^= 1;
    CRATON_CT_SECRET(a.data(), a.size());
    CRATON_CT_SECRET(b.data(), b.size());
    CRATON_CT_SECRET(c.data(), c.size());
    auto equal = [leaky](ByteView x, ByteView y) {
        if (leaky) return std::memcmp(x.data(), y.data(), x.size()) == 0;
        return craton::constant_time_equal(x, y);
    };
    if (!declassified(equal(a, b))) {
        std::fprintf(stderr, "equal buffers compare unequal\n");
        ++failures;
    }
    if (declassified(equal(a, c))) {
        std::fprintf(stderr, "unequal buffers compare equal\n");
        ++failures;
    }

    if (!leaky) {
        // A PIN record checked against the right and a wrong PIN: both PINs and the stored
        // verifier are secret.
        const std::string right = "correct horse 42", wrong = "correct horse 43";
        std::vector<std::uint8_t> pin_right(right.begin(), right.end());
        std::vector<std::uint8_t> pin_wrong(wrong.begin(), wrong.end());
        const PinRecord record = PinRecord::create(pin_right, 1000);
        CRATON_CT_SECRET(pin_right.data(), pin_right.size());
        CRATON_CT_SECRET(pin_wrong.data(), pin_wrong.size());
        CRATON_CT_SECRET(const_cast<std::uint8_t*>(record.verifier().data()),
                         record.verifier().size());
        // matches(): verify() without a KEK to hand over, whose only branch on the verdict
        // is the hand-over itself.
        if (!declassified(record.matches(pin_right))) {
            std::fprintf(stderr, "the right PIN was refused\n");
            ++failures;
        }
        if (declassified(record.matches(pin_wrong))) {
            std::fprintf(stderr, "a wrong PIN was accepted\n");
            ++failures;
        }
    }
    return failures == 0 ? 0 : 2;
}
