#!/bin/sh
# craton-hsm-admin token, pin, objects and keys commands end to end on a persistent store:
# token init, key generation, listing (JSON), show by pkcs11: URI, delete by label (refused
# while ambiguous), user PIN change (new PIN works, old refused), lockout by wrong PINs and
# `pin unlock`, backup, restore and audit verify drawing no progress bar into redirected output
# (but one with --progress, and one on a terminal made by script(1)), re-init refused without
# --force, token delete refused with a wrong SO PIN (token untouched) and done with the right
# one. Wrong PINs must give exit status 1.
# With test hooks compiled in, a failed power-on KAT must stop every token command (exit 2)
# before it touches the token.
# Usage: admin_cli.sh <craton-hsm-admin> [test-hooks: 1|0]
admin="${1:?craton-hsm-admin}"
hooks="${2:-0}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Low PBKDF2 cost (test-hook builds allow 1000), no backoff, lockout after 3 failures.
cat > "$tmp/craton_hsm.toml" <<TOML
[security]
pbkdf2_iterations = 1000
login_backoff_base_ms = 0
max_failed_logins = 3
[storage]
mode = "persistent"
path = "$tmp/tokens"
[audit]
path = "$tmp/audit.log"
TOML
export CRATON_HSM_CONFIG="$tmp/craton_hsm.toml"
export T_SO=so-secret-1 T_USER=user-secret-1 T_USER2=user-secret-2 T_BAD=not-the-pin
printf 'user-secret-3\n' > "$tmp/user3.pin"

# run EXPECTED_STATUS description command...: output in $tmp/out, stderr in $tmp/err.
run() {
    want=$1; what=$2; shift 2
    "$admin" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { cat "$tmp/out" "$tmp/err"; fail "$what: exit $got, expected $want"; }
    echo "ok: $what (exit $got)"
}
no_secret_in_output() {
    for s in "$T_SO" "$T_USER" "$T_USER2" "$T_BAD" user-secret-3; do
        if grep -q -- "$s" "$tmp/out" "$tmp/err"; then fail "a PIN appeared in the output"; fi
    done
}

if [ "$hooks" = 1 ]; then
    CRATON_SELFTEST_CORRUPT=sha-256 run 2 "a failed KAT stops token init" \
        token init --slot 0 --label "ops token" --pin-env T_SO
    grep -q 'self-test' "$tmp/err" || fail "no self-test message"
fi
run 0 "token init" token init --slot 0 --label "ops token" --pin-env T_SO --user-pin-env T_USER
run 0 "token list shows it" token list --json
grep -q '"label": "ops token"' "$tmp/out" || fail "token list lacks the label"

run 0 "generate ec-p256" keys generate --slot 0 --type ec-p256 --label sig --id 01a2 --pin-env T_USER
run 0 "generate aes-256" keys generate --slot 0 --type aes-256 --label wrap --pin-env T_USER
run 1 "unknown key type refused" keys generate --slot 0 --type des3 --label x --pin-env T_USER
run 1 "generate with a wrong PIN refused" keys generate --slot 0 --type aes-128 --label y --pin-env T_BAD
no_secret_in_output

run 0 "objects list --json as user" objects list --slot 0 --json --pin-env T_USER
[ "$(grep -c '"label": "sig"' "$tmp/out")" = 2 ] || fail "list: expected public and private 'sig'"
[ "$(grep -c '"label": "wrap"' "$tmp/out")" = 1 ] || fail "list: expected one 'wrap'"
grep -q '"size": "P-256"' "$tmp/out" || fail "list: no P-256 size"
grep -q '"size": "256 bits"' "$tmp/out" || fail "list: no AES size"
grep -q '"uri": "pkcs11:token=ops%20token;object=sig;type=private;id=%01%A2"' "$tmp/out" ||
    fail "list: private key URI missing"
run 0 "objects list without login" objects list --slot 0 --json
[ "$(grep -c '"label":' "$tmp/out")" = 1 ] || fail "without login only the public key is visible"

uri='pkcs11:token=ops%20token;object=sig;type=private;id=%01%A2'
run 0 "objects show by URI" objects show "$uri" --pin-env T_USER
grep -q 'class: private-key' "$tmp/out" || fail "show: class"
grep -q 'sensitive: true' "$tmp/out" || fail "show: sensitive"
grep -q 'sign: true' "$tmp/out" || fail "show: sign flag"
run 0 "objects show secret key, no value printed" objects show --slot 0 --label wrap --json --pin-env T_USER
grep -q '"value"' "$tmp/out" && fail "show printed a secret key value"
run 1 "show with an ill-formed URI" objects show 'pkcs11:object=sig;colour=red' --slot 0
run 1 "show with a pin-value URI" objects show 'pkcs11:object=sig?pin-value=1234' --slot 0
run 1 "show of a missing object" objects show --slot 0 --label nothing --pin-env T_USER

run 1 "ambiguous delete refused" objects delete --slot 0 --label sig --pin-env T_USER
run 0 "list still has 3" objects list --slot 0 --json --pin-env T_USER
[ "$(grep -c '"label":' "$tmp/out")" = 3 ] || fail "refused delete removed something"
run 0 "delete by label --all" objects delete --slot 0 --label sig --all --pin-env T_USER
if [ "$hooks" = 1 ]; then
    CRATON_SELFTEST_CORRUPT=ml-dsa-sign run 2 "a failed KAT stops objects delete" \
        objects delete --slot 0 --label wrap --pin-env T_USER
fi
run 0 "list after delete" objects list --slot 0 --json --pin-env T_USER
[ "$(grep -c '"label":' "$tmp/out")" = 1 ] || fail "list after delete: expected one object"
grep -q '"label": "wrap"' "$tmp/out" || fail "the AES key went too"

run 0 "pin set (user)" pin set --slot 0 --pin-env T_USER --new-pin-env T_USER2
run 0 "login with the new PIN" objects list --slot 0 --pin-env T_USER2
run 1 "old PIN refused" objects list --slot 0 --pin-env T_USER
run 1 "pin set with a wrong old PIN" pin set --slot 0 --pin-env T_BAD --new-pin-env T_USER
no_secret_in_output
# That was the second failure in a row (old PIN, then T_BAD); the third locks the user out.
run 1 "third wrong PIN" objects list --slot 0 --pin-env T_BAD
run 1 "right PIN refused while locked" objects list --slot 0 --pin-env T_USER2
grep -q 'locked' "$tmp/err" || fail "no lockout message"
run 0 "token list shows the failures" token list --json
grep -q '"user_failed_logins": 3' "$tmp/out" || fail "failure counter not 3"
run 1 "pin unlock with a wrong SO PIN" pin unlock --slot 0 --pin-env T_BAD --new-pin-file "$tmp/user3.pin"
run 0 "pin unlock" pin unlock --slot 0 --pin-env T_SO --new-pin-file "$tmp/user3.pin"
run 0 "login after unlock" objects list --slot 0 --pin-file "$tmp/user3.pin"
run 0 "token list after unlock" token list --json
grep -q '"user_failed_logins": 0' "$tmp/out" || fail "unlock did not clear the counter"

# Progress bars are for terminals: with the output redirected, as in run(), none of their '\r'
# redraws or "[###...] N%" cells may appear; --progress forces one, on stderr only.
cr=$(printf '\r')
no_progress_bar() {
    if grep -q "$cr" "$tmp/out" "$tmp/err" || grep -q '\[[#.]*\] [0-9]*%' "$tmp/out" "$tmp/err"; then
        fail "$1: progress bar in redirected output"
    fi
}
run 0 "backup" backup --slot 0 --output "$tmp/slot0.bak" --pin-env T_SO
no_progress_bar backup
run 0 "restore" restore --slot 0 --input "$tmp/slot0.bak" --pin-env T_SO
no_progress_bar restore
run 0 "audit verify" audit verify "$tmp/audit.log"
no_progress_bar "audit verify"
grep -q '^ok: ' "$tmp/out" || fail "audit verify: no verdict"
run 0 "backup --progress" backup --slot 0 --output "$tmp/slot0.bak" --pin-env T_SO --progress
grep -q "$cr" "$tmp/err" && grep -q '\[#*\] 100%' "$tmp/err" || fail "backup --progress drew no bar"
grep -q '%' "$tmp/out" && fail "backup --progress: the bar went to stdout"
run 0 "audit verify --progress" audit verify "$tmp/audit.log" --progress
grep -q '\[#*\] 100%' "$tmp/err" || fail "audit verify --progress drew no bar"
grep -q '^ok: ' "$tmp/out" || fail "audit verify --progress: no verdict"
# On a terminal (script(1) gives the command one) the bar is drawn without being asked for.
script -qc "$admin audit verify $tmp/audit.log" /dev/null > "$tmp/tty.out" 2>&1 ||
    fail "audit verify on a terminal failed"
grep -q '\[#*\] 100%' "$tmp/tty.out" || fail "audit verify on a terminal drew no bar"
grep -q '^ok: ' "$tmp/tty.out" || fail "audit verify on a terminal: no verdict"
echo "ok: audit verify on a terminal draws a bar"
run 0 "objects survive the restore" objects list --slot 0 --json --pin-file "$tmp/user3.pin"
grep -q '"label": "wrap"' "$tmp/out" || fail "restore lost the AES key"

run 1 "re-init without --force refused" token init --slot 0 --label other --pin-env T_SO
run 1 "re-init --force with a wrong SO PIN refused" token init --slot 0 --label other --force --pin-env T_BAD
run 0 "objects survive refused re-inits" objects list --slot 0 --json --pin-file "$tmp/user3.pin"
[ "$(grep -c '"label": "wrap"' "$tmp/out")" = 1 ] || fail "a refused re-init changed the token"

run 1 "token delete with a wrong SO PIN" token delete --slot 0 --pin-env T_BAD
no_secret_in_output
run 0 "token unchanged after refused delete" objects list --slot 0 --json --pin-file "$tmp/user3.pin"
grep -q '"label": "wrap"' "$tmp/out" || fail "refused delete changed the token"
run 0 "token delete" token delete --slot 0 --pin-env T_SO
run 0 "token list after delete" token list --json
grep -q '"initialized": true' "$tmp/out" && fail "a token is still initialised"
run 1 "objects list on the deleted token" objects list --slot 0 --pin-file "$tmp/user3.pin"
run 1 "token delete of an empty slot" token delete --slot 0 --pin-env T_SO
run 0 "the slot can be initialised afresh" token init --slot 0 --label again --pin-env T_USER2
run 0 "and holds no objects" objects list --slot 0 --json
[ "$(grep -c '"label":' "$tmp/out")" = 0 ] || fail "objects survived token delete"
printf '[storage]\nmode = "memory"\n' > "$tmp/memory.toml"
CRATON_HSM_CONFIG="$tmp/memory.toml" run 2 "token init refused on an in-memory configuration" \
    token init --slot 0 --label m --pin-env T_SO
echo "PASS"
