#!/usr/bin/env bash
# A client killed in the middle of an operation (run by with_daemon.sh, idle_timeout_seconds = 2):
# client b opens a session, starts a digest and is killed with SIGKILL while feeding it. The
# daemon keeps serving client a; b's session outlives the dropped connection (gRPC 1.51 gives
# a unary-only service no disconnect signal) and is closed by the idle timeout.
set -euo pipefail
PROBE=${1:?usage: $0 remote_client_probe}
WORK=$(mktemp -d /tmp/craton-killed-XXXXXX)
HOLD_PID=""
trap 'if [ -n "$HOLD_PID" ]; then kill -KILL "$HOLD_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
B="$REMOTE_TEST_DIR/b.toml"

CRATON_HSM_REMOTE_CONFIG=$B "$PROBE" hold > "$WORK/hold.out" &
HOLD_PID=$!
for _ in $(seq 1 600); do grep -q '^busy' "$WORK/hold.out" && break; sleep 0.1; done
grep -q '^busy' "$WORK/hold.out" || { echo "FAIL client b never got busy"; cat "$WORK/hold.out"; exit 1; }
kill -KILL "$HOLD_PID"
wait "$HOLD_PID" 2>/dev/null || true
HOLD_PID=""
handle=$(sed -n 's/^session //p' "$WORK/hold.out")
echo "client b killed mid-digest; its session $handle"

offset=$(wc -c < "$DAEMON_LOG")
# Control: right after the kill the session still exists (nothing closes it on disconnect), so
# the INVALID answer at the end can only come from the idle timeout.
out=$(CRATON_HSM_REMOTE_CONFIG=$B "$PROBE" check "$handle")
[ "$out" = "session_info 0" ] || { echo "FAIL session of b right after the kill: $out"; exit 1; }

# Others are served: client a, a full call sequence, then C_Finalize (which closes a's
# sessions, so the idle closing below can only be b's).
"$PROBE" wait-file /dev/null > "$WORK/a.out" || { echo "FAIL client a not served"; cat "$WORK/a.out"; exit 1; }
echo "ok   client a served after b was killed"

for _ in $(seq 1 600); do
  tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q 'event=idle_sessions_closed' && break
  sleep 0.1
done
tail -c +"$((offset + 1))" "$DAEMON_LOG" | grep -q 'event=idle_sessions_closed' \
  || { echo "FAIL the daemon never closed b's idle session"; exit 1; }
out=$(CRATON_HSM_REMOTE_CONFIG=$B "$PROBE" check "$handle")
# 179 = CKR_SESSION_HANDLE_INVALID (0xB3)
[ "$out" = "session_info 179" ] || { echo "FAIL session of b after the idle timeout: $out"; exit 1; }
echo "ok   b's session closed by the idle timeout"
