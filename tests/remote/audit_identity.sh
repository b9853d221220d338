#!/usr/bin/env bash
# The client identity in the module's audit records (run by with_daemon.sh with [audit] path
# in the daemon's directory): client a initialises the token and its PIN through pkcs11-tool,
# client b logs in. Every record of a client's PKCS#11 call then names its client: C_InitToken a's
# fingerprint, b's C_Login b's; and the log with the new member still verifies.
set -euo pipefail
MODULE=${1:?usage: $0 libcraton_hsm_remote.so remote_client_probe craton-hsm-admin}
PROBE=${2:?usage: $0 libcraton_hsm_remote.so remote_client_probe craton-hsm-admin}
ADMIN=${3:?usage: $0 libcraton_hsm_remote.so remote_client_probe craton-hsm-admin}
D=$REMOTE_TEST_DIR
LOG="$D/audit.log"
fp() { openssl x509 -in "$D/$1.crt" -outform DER | sha256sum | cut -d' ' -f1; }
p11() { pkcs11-tool --module "$MODULE" "$@" > /dev/null; }
p11 --init-token --slot-index 0 --label audited --so-pin 12345678
p11 --slot-index 0 --login --login-type so --so-pin 12345678 --init-pin --pin userpin1
out=$(CRATON_HSM_REMOTE_CONFIG="$D/b.toml" "$PROBE" login userpin1)
[ "$out" = "login 0" ] || { echo "FAIL b's login: $out"; exit 1; }

grep -F '"op":"C_InitToken"' "$LOG" | grep -qF "\"client\":\"$(fp a)\"" \
  || { echo "FAIL C_InitToken without a's fingerprint"; cat "$LOG"; exit 1; }
echo "ok   C_InitToken names client a"
grep -F '"op":"C_Login"' "$LOG" | grep -qF "\"client\":\"$(fp b)\"" \
  || { echo "FAIL no C_Login with b's fingerprint"; cat "$LOG"; exit 1; }
echo "ok   b's C_Login names client b"
# The daemon's own C_Initialize at start is made for no client; every other call is a client's.
unnamed=$(grep -F '"op":"C_' "$LOG" | grep -vF '"op":"C_Initialize"' | grep -cvF '"client":"' || true)
[ "$unnamed" = "0" ] || { echo "FAIL $unnamed PKCS#11 call records without a client"; cat "$LOG"; exit 1; }
echo "ok   every record of a client's PKCS#11 call names its client"
"$ADMIN" audit verify "$LOG" > /dev/null || { echo "FAIL audit verify"; "$ADMIN" audit verify "$LOG"; exit 1; }
echo "ok   the log verifies"
