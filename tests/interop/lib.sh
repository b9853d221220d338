# Shared set-up for interop scripts: a throw-away persistent token directory and config, and
# small assertion helpers. Sourced, not run.
set -euo pipefail
MODULE=${1:?usage: $0 path/to/libcraton_hsm.so}
WORK=$(mktemp -d /tmp/craton-interop-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/craton_hsm.toml" <<CONF
[security]
pbkdf2_iterations = 1000
login_backoff_base_ms = 1
login_backoff_max_ms = 4
[storage]
mode = "persistent"
path = "$WORK/tokens"
CONF
export CRATON_HSM_CONFIG="$WORK/craton_hsm.toml"
SO_PIN=12345678
USER_PIN=1234
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

expect_output() {  # expect_output "description" "regex" command...
  local what=$1 pattern=$2; shift 2
  "$@" > "$WORK/out" 2>&1 || true
  if grep -Eq -- "$pattern" "$WORK/out"; then
    PASSED=$((PASSED + 1)); echo "ok   $what"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $what (wanted /$pattern/)"; sed 's/^/     /' "$WORK/out"
  fi
}

expect_no_output() {  # expect_no_output "description" "regex" command...
  # Passes when the command runs (exit 0) and no line of its output matches the regex.
  local what=$1 pattern=$2; shift 2
  local rc=0
  "$@" > "$WORK/out" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ] && ! grep -Eq -- "$pattern" "$WORK/out"; then
    PASSED=$((PASSED + 1)); echo "ok   $what"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $what (exit $rc, or /$pattern/ found)"; sed 's/^/     /' "$WORK/out"
  fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
