#!/usr/bin/env bash
# TLS protocol versions of the daemon (run by with_daemon.sh): TLS 1.2 and 1.3 complete a
# mutual-TLS handshake with client a's certificate. TLS 1.1 must be refused; that check runs
# only when this machine's openssl can complete a TLS 1.1 handshake at all (a control against
# a local `openssl s_server -tls1_1`, at security level 0), since a client that cannot speak
# TLS 1.1 would make the check pass for the wrong reason; if it cannot, the check is reported
# as skipped, not passed. The TLS 1.2 cipher list is AEAD only: a CBC suite is refused (control:
# a local s_server offering only that suite completes the handshake with the same client), a
# GCM suite accepted.
set -euo pipefail
ADDR=$(cat "$REMOTE_TEST_DIR/ready")
WORK=$(mktemp -d /tmp/craton-tls-XXXXXX)
SERVER_PID=""
trap 'if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
# s_server quits when its standard input ends: keep it open through a FIFO held by fd 3.
mkfifo "$WORK/stdin"
exec 3<> "$WORK/stdin"
status=0
completed() { ! grep -q "Cipher is (NONE)" "$WORK/out"; }
handshake() {  # address version-flag [cipher list]
  OPENSSL_CONF=/dev/null openssl s_client -connect "$1" "$2" -cipher "${3:-ALL:@SECLEVEL=0}" \
      -cert "$REMOTE_TEST_DIR/a.crt" -key "$REMOTE_TEST_DIR/a.key" -CAfile "$REMOTE_TEST_DIR/ca.crt" \
      -servername localhost -alpn h2 < /dev/null > "$WORK/out" 2>&1 && completed
}

for v in -tls1_2 -tls1_3; do
  if handshake "$ADDR" "$v"; then
    echo "ok   $v accepted"
  else
    echo "FAIL $v should be accepted:"; sed 's/^/     /' "$WORK/out" | tail -15; status=1
  fi
done

port=$((20000 + RANDOM % 20000))
OPENSSL_CONF=/dev/null openssl s_server -accept "127.0.0.1:$port" -tls1_1 -cipher 'ALL:@SECLEVEL=0' \
    -cert "$REMOTE_TEST_DIR/server.crt" -key "$REMOTE_TEST_DIR/server.key" -naccept 1 \
    < "$WORK/stdin" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q ACCEPT "$WORK/server.log" && break; sleep 0.1; done
if handshake "127.0.0.1:$port" -tls1_1; then
  if handshake "$ADDR" -tls1_1; then echo "FAIL -tls1_1 was accepted"; status=1; else echo "ok   -tls1_1 refused"; fi
else
  echo "skip -tls1_1: this openssl cannot complete a TLS 1.1 handshake even with itself"
fi

cbc=ECDHE-ECDSA-AES128-SHA256
gcm=ECDHE-ECDSA-AES128-GCM-SHA256
if handshake "$ADDR" -tls1_2 "$gcm"; then echo "ok   $gcm accepted"; else echo "FAIL $gcm refused"; status=1; fi
port=$((20000 + RANDOM % 20000))
OPENSSL_CONF=/dev/null openssl s_server -accept "127.0.0.1:$port" -tls1_2 -cipher "$cbc" \
    -cert "$REMOTE_TEST_DIR/server.crt" -key "$REMOTE_TEST_DIR/server.key" -naccept 1 \
    < "$WORK/stdin" > "$WORK/server2.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q ACCEPT "$WORK/server2.log" && break; sleep 0.1; done
if handshake "127.0.0.1:$port" -tls1_2 "$cbc"; then
  if handshake "$ADDR" -tls1_2 "$cbc"; then echo "FAIL $cbc (not AEAD) was accepted"; status=1; else echo "ok   $cbc refused"; fi
else
  echo "FAIL control: $cbc does not complete even against a local s_server"; status=1
fi
exit "$status"
