#!/usr/bin/env bash
# The allow-list is enforced in the TLS handshake (run by with_daemon.sh, which allows a and b):
# client c, issued by the right CA but not listed, gets CKR_DEVICE_REMOVED (50, the handshake
# failed) from C_Initialize, not CKR_DEVICE_ERROR (48, what a per-RPC PERMISSION_DENIED gives),
# and the daemon logs the refusal; a is served.
set -euo pipefail
PROBE=${1:?usage: $0 remote_client_probe}
D=$REMOTE_TEST_DIR
fp_c=$(openssl x509 -in "$D/c.crt" -outform DER | sha256sum | cut -d' ' -f1)
out=$(CRATON_HSM_REMOTE_CONFIG="$D/c.toml" "$PROBE" wait-file /dev/null || true)
[ "$out" = "initialize 50" ] || { echo "FAIL c: got '$out', expected 'initialize 50'"; exit 1; }
grep -q "event=client_refused reason=fingerprint_not_allowed fingerprint=$fp_c" "$DAEMON_LOG" \
  || { echo "FAIL no refusal of c logged"; exit 1; }
echo "ok   c (not on the allow-list) refused at the handshake"
CRATON_HSM_REMOTE_CONFIG="$D/a.toml" "$PROBE" wait-file /dev/null > /dev/null \
  || { echo "FAIL a (on the allow-list) refused"; exit 1; }
echo "ok   a served"
