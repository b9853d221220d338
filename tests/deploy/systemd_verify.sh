#!/bin/sh
# deploy/systemd/craton-hsm-daemon.service: systemd-analyze verify must accept it without a
# single warning, the offline security review must stay at or under the exposure level recorded
# in docs/operations.md, and the sandboxing directives the deployment relies on must be there.
# Works without a running systemd (verify and --offline read only the file).
# Usage: systemd_verify.sh UNIT DAEMON_BINARY
set -eu
UNIT=$1
DAEMON=$2
# The exposure level docs/operations.md promises (systemd 252 scale, 0 best .. 10 worst);
# --threshold takes it in tenths.
MAX_EXPOSURE=2.0
THRESHOLD=20

command -v systemd-analyze >/dev/null || { echo "FAIL: systemd-analyze missing (scripts/install-deps installs systemd)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# verify insists ExecStart= names an existing executable: point it at the built daemon.
NAME=$(basename "$UNIT")
grep -q '^ExecStart=/usr/bin/craton-hsm-daemon ' "$UNIT" || { echo "FAIL: ExecStart is not /usr/bin/craton-hsm-daemon"; exit 1; }
sed "s#^ExecStart=/usr/bin/craton-hsm-daemon #ExecStart=$DAEMON #" "$UNIT" > "$WORK/$NAME"

# verify exits 0 on unknown keys and unparsable values (it only warns), so any output fails.
check_verify() {
    out=$(cd "$WORK" && SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$1" 2>&1) && rc=0 || rc=$?
    if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
        printf '%s\n' "$out"
        return 1
    fi
}
check_verify "$WORK/$NAME" || { echo "FAIL: systemd-analyze verify complained about $NAME"; exit 1; }

# Negative control: the same check must notice a misspelt directive and a bad value.
sed -e 's/^NoNewPrivileges=yes/NoNewPrivilege=yes/' -e 's/^ProtectSystem=strict/ProtectSystem=stricter/' \
    "$WORK/$NAME" > "$WORK/broken.service"
if check_verify "$WORK/broken.service" > /dev/null; then
    echo "FAIL: the verify check accepted a unit with a misspelt directive"; exit 1
fi

# Directives the sandbox depends on, with the values the operations guide documents.
for d in 'Type=notify' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' \
         'PrivateTmp=yes' 'PrivateDevices=yes' 'MemoryDenyWriteExecute=yes' 'LockPersonality=yes' \
         'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' 'CapabilityBoundingSet=' \
         'LimitCORE=0' 'ReadWritePaths=/var/lib/craton-hsm /var/log/craton-hsm' \
         'SystemCallFilter=@system-service' 'UMask=0077' 'User=craton-hsm' \
         'ExecReload=/bin/kill -HUP $MAINPID'; do
    grep -qx "$d" "$UNIT" || { echo "FAIL: $NAME lacks '$d'"; exit 1; }
done

# Security review, offline (systemd >= 252). --threshold makes it exit non-zero above the limit.
review=$(cd "$WORK" && systemd-analyze security --offline=true --threshold=$THRESHOLD \
         "$WORK/$NAME" 2>&1) && rc=0 || rc=$?
level=$(printf '%s\n' "$review" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "exposure level: ${level:-unknown} (limit $MAX_EXPOSURE)"
[ -n "$level" ] || { printf '%s\n' "$review"; echo "FAIL: no exposure level in the review"; exit 1; }
[ "$rc" -eq 0 ] || { printf '%s\n' "$review" | grep '✗' || true; echo "FAIL: exposure $level above $MAX_EXPOSURE"; exit 1; }
echo "PASS: $NAME verified, exposure $level"
