#!/bin/sh
# craton-hsm-admin sign-binary / verify-binary end to end: a signed copy verifies and extracts
# to the original; a changed byte, an inserted byte, a truncated file, a re-signed (nested)
# file and the wrong key each make verify-binary exit non-zero.
# Usage: sign_binary_cli.sh <craton-hsm-admin>
admin="${1:?craton-hsm-admin}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

head -c 20000 "$admin" > "$tmp/bin"
"$admin" sign-binary "$tmp/bin" --key "$tmp/a.key" --new-key -o "$tmp/bin.signed" || fail "sign"
"$admin" sign-binary "$tmp/bin" --key "$tmp/b.key" --new-key -o "$tmp/other.signed" || fail "sign b"
"$admin" verify-binary "$tmp/bin.signed" --key "$tmp/a.key" --extract "$tmp/out" || fail "verify"
cmp -s "$tmp/bin" "$tmp/out" || fail "extracted bytes differ from the original"

must_fail() {  # description file key
    if "$admin" verify-binary "$2" --key "$3" 2>"$tmp/err"; then fail "$1 was accepted"; fi
    echo "ok: $1 refused: $(cat "$tmp/err")"
}
must_fail "wrong key" "$tmp/bin.signed" "$tmp/b.key"
# One payload byte changed (offset 100).
cp "$tmp/bin.signed" "$tmp/flip"
printf '\377' | dd of="$tmp/flip" bs=1 seek=100 conv=notrunc 2>/dev/null
cmp -s "$tmp/flip" "$tmp/bin.signed" && fail "flip did not change the file"
must_fail "changed byte" "$tmp/flip" "$tmp/a.key"
# One byte inserted at the start.
{ printf 'X'; cat "$tmp/bin.signed"; } > "$tmp/insert"
must_fail "inserted byte" "$tmp/insert" "$tmp/a.key"
# Last byte cut off.
size=$(wc -c < "$tmp/bin.signed")
head -c $((size - 1)) "$tmp/bin.signed" > "$tmp/trunc"
must_fail "truncated file" "$tmp/trunc" "$tmp/a.key"
# Signing an already signed file is refused (no nested envelope is ever written).
if "$admin" sign-binary "$tmp/bin.signed" --key "$tmp/a.key" -o "$tmp/nested" 2>/dev/null; then
    fail "re-signing a signed file was accepted"
fi
echo "ok: signing a signed file refused"
