#!/usr/bin/env bash
# A remote module that outlives a daemon restart is watched again afterwards (run by
# with_daemon.sh, which only lends its certificates here: this script runs its own daemons).
#
# A client connects to daemon 1 and waits. Daemon 1 is stopped and daemon 2 started on the same
# port. The client, on the same C_Initialize, opens a session on daemon 2 and is killed with
# SIGKILL: daemon 2 must log connection_closed with sessions_closed=1 within 5 s. That needs the
# remote module to have opened a new Attach call on the new connection; without it daemon 2
# would only close the session after its idle timeout (900 s here).
set -euo pipefail
DAEMON=${1:?usage: $0 craton-hsm-daemon remote_client_probe}
PROBE=${2:?usage: $0 craton-hsm-daemon remote_client_probe}
WORK=$(mktemp -d /tmp/craton-reattach-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2> /dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
D=$REMOTE_TEST_DIR
FP_A=$(openssl x509 -in "$D/a.crt" -outform DER | sha256sum | cut -d' ' -f1)
wait_for() {  # file pattern: bounded wait (30 s), not a timing assertion
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2> /dev/null && return 0; sleep 0.1; done
  return 1
}
start_daemon() {  # name listen_addr
  grep -v '^unix_socket' "$D/daemon.toml" | sed "s|^listen_addr = .*|listen_addr = \"$2\"|" \
    > "$WORK/$1.toml"
  "$DAEMON" --config "$WORK/$1.toml" --ready-file "$WORK/$1.ready" 2> "$WORK/$1.log" &
  PIDS+=($!)
  wait_for "$WORK/$1.ready" ':' || { echo "FAIL $1 did not start"; cat "$WORK/$1.log"; exit 1; }
}

start_daemon d1 127.0.0.1:0
port=$(sed 's/.*://' "$WORK/d1.ready")
d1_pid=${PIDS[-1]}
sed "s|^address = .*|address = \"localhost:$port\"|" "$D/a.toml" > "$WORK/a.toml"
CRATON_HSM_REMOTE_CONFIG=$WORK/a.toml "$PROBE" reconnect "$WORK/go" > "$WORK/probe.out" &
probe=$!
PIDS+=("$probe")
wait_for "$WORK/probe.out" '^connected' || { echo "FAIL client did not connect"; cat "$WORK/probe.out"; exit 1; }

kill -TERM "$d1_pid"
status=0
wait "$d1_pid" || status=$?
[ "$status" -eq 0 ] || { echo "FAIL daemon 1 exited with $status"; cat "$WORK/d1.log"; exit 1; }
start_daemon d2 "127.0.0.1:$port"
echo "ok   daemon restarted on port $port"

touch "$WORK/go"
wait_for "$WORK/probe.out" '^session' || { echo "FAIL no session on daemon 2"; cat "$WORK/probe.out"; exit 1; }
# The session call and the new Attach run on the same reconnected channel but are not ordered:
# give the Attach call a moment to reach daemon 2 (the module retries it at most once a second).
sleep 1.5
kill -KILL "$probe"
wait "$probe" 2> /dev/null || true
closed="event=connection_closed client=$FP_A sessions_closed=1"
for _ in $(seq 1 50); do grep -q "$closed" "$WORK/d2.log" && break; sleep 0.1; done
grep -q "$closed" "$WORK/d2.log" || {
  echo "FAIL daemon 2 did not close the killed client's session within 5 s"; cat "$WORK/d2.log"; exit 1; }
echo "ok   after the restart the killed client's session was closed on disconnect"
kill -TERM "${PIDS[-1]}"
wait "${PIDS[-1]}" || { echo "FAIL daemon 2 did not stop cleanly"; exit 1; }
