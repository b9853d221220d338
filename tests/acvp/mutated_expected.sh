#!/bin/sh
# The ACVP comparison can fail: for several kinds of answer (a KAT value, a validation verdict,
# an answer checked by verification, a Monte Carlo chain) one expected value is changed, and the
# runner must exit 1 and name the case. The unchanged file must pass, so a failure is the
# mutation's doing.
# Usage: mutated_expected.sh <craton-hsm-acvp> <vectors/acvp> <python3>
runner="${1:?runner}"; vectors="${2:?vectors}"; python="${3:?python3}"
here=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0

check() {  # set tcId field
    set_dir="$vectors/$1"
    if ! "$runner" "$set_dir/prompt.json" --expected "$set_dir/expectedResults.json" >"$tmp/clean.txt"; then
        echo "FAIL: $1 does not pass unchanged"; cat "$tmp/clean.txt"; status=1; return
    fi
    "$python" "$here/mutate_expected.py" "$set_dir/expectedResults.json" "$tmp/mutated.json" "$2" "$3" || { status=1; return; }
    "$runner" "$set_dir/prompt.json" --expected "$tmp/mutated.json" >"$tmp/out.txt"
    rc=$?
    if [ "$rc" -ne 1 ]; then
        echo "FAIL: $1 with tcId $2 $3 changed exited $rc, expected 1"; status=1
    elif ! grep -q "tcId $2:" "$tmp/out.txt"; then
        echo "FAIL: $1 mismatch report does not name tcId $2"; cat "$tmp/out.txt"; status=1
    else
        echo "ok: $1 tcId $2 $3 changed is reported: $(grep "tcId $2:" "$tmp/out.txt")"
    fi
}

check ACVP-AES-GCM-1.0 1 tag                    # known answer
check ML-KEM-encapDecap-FIPS203 116 testPassed  # validation verdict
check EDDSA-SigGen-1.0 1 signature              # server signature checked by verification
check ECDSA-SigGen-FIPS186-5 121 qx             # server public key (group level, P-256)
check ACVP-AES-ECB-1.0 2139 resultsArray        # Monte Carlo chain
exit $status
