#!/usr/bin/env bash
# [daemon.client_slots] (run by with_daemon.sh with two token slots and client b limited to
# slot 1): client b's slot list holds slot 1 only, client a (not listed) sees every slot.
# pkcs11-tool prints slot ids as "(0x<id>)".
set -euo pipefail
MODULE=${1:?usage: $0 path/to/libcraton_hsm_remote.so}
status=0
as_client() { CRATON_HSM_REMOTE_CONFIG="$REMOTE_TEST_DIR/$1.toml" pkcs11-tool --module "$MODULE" "${@:2}"; }

a_slots=$(as_client a --list-slots 2>&1 || true)
b_slots=$(as_client b --list-slots 2>&1 || true)
if grep -q "(0x0)" <<<"$a_slots" && grep -q "(0x1)" <<<"$a_slots"; then
  echo "ok   client a sees slots 0 and 1"
else
  echo "FAIL client a should see slots 0 and 1:"; echo "$a_slots"; status=1
fi
if grep -q "(0x1)" <<<"$b_slots" && ! grep -q "(0x0)" <<<"$b_slots"; then
  echo "ok   client b sees slot 1 only"
else
  echo "FAIL client b should see slot 1 only:"; echo "$b_slots"; status=1
fi
exit "$status"
