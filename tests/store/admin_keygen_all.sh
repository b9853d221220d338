#!/bin/sh
# craton-hsm-admin keys generate for every type `keys types` lists: each must succeed on a
# persistent token and be listed afterwards with its label and the size or parameter set the
# type names (a pair as public + private key, a secret key alone).
# Usage: admin_keygen_all.sh <craton-hsm-admin>
admin="${1:?craton-hsm-admin}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat > "$tmp/craton_hsm.toml" <<TOML
[security]
pbkdf2_iterations = 1000
login_backoff_base_ms = 0
[storage]
mode = "persistent"
path = "$tmp/tokens"
TOML
export CRATON_HSM_CONFIG="$tmp/craton_hsm.toml" T_SO=so-secret-1 T_USER=user-secret-1

"$admin" token init --slot 0 --label keygen --pin-env T_SO --user-pin-env T_USER >/dev/null ||
    fail "token init"
types=$("$admin" keys types) || fail "keys types"
count=0
for t in $types; do
    "$admin" keys generate --slot 0 --type "$t" --label "k-$t" --pin-env T_USER >/dev/null ||
        fail "keys generate --type $t"
    count=$((count + 1))
done
[ "$count" -ge 30 ] || fail "only $count key types listed"
"$admin" objects list --slot 0 --json --pin-env T_USER >"$tmp/list" || fail "objects list"

# expect TYPE CLASSES SIZE: the listing must hold the key's objects with that size.
expect() {
    n=$(grep -A6 "\"label\": \"k-$1\"" "$tmp/list" | grep -c "\"size\": \"$3\"")
    [ "$n" = "$2" ] || fail "$1: $n objects of size '$3', expected $2"
    echo "ok: $1 -> $3"
}
# Each object prints "class", "id", "key_type", "label", "private", "size", "uri" (sorted keys),
# so the size follows the label within a few lines.
for t in $types; do
    grep -q "\"label\": \"k-$t\"" "$tmp/list" || fail "$t not listed"
done
expect aes-128 1 "128 bits"
expect aes-192 1 "192 bits"
expect aes-256 1 "256 bits"
expect generic-secret 1 "256 bits"
expect rsa-2048 2 "2048 bits"
expect rsa-3072 2 "3072 bits"
expect rsa-4096 2 "4096 bits"
expect ec-p256 2 "P-256"
expect ec-p384 2 "P-384"
expect ed25519 2 "Ed25519"
expect x25519 2 "X25519"
expect ml-kem-512 2 "ML-KEM-512"
expect ml-kem-768 2 "ML-KEM-768"
expect ml-kem-1024 2 "ML-KEM-1024"
expect ml-dsa-44 2 "ML-DSA-44"
expect ml-dsa-65 2 "ML-DSA-65"
expect ml-dsa-87 2 "ML-DSA-87"
expect slh-dsa-sha2-128s 2 "SLH-DSA-SHA2-128s"
expect slh-dsa-shake-256f 2 "SLH-DSA-SHAKE-256f"
echo "PASS: $count key types"
