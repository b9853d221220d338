#!/bin/sh
# `cmvp package` writes build-manifest.txt: the module's SHA-256 as sha256sum computes it, the
# compiler this tree was configured with, and for every package of cmake/manifest_packages.txt
# the version dpkg-query reports now. Also checks the HTML policy is there beside the Markdown.
# Usage: cmvp_manifest.sh ADMIN MODULE PACKAGE_LIST CXX_COMPILER
set -eu
ADMIN=$1
MODULE=$2
LIST=$3
CXX=$4
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ADMIN" cmvp package --out "$WORK/pkg" --module "$MODULE" > /dev/null
M=$WORK/pkg/build-manifest.txt
[ -s "$M" ] || { echo "FAIL: no build-manifest.txt"; exit 1; }
[ -s "$WORK/pkg/security-policy.html" ] || { echo "FAIL: no security-policy.html"; exit 1; }
field() { sed -n "s/^$1: //p" "$M"; }

want=$(sha256sum "$MODULE" | cut -d' ' -f1)
[ "$(field module_sha256)" = "$want" ] || { echo "FAIL: module_sha256 '$(field module_sha256)' != $want"; exit 1; }
version=$("$CXX" -dumpfullversion)
case "$(field compiler)" in *" $version") ;; *) echo "FAIL: compiler '$(field compiler)' is not $version"; exit 1 ;; esac
[ -n "$(field flags)" ] || { echo "FAIL: no flags"; exit 1; }
n=0
while read -r p; do
    n=$((n + 1))
    got=$(awk -F': ' -v k="  $p" '$1 == k { print $2 }' "$M")
    exp=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo not-installed)
    [ "$got" = "$exp" ] || { echo "FAIL: $p: manifest '$got', dpkg-query '$exp'"; exit 1; }
done < "$LIST"
[ "$n" -gt 0 ] || { echo "FAIL: empty package list"; exit 1; }
echo "PASS: build manifest: module hash, compiler, $n package versions"
