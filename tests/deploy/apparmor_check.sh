#!/bin/sh
# deploy/apparmor/usr.bin.craton-hsm-daemon: apparmor_parser must compile it (-Q: do not load
# into the kernel, -T: no cache; works without AppArmor in the running kernel), and must refuse
# a copy with a syntax error, so the check is known to parse rather than pass anything.
# Usage: apparmor_check.sh PROFILE
set -eu
PROFILE=$1
PARSER=$(command -v apparmor_parser || echo /usr/sbin/apparmor_parser)
[ -x "$PARSER" ] || { echo "FAIL: apparmor_parser missing (scripts/install-deps installs apparmor)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Without securityfs the parser notes that the cache is disabled; only its status counts.
"$PARSER" -QT "$PROFILE" 2> "$WORK/err" || { cat "$WORK/err"; echo "FAIL: apparmor_parser refused $PROFILE"; exit 1; }
grep -v 'Cache read/write disabled' "$WORK/err" && { echo "FAIL: apparmor_parser warned about $PROFILE"; exit 1; }

# The profile must confine the daemon binary and keep the rules the operations guide relies on.
grep -q '^profile craton-hsm-daemon /usr/bin/craton-hsm-daemon ' "$PROFILE" || { echo "FAIL: profile does not attach to /usr/bin/craton-hsm-daemon"; exit 1; }
for rule in 'deny /\*\* x,' 'deny ptrace,' 'deny capability,' '/var/lib/craton-hsm/\*\* rwk,' '/etc/craton-hsm/\*\* r,'; do
    grep -q "^ *$rule\$" "$PROFILE" || { echo "FAIL: profile lacks rule '$rule'"; exit 1; }
done
# Nothing under /etc/craton-hsm (keys, configuration) may be writable by the daemon.
if grep -E '^ */etc/craton-hsm/[^ ]* [a-z]*w' "$PROFILE"; then echo "FAIL: /etc/craton-hsm writable"; exit 1; fi

# Negative control: a rule with an unknown permission letter must not parse.
sed 's#^\( */etc/craton-hsm/\*\* \)r,#\1rz,#' "$PROFILE" > "$WORK/broken"
cmp -s "$PROFILE" "$WORK/broken" && { echo "FAIL: negative control did not change the profile"; exit 1; }
if "$PARSER" -QT "$WORK/broken" > /dev/null 2>&1; then
    echo "FAIL: apparmor_parser accepted a broken profile"; exit 1
fi
echo "PASS: $(basename "$PROFILE") parses"
