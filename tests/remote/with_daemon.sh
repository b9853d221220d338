#!/usr/bin/env bash
# Runs one command against a freshly started craton-hsm-daemon, then stops the daemon.
#
#   with_daemon.sh DAEMON COMMAND [ARGS...]
#
# In a temporary directory: a throwaway CA with a server certificate (localhost, 127.0.0.1)
# and client certificates a, b and c; a second, unrelated CA with its own client "rogue"; a
# daemon configuration that listens on an ephemeral loopback port and on a Unix socket and
# allows only a and b by fingerprint (DAEMON_EXTRA_CONFIG, if set, is appended to its [daemon]
# table, with @FP_A@, @FP_B@, @FP_C@ replaced by the clients' fingerprints and @DIR@ by the
# directory; DAEMON_CRL_REVOKE=name
# adds crl_dir = <dir>/crl holding a CRL of the CA that revokes that client); and remote-module
# configurations a.toml, b.toml, c.toml, rogue.toml, nocert.toml and unix.toml (client a over
# the socket). COMMAND runs with REMOTE_TEST_DIR pointing there, DAEMON_LOG at the daemon's log,
# DAEMON_PID at its process and CRATON_HSM_REMOTE_CONFIG at a.toml. The daemon must then stop
# cleanly on SIGTERM; its exit status is checked too. scripts/run-bench-remote runs the
# remote signing benchmark through this script as well, rather than keep a copy of it.
set -euo pipefail
DAEMON=${1:?usage: $0 path/to/craton-hsm-daemon command...}
shift
DIR=$(mktemp -d /tmp/craton-remote-XXXXXX)
DAEMON_PID=""
cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then kill -KILL "$DAEMON_PID"; fi
  rm -rf "$DIR"
}
trap cleanup EXIT

# --- certificates: scripts/dev-pki (shared with `make run`) --------------------------------
PKI="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/dev-pki"
ossl() { openssl "$@" 2> "$DIR/openssl.err" || { cat "$DIR/openssl.err" >&2; exit 1; }; }
fingerprint() { "$PKI" fingerprint "$DIR/$1.crt"; }

"$PKI" ca "$DIR" ca
"$PKI" ca "$DIR" otherca
"$PKI" server "$DIR" server ca
for client in a b c; do "$PKI" client "$DIR" "$client" ca; done
"$PKI" client "$DIR" rogue otherca

# --- optional CRL (openssl ca, with a throwaway database) -----------------------------------
crl_line=""
if [ -n "${DAEMON_CRL_REVOKE:-}" ]; then
  mkdir "$DIR/crl"
  : > "$DIR/index.txt"
  echo 01 > "$DIR/crlnumber"
  printf '[ca]\ndefault_ca = d\n[d]\ndatabase = %s\ncrlnumber = %s\ndefault_md = sha256\ndefault_crl_days = 2\n' \
    "$DIR/index.txt" "$DIR/crlnumber" > "$DIR/ca.cnf"
  ossl ca -config "$DIR/ca.cnf" -keyfile "$DIR/ca.key" -cert "$DIR/ca.crt" -revoke "$DIR/$DAEMON_CRL_REVOKE.crt"
  ossl ca -config "$DIR/ca.cnf" -keyfile "$DIR/ca.key" -cert "$DIR/ca.crt" -gencrl -out "$DIR/crl/ca.crl.pem"
  crl_line="crl_dir = \"$DIR/crl\""
fi

# --- daemon --------------------------------------------------------------------------------
cat > "$DIR/daemon.toml" <<CONF
[security]
pbkdf2_iterations = 1000
login_backoff_base_ms = 1
login_backoff_max_ms = 4
[daemon]
listen_addr = "127.0.0.1:0"
unix_socket = "$DIR/daemon.sock"
server_cert = "$DIR/server.crt"
server_key = "$DIR/server.key"
client_ca = "$DIR/ca.crt"
allowed_client_fingerprints = ["$(fingerprint a)", "$(fingerprint b)"]
$crl_line
${DAEMON_EXTRA_CONFIG:-}
CONF
# DAEMON_EXTRA_CONFIG may name client certificates as @FP_A@, @FP_B@, @FP_C@ and this
# directory as @DIR@.
sed -i "s/@FP_A@/$(fingerprint a)/g; s/@FP_B@/$(fingerprint b)/g; s/@FP_C@/$(fingerprint c)/g; s|@DIR@|$DIR|g" \
    "$DIR/daemon.toml"
"$DAEMON" --config "$DIR/daemon.toml" --ready-file "$DIR/ready" 2> "$DIR/daemon.log" &
DAEMON_PID=$!
# Wait for the daemon to report its port (or die). Bounded, not a timing assertion.
for _ in $(seq 1 600); do
  [ -s "$DIR/ready" ] && break
  kill -0 "$DAEMON_PID" 2>/dev/null || { echo "daemon exited early:"; cat "$DIR/daemon.log"; exit 1; }
  sleep 0.1
done
[ -s "$DIR/ready" ] || { echo "daemon did not start:"; cat "$DIR/daemon.log"; exit 1; }
PORT=$(sed 's/.*://' "$DIR/ready")

remote_conf() {  # name [cert-name]
  {
    echo "[remote]"
    echo "address = \"localhost:$PORT\""
    echo "ca = \"$DIR/ca.crt\""
    echo "deadline_ms = 20000"
    if [ -n "${2:-}" ]; then
      echo "client_cert = \"$DIR/$2.crt\""
      echo "client_key = \"$DIR/$2.key\""
    fi
  } > "$DIR/$1.toml"
}
remote_conf a a
remote_conf b b
remote_conf c c
remote_conf rogue rogue
remote_conf nocert
sed "s|^address = .*|address = \"unix:$DIR/daemon.sock\"|" "$DIR/a.toml" > "$DIR/unix.toml"

status=0
REMOTE_TEST_DIR="$DIR" DAEMON_PID="$DAEMON_PID" DAEMON_LOG="$DIR/daemon.log" CRATON_HSM_REMOTE_CONFIG="$DIR/a.toml" "$@" || status=$?

kill -TERM "$DAEMON_PID"
daemon_status=0
wait "$DAEMON_PID" || daemon_status=$?
DAEMON_PID=""
if [ "$daemon_status" -ne 0 ]; then
  echo "daemon exited with status $daemon_status after SIGTERM"; status=1
fi
if [ "$status" -ne 0 ]; then echo "--- daemon log"; cat "$DIR/daemon.log"; fi
# The daemon must never log a PIN: the tests use these ones.
if grep -E -q "12345678|userpin1" "$DIR/daemon.log"; then echo "a PIN appeared in the daemon log"; status=1; fi
exit "$status"
