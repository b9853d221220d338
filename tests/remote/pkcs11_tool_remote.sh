#!/usr/bin/env bash
# pkcs11-tool through libcraton_hsm_remote.so (run by with_daemon.sh, which sets
# CRATON_HSM_REMOTE_CONFIG): list slots, initialise the token, generate an EC P-256 key pair on
# the daemon, sign, and check the signature with the openssl command line; then kill a client
# in the middle of a call and check the daemon still serves.
set -euo pipefail
MODULE=${1:?usage: $0 path/to/libcraton_hsm_remote.so}
WORK=$(mktemp -d /tmp/craton-remote-tool-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
p11() { pkcs11-tool --module "$MODULE" "$@"; }
ok() {  # ok "description" command...
  local what=$1; shift
  if "$@" > "$WORK/out" 2>&1; then
    PASSED=$((PASSED + 1)); echo "ok   $what"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $what"; sed 's/^/     /' "$WORK/out"
  fi
}

list_slots() { p11 --list-slots | grep -q "Slot 0"; }
ok "--list-slots shows slot 0 through the daemon" list_slots
over_unix_socket() { CRATON_HSM_REMOTE_CONFIG="$REMOTE_TEST_DIR/unix.toml" list_slots; }
ok "--list-slots over the daemon's Unix socket" over_unix_socket
ok "--init-token" p11 --init-token --slot-index 0 --label remote --so-pin 12345678
ok "--init-pin" p11 --slot-index 0 --login --login-type so --so-pin 12345678 --init-pin --pin userpin1
U=(--slot-index 0 --login --pin userpin1)
ok "--keypairgen EC P-256" p11 "${U[@]}" --keypairgen --key-type EC:prime256v1 --id 01 --label ec
head -c 1000 /dev/urandom > "$WORK/msg.bin"
ecdsa() {
  p11 "${U[@]}" --sign --id 01 -m ECDSA-SHA256 --signature-format openssl -i "$WORK/msg.bin" -o "$WORK/sig.bin"
  p11 "${U[@]}" --read-object --type pubkey --id 01 -o "$WORK/ec.der"
  openssl pkey -pubin -inform DER -in "$WORK/ec.der" -out "$WORK/ec.pem"
  openssl dgst -sha256 -verify "$WORK/ec.pem" -signature "$WORK/sig.bin" "$WORK/msg.bin"
}
ok "ECDSA-SHA256 signature verified by openssl" ecdsa
tampered() {
  printf 'x' >> "$WORK/msg.bin"
  ! openssl dgst -sha256 -verify "$WORK/ec.pem" -signature "$WORK/sig.bin" "$WORK/msg.bin"
}
ok "the same signature fails on other data" tampered
# A client killed in the middle of a long call must not take the daemon with it.
# pkcs11-tool is started directly (not through p11, a function, whose `&` would make $! a
# subshell and leave pkcs11-tool running). The killed client was logged in, and login state is
# the token's: the next client's C_Login works only once the daemon has closed the dead one's
# session, which it does when the connection drops (logged as connection_closed with
# sessions_closed=1; the module may finish the key generation first).
killed_client() {
  local offset
  offset=$(wc -c < "$DAEMON_LOG")
  pkcs11-tool --module "$MODULE" "${U[@]}" --keypairgen --key-type rsa:4096 --id 09 \
    --label doomed > /dev/null 2>&1 &
  local pid=$!
  sleep 0.2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do
    tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q 'event=connection_closed .* sessions_closed=1' && break
    sleep 0.1
  done
  tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q 'event=connection_closed .* sessions_closed=1'
  p11 --list-slots | grep -q "Slot 0"
  p11 "${U[@]}" --sign --id 01 -m ECDSA-SHA256 -i "$WORK/msg.bin" -o "$WORK/sig2.bin"
}
ok "after a client is killed mid-call the daemon serves the next one" killed_client
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
