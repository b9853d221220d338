#!/usr/bin/env bash
# `make run` (scripts/run-daemon) end to end, in a temporary directory and on a free port:
#
#   first run   the in-process demo completes; the development CA, server and client
#               certificates are made (keys mode 0600); the printed instructions work as
#               printed: pkcs11-tool through the remote module lists the slots, initialises the
#               token and PIN, generates an EC P-256 key pair and signs (openssl verifies);
#               SIGTERM to the script stops the daemon, which exits 0.
#   second run  the PKI is reused, not remade (same CA fingerprint, no "making" line), the token
#               initialised before is still there (persistent storage), and a Ctrl-C (SIGINT to
#               the whole process group, as a terminal sends it) stops it cleanly too.
#
#   make_run.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SRC=${1:?usage: $0 source_dir build_dir}
BUILD=${2:?usage: $0 source_dir build_dir}
WORK=$(mktemp -d /tmp/craton-make-run-XXXXXX)
RUN_PID=""
cleanup() {
  if [ -n "$RUN_PID" ]; then kill -KILL -- "-$RUN_PID" 2> /dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL $*"; echo "--- run-daemon output"; cat "$WORK/out" 2> /dev/null || true; exit 1; }

# Job control on: each background job gets its own process group, as in a terminal, and bash
# does not start it with SIGINT ignored (it does without job control, and a script cannot trap
# a signal ignored on entry), so the Ctrl-C below reaches run-daemon as it would in a terminal.
set -m
start() {  # output file: starts run-daemon as a job (its own process group)
  CRATON_RUN_DIR="$WORK/var" CRATON_RUN_PORT=0 \
    bash "$SRC/scripts/run-daemon" "$BUILD" > "$1" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 1 300); do  # bounded wait (30 s) for the instructions, not a timing assertion
    grep -q '^Ctrl-C stops the daemon' "$1" && return 0
    kill -0 "$RUN_PID" 2> /dev/null || fail "run-daemon exited early"
    sleep 0.1
  done
  fail "run-daemon printed no instructions"
}
stop() {  # signal target: expects run-daemon and the daemon to exit 0
  kill "-$1" -- "$2"
  local status=0
  wait "$RUN_PID" || status=$?
  RUN_PID=""
  [ "$status" -eq 0 ] || fail "run-daemon exited with $status after SIG$1"
  grep -q 'event=stopped' "$WORK/out" || fail "the daemon did not log a clean stop"
  grep -q 'daemon exited with status 0' "$WORK/out" || fail "the daemon's exit status was not 0"
}

# --- first run ----------------------------------------------------------------------------------
start "$WORK/out"
grep -q 'demo completed' "$WORK/out" || fail "the in-process demo did not complete"
grep -q 'making a development CA' "$WORK/out" || fail "no CA made on the first run"
grep -q 'DEVELOPMENT CA - NOT FOR PRODUCTION' "$WORK/out" || fail "no development banner"
for key in ca client server; do
  [ "$(stat -c %a "$WORK/var/dev-pki/$key.key")" = 600 ] || fail "$key.key is not mode 0600"
done
# The printed instructions, used as printed.
config=$(sed -n 's/^  export CRATON_HSM_REMOTE_CONFIG=//p' "$WORK/out")
module=$(sed -n 's/^  pkcs11-tool --module \(.*\) --list-slots$/\1/p' "$WORK/out")
[ -n "$config" ] && [ -n "$module" ] || fail "could not read the printed instructions"
[ "$config" = "$WORK/var/remote.toml" ] || fail "printed config $config is not under the run directory"
p11() { CRATON_HSM_REMOTE_CONFIG=$config pkcs11-tool --module "$module" "$@"; }
p11 --list-slots > "$WORK/slots" 2>&1 || fail "pkcs11-tool --list-slots: $(cat "$WORK/slots")"
grep -q 'Slot 0' "$WORK/slots" || fail "no slot 0 listed"
p11 --init-token --slot-index 0 --label made-by-run --so-pin 12345678 > /dev/null 2>&1 ||
  fail "--init-token"
p11 --slot-index 0 --login --login-type so --so-pin 12345678 --init-pin --pin userpin1 \
  > /dev/null 2>&1 || fail "--init-pin"
p11 --slot-index 0 --login --pin userpin1 --keypairgen --key-type EC:prime256v1 --id 01 \
  --label run-key > /dev/null 2>&1 || fail "--keypairgen"
printf 'make run test message' > "$WORK/msg"
p11 --slot-index 0 --login --pin userpin1 --sign --id 01 -m ECDSA-SHA256 --signature-format openssl \
  -i "$WORK/msg" -o "$WORK/sig" > /dev/null 2>&1 || fail "--sign"
p11 --slot-index 0 --read-object --type pubkey --id 01 -o "$WORK/pub.der" > /dev/null 2>&1 ||
  fail "--read-object"
openssl pkey -pubin -inform DER -in "$WORK/pub.der" -out "$WORK/pub.pem"
openssl dgst -sha256 -verify "$WORK/pub.pem" -signature "$WORK/sig" "$WORK/msg" > /dev/null ||
  fail "the signature made through make run's daemon does not verify"
echo "ok   first run: demo, new PKI, pkcs11-tool list/init/keypairgen/sign through the daemon"
ca_fp=$(openssl x509 -in "$WORK/var/dev-pki/ca.crt" -outform DER | sha256sum | cut -d' ' -f1)
grep -q "CA fingerprint (SHA-256): $ca_fp" "$WORK/out" || fail "printed CA fingerprint differs"
stop TERM "$RUN_PID"
echo "ok   SIGTERM: daemon stopped, exit status 0"

# --- second run: same directory -----------------------------------------------------------------
cp "$WORK/out" "$WORK/out.first"
start "$WORK/out"
if grep -q 'making a development CA' "$WORK/out"; then fail "the CA was made again"; fi
grep -q "CA fingerprint (SHA-256): $ca_fp" "$WORK/out" || fail "the CA changed between runs"
p11 --list-slots > "$WORK/slots" 2>&1 || fail "pkcs11-tool --list-slots (second run)"
grep -q 'made-by-run' "$WORK/slots" || fail "the token initialised in the first run is gone"
echo "ok   second run: same CA ($ca_fp), token kept"
stop INT "-$RUN_PID"  # the process group, as Ctrl-C in a terminal
echo "ok   Ctrl-C: daemon stopped, exit status 0"
# PINs must not reach the output.
if grep -E -q '12345678|userpin1' "$WORK/out.first" "$WORK/out"; then fail "a PIN appeared in the output"; fi
