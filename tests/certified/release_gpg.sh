#!/bin/sh
# The GPG step of scripts/release (scripts/sign-sums) with a throwaway key in a temporary
# GNUPGHOME: the signature it writes verifies against SHA256SUMS, and stops verifying once one
# byte of SHA256SUMS changes or when checked against another key.
# Usage: release_gpg.sh SIGN_SUMS_SCRIPT FILE_TO_LIST
set -eu
SIGN=$1
FILE=$2
command -v gpg >/dev/null || { echo "FAIL: gpg missing (scripts/install-deps installs gnupg)"; exit 1; }
WORK=$(mktemp -d /tmp/craton-gpg-XXXXXX)
export GNUPGHOME="$WORK/gnupg"
cleanup() { gpgconf --kill all 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -m 0700 "$GNUPGHOME"

# Throwaway Ed25519 keys, no passphrase; they exist only in this directory.
gpg --batch --quiet --passphrase '' --quick-gen-key 'Craton release test <release-test@invalid>' ed25519 sign 1d 2>/dev/null
gpg --batch --quiet --passphrase '' --quick-gen-key 'Other key <other@invalid>' ed25519 sign 1d 2>/dev/null
fpr() { gpg --batch --with-colons --list-keys "$1" | awk -F: '/^fpr/ {print $10; exit}'; }
KEY=$(fpr release-test@invalid)
OTHER=$(fpr other@invalid)
[ -n "$KEY" ] && [ -n "$OTHER" ] || { echo "FAIL: could not create the test keys"; exit 1; }

mkdir "$WORK/rel"
cp "$FILE" "$WORK/rel/"
(cd "$WORK/rel" && sha256sum "$(basename "$FILE")" > SHA256SUMS)
CRATON_RELEASE_GPG_KEY=$KEY "$SIGN" "$WORK/rel"
[ -s "$WORK/rel/SHA256SUMS.asc" ] || { echo "FAIL: no SHA256SUMS.asc"; exit 1; }
grep -q 'BEGIN PGP SIGNATURE' "$WORK/rel/SHA256SUMS.asc" || { echo "FAIL: not an armoured signature"; exit 1; }

# Verified, and by the release key (its fingerprint in the VALIDSIG status line).
gpg --batch --status-fd 1 --verify "$WORK/rel/SHA256SUMS.asc" "$WORK/rel/SHA256SUMS" 2>/dev/null > "$WORK/status" || {
    echo "FAIL: the signature does not verify"; exit 1; }
grep -q "^\[GNUPG:\] VALIDSIG $KEY " "$WORK/status" || { cat "$WORK/status"; echo "FAIL: not signed by the release key"; exit 1; }
(cd "$WORK/rel" && sha256sum -c --quiet SHA256SUMS) || { echo "FAIL: sha256sum -c"; exit 1; }

# One byte added: refused.
cp "$WORK/rel/SHA256SUMS" "$WORK/tampered"
printf 'x' >> "$WORK/tampered"
if gpg --batch --verify "$WORK/rel/SHA256SUMS.asc" "$WORK/tampered" 2>/dev/null; then
    echo "FAIL: a changed SHA256SUMS still verifies"; exit 1
fi
# Only the other key in the keyring: refused (the release key removed from the keyring).
gpg --batch --yes --delete-secret-and-public-key "$KEY" > /dev/null 2>&1
if gpg --batch --verify "$WORK/rel/SHA256SUMS.asc" "$WORK/rel/SHA256SUMS" 2>/dev/null; then
    echo "FAIL: verifies without the release key"; exit 1
fi
echo "PASS: SHA256SUMS.asc verifies with the release key only, and not after tampering"
