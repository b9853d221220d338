#!/bin/sh
# deploy/p11-kit/craton-hsm.module: with the file installed in a user's p11-kit module directory
# (its module: path pointed at the built library), `p11-kit list-modules` must load the module
# and show its C_GetInfo; without the file it must not (so the listing really comes from it).
# p11-kit ignores user configuration for root, so as root the check runs as nobody (setpriv).
# Usage: p11kit_module.sh MODULE_FILE BUILT_LIBRARY
set -eu
FILE=$1
LIB=$2
command -v p11-kit >/dev/null || { echo "FAIL: p11-kit missing (scripts/install-deps installs it)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home/.config/pkcs11/modules"

grep -q '^module: /usr/lib/craton-hsm/libcraton_hsm.so$' "$FILE" || { echo "FAIL: module: is not the installed path"; exit 1; }
grep -q '^trust-policy: no$' "$FILE" || { echo "FAIL: the module must not be a trust source"; exit 1; }

list_modules() {
    chmod -R a+rX "$WORK"
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            env -i HOME="$WORK/home" PATH=/usr/bin:/bin p11-kit list-modules 2>&1
    else
        env -i HOME="$WORK/home" PATH=/usr/bin:/bin p11-kit list-modules 2>&1
    fi
}

# Negative control first: no module file, no Craton module.
if list_modules | grep -q 'Craton HSM'; then echo "FAIL: Craton HSM listed without the module file"; exit 1; fi

# A copy of the library and its integrity sidecar, so nobody can read them wherever the tree is.
mkdir -p "$WORK/lib"
cp "$LIB" "$WORK/lib/"
sidecar="${LIB%.so}.hmac"
[ -f "$sidecar" ] && cp "$sidecar" "$WORK/lib/"
sed "s#^module: .*#module: $WORK/lib/$(basename "$LIB")#" "$FILE" > "$WORK/home/.config/pkcs11/modules/craton-hsm.module"
out=$(list_modules)
block=$(printf '%s\n' "$out" | sed -n '/^craton-hsm: /,/^[^ ]/p')
printf '%s\n' "$block"
printf '%s\n' "$block" | grep -q 'library-description: Craton HSM PKCS#11 module' || {
    printf '%s\n' "$out"; echo "FAIL: p11-kit did not load the module through craton-hsm.module"; exit 1; }
echo "PASS: p11-kit loads the module from craton-hsm.module"
