#!/usr/bin/env bash
# require_client_cert = false (run by with_daemon.sh, for its certificates): a daemon given
# that setting without --dev-insecure-no-client-cert refuses to start; with the flag it starts,
# says INSECURE_DEVELOPMENT_MODE in its log, and serves a client that has no certificate.
set -euo pipefail
DAEMON=${1:?usage: $0 path/to/craton-hsm-daemon path/to/libcraton_hsm_remote.so}
MODULE=${2:?usage: $0 path/to/craton-hsm-daemon path/to/libcraton_hsm_remote.so}
D=$REMOTE_TEST_DIR
PID=""
trap 'if [ -n "$PID" ]; then kill -KILL "$PID" 2>/dev/null || true; fi' EXIT
status=0
cat > "$D/insecure.toml" <<CONF
[daemon]
listen_addr = "127.0.0.1:0"
server_cert = "$D/server.crt"
server_key = "$D/server.key"
client_ca = "$D/ca.crt"
require_client_cert = false
CONF

refused=0
"$DAEMON" --config "$D/insecure.toml" --ready-file "$D/insecure.ready" 2> "$D/insecure.log" || refused=$?
if [ "$refused" -eq 2 ] && grep -q "event=config_refused" "$D/insecure.log" && [ ! -e "$D/insecure.ready" ]; then
  echo "ok   refused to start without the development flag"
else
  echo "FAIL started (or failed oddly, status $refused) without the development flag:"; cat "$D/insecure.log"; status=1
fi

"$DAEMON" --config "$D/insecure.toml" --ready-file "$D/insecure.ready" --dev-insecure-no-client-cert \
    2> "$D/insecure.log" &
PID=$!
for _ in $(seq 1 600); do [ -s "$D/insecure.ready" ] && break; kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if [ -s "$D/insecure.ready" ] && grep -q "INSECURE_DEVELOPMENT_MODE" "$D/insecure.log"; then
  echo "ok   started with the flag and logged INSECURE_DEVELOPMENT_MODE"
else
  echo "FAIL did not start loudly with the flag:"; cat "$D/insecure.log"; status=1
fi
port=$(sed 's/.*://' "$D/insecure.ready" 2>/dev/null || echo 0)
sed "s|^address = .*|address = \"localhost:$port\"|" "$D/nocert.toml" > "$D/insecure-client.toml"
if CRATON_HSM_REMOTE_CONFIG="$D/insecure-client.toml" pkcs11-tool --module "$MODULE" --list-slots 2>&1 | grep -q "(0x0)"; then
  echo "ok   a client without a certificate is served in development mode"
else
  echo "FAIL a client without a certificate was not served in development mode"; status=1
fi
kill -TERM "$PID"; wait "$PID" || true; PID=""
exit "$status"
