#!/usr/bin/env bash
# Login throttling per client identity (run by with_daemon.sh with login_failures_per_client = 3
# and a lockout far longer than the test): after three wrong PINs from client a, a's login with
# the right PIN is refused (CKR_FUNCTION_FAILED = 6) without reaching the module, while client b
# logs in with the same PIN (CKR_OK); the daemon logs the throttled attempt.
set -euo pipefail
MODULE=${1:?usage: $0 libcraton_hsm_remote.so remote_client_probe}
PROBE=${2:?usage: $0 libcraton_hsm_remote.so remote_client_probe}
D=$REMOTE_TEST_DIR
p11() { pkcs11-tool --module "$MODULE" "$@" > /dev/null; }
p11 --init-token --slot-index 0 --label throttle --so-pin 12345678
p11 --slot-index 0 --login --login-type so --so-pin 12345678 --init-pin --pin userpin1
login_as() { CRATON_HSM_REMOTE_CONFIG="$D/$1.toml" "$PROBE" login "$2"; }
expect() {  # what expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$3', expected '$2'"; exit 1; fi
}
expect "a's right PIN before any failure" "login 0" "$(login_as a userpin1)"
for i in 1 2 3; do expect "a's wrong PIN $i" "login 160" "$(login_as a wrongpin)"; done
expect "a's right PIN after three failures is refused" "login 6" "$(login_as a userpin1)"
expect "b's right PIN is not affected" "login 0" "$(login_as b userpin1)"
fp_a=$(openssl x509 -in "$D/a.crt" -outform DER | sha256sum | cut -d' ' -f1)
grep -q "event=login_throttled client=$fp_a" "$DAEMON_LOG" || { echo "FAIL no login_throttled line"; exit 1; }
echo "ok   the daemon logged the throttled login"
