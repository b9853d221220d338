#!/bin/sh
# Source-level check: all randomness in the module comes from src/rng (the HMAC_DRBG and its
# getrandom(2) entropy source). Any direct call to OpenSSL's RAND_*bytes*, getrandom,
# getentropy, the /dev/*random devices, arc4random or std::random_device elsewhere in src/ or
# tools/ fails this test and names the line.
# Usage: rng_single_source.sh <repository root>
root="${1:?repository root}"
pattern='(RAND_(priv_)?bytes(_ex)?|getrandom|getentropy|/dev/u?random|arc4random|random_device)'
hits=$(grep -rnE "$pattern" "$root/src" "$root/tools" \
        --include='*.c' --include='*.cc' --include='*.cpp' --include='*.h' --include='*.hpp' \
        | grep -v "^$root/src/rng/")
if [ -n "$hits" ]; then
    echo "randomness drawn outside src/rng (use craton::rng::random_bytes):"
    echo "$hits"
    exit 1
fi
# The check must be looking at the real tree: src/rng itself does call getrandom.
grep -qE 'getrandom' "$root/src/rng/entropy.cpp" || { echo "src/rng/entropy.cpp not found"; exit 1; }
echo "ok: only src/rng draws randomness"
