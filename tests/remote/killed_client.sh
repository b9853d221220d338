#!/usr/bin/env bash
# A client killed in the middle of an operation (run by with_daemon.sh, default
# idle_timeout_seconds of 900, so nothing here can be the idle timeout's doing).
#
# Process A (client certificate a) logs in, starts a digest and is killed with SIGKILL while
# feeding it; process B, with the SAME certificate, has its own session open meanwhile. The
# daemon must notice A's connection close and close A's session within a few seconds (it logs
# event=connection_closed with A's fingerprint and sessions_closed=1), and B's session must
# keep working afterwards: sessions belong to the certificate and the remote module's channel,
# not to the certificate alone.
set -euo pipefail
PROBE=${1:?usage: $0 remote_client_probe remote_module}
MODULE=${2:?usage: $0 remote_client_probe remote_module}
WORK=$(mktemp -d /tmp/craton-killed-XXXXXX)
HOLD_PID=""
KEEP_PID=""
cleanup() {
  for pid in $HOLD_PID $KEEP_PID; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
A="$REMOTE_TEST_DIR/a.toml"
FP_A=$(openssl x509 -in "$REMOTE_TEST_DIR/a.crt" -outform DER | sha256sum | cut -d' ' -f1)
wait_for() {  # file pattern: bounded wait (30 s) for a line, not a timing assertion
  for _ in $(seq 1 300); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  return 1
}

p11() { CRATON_HSM_REMOTE_CONFIG=$A pkcs11-tool --module "$MODULE" "$@" > /dev/null; }
p11 --init-token --slot-index 0 --label killed --so-pin 12345678
p11 --slot-index 0 --login --login-type so --so-pin 12345678 --init-pin --pin userpin1

# B first, so its session exists before A dies.
CRATON_HSM_REMOTE_CONFIG=$A "$PROBE" session-wait "$WORK/go" > "$WORK/keep.out" &
KEEP_PID=$!
wait_for "$WORK/keep.out" '^session' || { echo "FAIL process B opened no session"; cat "$WORK/keep.out"; exit 1; }

CRATON_HSM_REMOTE_CONFIG=$A "$PROBE" hold userpin1 > "$WORK/hold.out" &
HOLD_PID=$!
wait_for "$WORK/hold.out" '^busy' || { echo "FAIL process A never got busy"; cat "$WORK/hold.out"; exit 1; }
grep -q '^login 0$' "$WORK/hold.out" || { echo "FAIL process A did not log in"; cat "$WORK/hold.out"; exit 1; }

offset=$(wc -c < "$DAEMON_LOG")
start=$(date +%s%N)
kill -KILL "$HOLD_PID"
wait "$HOLD_PID" 2>/dev/null || true
HOLD_PID=""
echo "process A killed mid-digest"

closed="event=connection_closed client=$FP_A sessions_closed=1"
for _ in $(seq 1 50); do  # 5 s: the bound the daemon must meet
  tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q "$closed" && break
  sleep 0.1
done
tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q "$closed" \
  || { echo "FAIL the daemon did not close A's session within 5 s of the kill"; exit 1; }
echo "ok   A's session closed $(( ($(date +%s%N) - start) / 1000000 )) ms after the kill"
if tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q 'event=idle_sessions_closed'; then
  echo "FAIL sessions were closed by the idle timeout, not by the disconnect"; exit 1
fi

touch "$WORK/go"
keep_status=0
wait "$KEEP_PID" || keep_status=$?
KEEP_PID=""
if [ "$keep_status" -ne 0 ] || ! grep -q '^after 0$' "$WORK/keep.out"; then
  echo "FAIL process B (same certificate) lost its session"; cat "$WORK/keep.out"; exit 1
fi
echo "ok   process B's session, same certificate, still works"
