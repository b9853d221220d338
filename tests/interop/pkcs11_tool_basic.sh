#!/usr/bin/env bash
# OpenSC pkcs11-tool and p11-kit against the built module: token life cycle, PINs, data
# objects, digests, and the lockout after repeated wrong PINs. Each pkcs11-tool call is a new
# process, so this also proves the persistent store carries state between processes.
source "$(dirname "$0")/lib.sh"

expect_output "show-info reports our module" "Craton HSM" p11 --show-info
expect_output "list-slots shows an uninitialised token" "uninitialized" p11 --list-slots
ok "init-token" p11 --init-token --label interop --so-pin $SO_PIN
ok "init-pin (SO login)" p11 --init-pin --login --login-type so --so-pin $SO_PIN --new-pin $USER_PIN
expect_output "token is initialised with a user PIN" "PIN initialized" p11 --list-token-slots
ok "login as user" p11 --login --pin $USER_PIN --list-objects
expect_output "wrong PIN is CKR_PIN_INCORRECT" "CKR_PIN_INCORRECT" p11 --login --pin 9999 --list-objects
ok "change-pin" p11 --login --pin $USER_PIN --change-pin --new-pin 4321
USER_PIN=4321
ok "login with the new PIN" p11 --login --pin $USER_PIN --list-objects

printf 'interop payload %s\n' "$(date +%s%N)" > "$WORK/data.bin"
ok "write a private data object" p11 --login --pin $USER_PIN --write-object "$WORK/data.bin" \
   --type data --label interop-data --private
expect_output "list shows the data object" "interop-data" p11 --login --pin $USER_PIN --list-objects --type data
expect_no_output "private object invisible without login" "interop-data" p11 --list-objects --type data
p11 --login --pin $USER_PIN --read-object --type data --label interop-data -o "$WORK/read.bin" > /dev/null 2>&1 || true
ok "read back the same bytes" cmp "$WORK/data.bin" "$WORK/read.bin"
ok "delete the data object" p11 --login --pin $USER_PIN --delete-object --type data --label interop-data
expect_no_output "object is gone" "interop-data" p11 --login --pin $USER_PIN --list-objects --type data

head -c 100000 /dev/urandom > "$WORK/msg.bin"
p11 --hash -m SHA256 -i "$WORK/msg.bin" -o "$WORK/digest.bin" > /dev/null 2>&1 || true
ok "pkcs11-tool --hash matches sha256sum" \
   test "$(xxd -p -c 64 "$WORK/digest.bin" 2>/dev/null)" = "$(sha256sum "$WORK/msg.bin" | cut -d' ' -f1)"

# p11-kit: its server loads the module (through p11-kit-remote) and p11-kit's client module
# exposes the token to pkcs11-tool, which must see the token initialised above.
CLIENT=$(find /usr/lib -name p11-kit-client.so 2>/dev/null | head -n1)
p11-kit server -f -n "$WORK/p11kit.sock" --provider "$MODULE" "pkcs11:" > "$WORK/p11kit.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do [ -S "$WORK/p11kit.sock" ] && break; sleep 0.1; done
expect_output "p11-kit serves the module and its token" "interop" \
   env P11_KIT_SERVER_ADDRESS="unix:path=$WORK/p11kit.sock" pkcs11-tool --module "$CLIENT" --list-token-slots
kill $SERVER 2>/dev/null || true
wait $SERVER 2>/dev/null || true

# Ten wrong PINs are each CKR_PIN_INCORRECT and lock the user; an eleventh wrong PIN, and then
# even the right one, reports CKR_PIN_LOCKED.
incorrect=0
for i in $(seq 1 10); do
  out=$(p11 --login --pin 0000 --list-objects 2>&1 || true)
  if grep -q CKR_PIN_INCORRECT <<< "$out"; then
    incorrect=$((incorrect + 1))
  fi
done
ok "ten wrong PINs are each CKR_PIN_INCORRECT" test "$incorrect" -eq 10
expect_output "eleventh wrong PIN is CKR_PIN_LOCKED" "CKR_PIN_LOCKED" p11 --login --pin 0000 --list-objects
expect_output "then the right PIN is CKR_PIN_LOCKED too" "CKR_PIN_LOCKED" p11 --login --pin $USER_PIN --list-objects
expect_output "token flags show the lock" "user PIN locked" p11 --list-token-slots
ok "SO unlocks the user with C_InitPIN" p11 --init-pin --login --login-type so --so-pin $SO_PIN --new-pin 2468
ok "user logs in again" p11 --login --pin 2468 --list-objects
finish
