#!/usr/bin/env bash
# SIGHUP reloads the daemon's TLS files (run by with_daemon.sh). A client connects and stays
# connected; a reload with a key that does not match the certificate is refused and changes
# nothing; then the server certificate is replaced by one from a different CA ("otherca") and
# the daemon gets SIGHUP. A new handshake must present the new certificate, a new client that
# trusts only the old CA must fail, one that trusts otherca must succeed, and the client
# connected before must still be served. Its module trusts only the old CA, so it can succeed
# only over the connection it already had: a reconnection would fail verification.
set -euo pipefail
PROBE=${1:?usage: $0 remote_client_probe}
D=$REMOTE_TEST_DIR
ADDR=$(cat "$D/ready")
WORK=$(mktemp -d /tmp/craton-reload-XXXXXX)
OLD_PID=""
trap 'if [ -n "$OLD_PID" ]; then kill -KILL "$OLD_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

fp_file() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }
# SHA-256 of the certificate the daemon presents to a client trusting CA file $1 (empty if none).
presented() {
  OPENSSL_CONF=/dev/null openssl s_client -connect "$ADDR" -servername localhost -CAfile "$1" \
      -verify_return_error -cert "$D/a.crt" -key "$D/a.key" < /dev/null > "$WORK/s_client.out" 2>&1 || true
  if openssl x509 -in "$WORK/s_client.out" -out "$WORK/seen.crt" 2>/dev/null; then fp_file "$WORK/seen.crt"; fi
}
count() { grep -c "event=$1" "$DAEMON_LOG" || true; }
wait_count() {  # event n: bounded wait for the daemon to log event n times
  for _ in $(seq 1 300); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.1; done
  echo "FAIL the daemon did not log $1"; exit 1
}
served() {  # toml: exit status of a fresh client's two calls
  CRATON_HSM_REMOTE_CONFIG="$1" "$PROBE" wait-file /dev/null > "$WORK/served.out" 2>&1
}

CRATON_HSM_REMOTE_CONFIG="$D/a.toml" "$PROBE" wait-file "$WORK/go" > "$WORK/old.out" 2>&1 &
OLD_PID=$!
for _ in $(seq 1 300); do grep -q '^connected' "$WORK/old.out" && break; sleep 0.1; done
grep -q '^connected' "$WORK/old.out" || { echo "FAIL first client did not connect"; cat "$WORK/old.out"; exit 1; }

old_fp=$(fp_file "$D/server.crt")
[ "$(presented "$D/ca.crt")" = "$old_fp" ] || { echo "FAIL daemon does not present server.crt"; exit 1; }

# A key that does not belong to the certificate: refused, the old pair stays.
cp "$D/server.key" "$WORK/server.key.orig"
cp "$D/rogue.key" "$D/server.key"
kill -HUP "$DAEMON_PID"
wait_count tls_reload_failed 1
cp "$WORK/server.key.orig" "$D/server.key"
[ "$(presented "$D/ca.crt")" = "$old_fp" ] || { echo "FAIL a refused reload changed the certificate"; exit 1; }
echo "ok   reload with a mismatched key refused, old certificate kept"

# The new certificate, from otherca (scripts/dev-pki issues it in the CA's directory).
"$(dirname "${BASH_SOURCE[0]}")/../../scripts/dev-pki" server "$D" server2 otherca
mv "$D/server2.key" "$D/server2.crt" "$WORK/"
new_fp=$(fp_file "$WORK/server2.crt")
cp "$WORK/server2.key" "$D/server.key"
cp "$WORK/server2.crt" "$D/server.crt"
kill -HUP "$DAEMON_PID"
wait_count tls_reloaded 1
seen=""
for _ in $(seq 1 60); do  # gRPC's watcher picks the staged files up within its interval
  seen=$(presented "$D/otherca.crt")
  [ "$seen" = "$new_fp" ] && break
  sleep 0.5
done
[ "$seen" = "$new_fp" ] || { echo "FAIL new handshakes do not see the new certificate ($seen)"; exit 1; }
echo "ok   a new handshake presents the reloaded certificate"

sed "s|^ca = .*|ca = \"$D/otherca.crt\"|" "$D/a.toml" > "$WORK/a-new-ca.toml"
served "$WORK/a-new-ca.toml" || { echo "FAIL client trusting the new CA refused:"; cat "$WORK/served.out"; exit 1; }
if served "$D/a.toml"; then echo "FAIL a new client trusting only the old CA was served"; exit 1; fi
echo "ok   new clients: served with the new CA, refused with the old one"

touch "$WORK/go"
old_status=0
wait "$OLD_PID" || old_status=$?
OLD_PID=""
[ "$old_status" -eq 0 ] || { echo "FAIL the connection open before the reload broke:"; cat "$WORK/old.out"; exit 1; }
echo "ok   the connection open before the reload still works"
