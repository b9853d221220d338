#!/bin/sh
# Without docker, checks what the daemon image's runtime stage will contain: builds its root
# file system with deploy/docker/assemble-rootfs.sh (the script the Dockerfile runs) from this
# build tree, checks it has no shell, and runs it in a chroot as the image's user 10001:
# `craton-hsm-admin self-test` (integrity + KATs) must pass, and the daemon must start, listen
# with mutual TLS configured and stop cleanly on SIGTERM. A missing shared library, a lost
# sidecar or a root-owned state directory fails here.
# chroot needs root; without it the test exits 77 (ctest: skipped) and says so.
# Usage: docker_rootfs.sh ASSEMBLE_SCRIPT BUILD_DIR
set -eu
ASSEMBLE=$1
BUILD=$2
if [ "$(id -u)" -ne 0 ]; then
    echo "NOT RUN: chroot needs root; the runtime image was NOT checked" >&2
    exit 77
fi
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
R=$WORK/rootfs
sh "$ASSEMBLE" "$BUILD" "$R"

for sh in sh bash dash busybox; do
    if find "$R" -name "$sh" | grep -q .; then echo "FAIL: the runtime image contains a shell ($sh)"; exit 1; fi
done
grep -q '^craton-hsm:x:10001:10001:' "$R/etc/passwd" || { echo "FAIL: no service user 10001"; exit 1; }
[ "$(stat -c %u:%a "$R/var/lib/craton-hsm")" = "10001:700" ] || { echo "FAIL: token directory not 10001, 0700"; exit 1; }

run() { chroot --userspec=10001:10001 "$R" "$@"; }
run /usr/bin/craton-hsm-admin self-test --module /usr/lib/craton-hsm/libcraton_hsm.so > "$WORK/selftest.log" 2>&1 || {
    cat "$WORK/selftest.log"; echo "FAIL: self-test in the runtime root"; exit 1; }
grep -q '^passed: .* + integrity' "$WORK/selftest.log" || { cat "$WORK/selftest.log"; echo "FAIL: no passing integrity self-test"; exit 1; }

# Throwaway TLS material (EC P-256), readable by the service user inside the root.
C=$R/etc/craton-hsm
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=ca \
    -keyout "$WORK/ca.key" -out "$C/ca.crt" -addext basicConstraints=critical,CA:TRUE 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
    -keyout "$C/server.key" -out "$WORK/server.csr" 2> /dev/null
openssl x509 -req -in "$WORK/server.csr" -CA "$C/ca.crt" -CAkey "$WORK/ca.key" -CAcreateserial \
    -days 1 -out "$C/server.crt" 2> /dev/null
chmod 0644 "$C"/*
cat > "$C/craton_hsm.toml" <<CONF
[storage]
mode = "persistent"
path = "/var/lib/craton-hsm/tokens"
[daemon]
listen_addr = "127.0.0.1:0"
server_cert = "/etc/craton-hsm/server.crt"
server_key = "/etc/craton-hsm/server.key"
client_ca = "/etc/craton-hsm/ca.crt"
CONF
chroot --userspec=10001:10001 "$R" /usr/bin/craton-hsm-daemon --config /etc/craton-hsm/craton_hsm.toml \
    --module /usr/lib/craton-hsm/libcraton_hsm.so --ready-file /var/lib/craton-hsm/ready 2> "$WORK/daemon.log" &
PID=$!
# Bounded wait for the daemon to report its port (or die); not a timing assertion.
for _ in $(seq 1 300); do
    [ -s "$R/var/lib/craton-hsm/ready" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
done
[ -s "$R/var/lib/craton-hsm/ready" ] || { cat "$WORK/daemon.log"; echo "FAIL: the daemon did not start in the runtime root"; exit 1; }
kill -TERM "$PID"
wait "$PID" && rc=0 || rc=$?
PID=""
[ "$rc" -eq 0 ] || { cat "$WORK/daemon.log"; echo "FAIL: daemon exit status $rc after SIGTERM"; exit 1; }
echo "PASS: runtime root ($(du -sh "$R" | cut -f1)) runs the self-test and the daemon as 10001, no shell"
