#!/usr/bin/env bash
# CRL checking, fail closed (run by with_daemon.sh with DAEMON_CRL_REVOKE=b, so crl_dir holds a
# CRL of the client CA that revokes b). a is served; b is refused at the handshake
# (CKR_DEVICE_REMOVED = 50 from C_Initialize) and the daemon logs why; with the CRL removed and
# the daemon reloaded, a is refused too (no CRL for its issuer), and so with only an expired CRL;
# with the CRL back, a is served again.
set -euo pipefail
PROBE=${1:?usage: $0 remote_client_probe}
D=$REMOTE_TEST_DIR
WORK=$(mktemp -d /tmp/craton-crl-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fp() { openssl x509 -in "$D/$1.crt" -outform DER | sha256sum | cut -d' ' -f1; }
count() { grep -c "event=$1" "$DAEMON_LOG" || true; }
wait_count() {
  for _ in $(seq 1 300); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.1; done
  echo "FAIL the daemon did not log $1"; exit 1
}
client() {  # name: prints the probe's output; status of the probe
  CRATON_HSM_REMOTE_CONFIG="$D/$1.toml" "$PROBE" wait-file /dev/null 2>&1
}

client a > "$WORK/out" || { echo "FAIL a (not revoked) refused:"; cat "$WORK/out"; exit 1; }
echo "ok   a served"

if client b > "$WORK/out"; then echo "FAIL revoked b served"; exit 1; fi
grep -q '^initialize 50$' "$WORK/out" || { echo "FAIL b not refused at the handshake:"; cat "$WORK/out"; exit 1; }
grep -q "event=client_refused reason=\"crl: certificate revoked\" fingerprint=$(fp b)" "$DAEMON_LOG" \
  || { echo "FAIL no CRL refusal of b logged"; exit 1; }
echo "ok   revoked b refused at the handshake"

mv "$D/crl/ca.crl.pem" "$WORK/"
kill -HUP "$DAEMON_PID"
wait_count tls_reloaded 1
if client a > "$WORK/out"; then echo "FAIL a served with no CRL for its issuer"; exit 1; fi
grep -q "event=client_refused reason=\"crl: unable to get certificate CRL\" fingerprint=$(fp a)" "$DAEMON_LOG" \
  || { echo "FAIL no missing-CRL refusal of a logged"; exit 1; }
echo "ok   no CRL for the issuer: refused (fail closed)"

# A CRL from the right CA whose nextUpdate has passed does not count either.
openssl ca -config "$D/ca.cnf" -keyfile "$D/ca.key" -cert "$D/ca.crt" -gencrl \
    -crl_lastupdate "$(date -u -d '-2 days' +%Y%m%d%H%M%SZ)" \
    -crl_nextupdate "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" -out "$D/crl/expired.pem" 2> /dev/null
kill -HUP "$DAEMON_PID"
wait_count tls_reloaded 2
if client a > "$WORK/out"; then echo "FAIL a served with only an expired CRL"; exit 1; fi
grep -q "event=client_refused reason=\"crl: CRL has expired\" fingerprint=$(fp a)" "$DAEMON_LOG" \
  || { echo "FAIL no expired-CRL refusal of a logged"; exit 1; }
echo "ok   only an expired CRL for the issuer: refused"

rm "$D/crl/expired.pem"
mv "$WORK/ca.crl.pem" "$D/crl/"
kill -HUP "$DAEMON_PID"
wait_count tls_reloaded 3
client a > "$WORK/out" || { echo "FAIL a refused after the CRL came back:"; cat "$WORK/out"; exit 1; }
echo "ok   CRL back: a served again"
