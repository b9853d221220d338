#!/bin/sh
# Builds the runtime root file system of the daemon image (deploy/docker/Dockerfile, stage 2)
# from a build tree: our programs and module in the operations-guide layout, every shared
# library they load (their ldd closure), the name-service plug-ins glibc loads at run time, and
# passwd/group entries for the service user. No shell and no package manager end up in it.
# tests/deploy/docker_rootfs.sh runs the result in a chroot.
# Usage: assemble-rootfs.sh BUILD_DIR ROOTFS
set -eu
B=$1
R=$2
UID_GID=10001

install -d -m 0755 "$R/usr/bin" "$R/usr/lib/craton-hsm" "$R/etc/craton-hsm"
install -m 0755 "$B/craton-hsm-daemon" "$B/craton-hsm-admin" "$R/usr/bin/"
# The sidecar must sit beside the module: C_Initialize checks the module against it.
install -m 0644 "$B/libcraton_hsm.so" "$B/libcraton_hsm.hmac" "$R/usr/lib/craton-hsm/"
[ -f "$B/libcraton_hsm_remote.so" ] && install -m 0644 "$B/libcraton_hsm_remote.so" "$R/usr/lib/craton-hsm/"

# glibc's resolver plug-ins are dlopened, so ldd of our binaries does not name them.
nss=""
for n in libnss_files.so.2 libnss_dns.so.2; do
    p=$(ldconfig -p | awk -v n="$n" '$1 == n && /x86-64|x86_64|64bit/ {print $NF; exit}')
    [ -n "$p" ] && nss="$nss $p"
done
for f in "$R"/usr/bin/* "$R"/usr/lib/craton-hsm/*.so $nss; do
    ldd "$f" | awk '/=> \// {print $3} /^[ \t]*\/[^ ]*ld-linux/ {print $1}'
    case $f in "$R"/*) ;; *) echo "$f" ;; esac
done | sort -u | while read -r lib; do
    # cp -L keeps the mode: the dynamic loader must stay executable.
    mkdir -p "$R$(dirname "$lib")"
    cp -L "$lib" "$R$lib"
done

echo 'hosts: files dns' > "$R/etc/nsswitch.conf"
echo "craton-hsm:x:$UID_GID:$UID_GID::/var/lib/craton-hsm:/nonexistent" > "$R/etc/passwd"
echo "craton-hsm:x:$UID_GID:" > "$R/etc/group"
install -d -m 0700 "$R/var/lib/craton-hsm" "$R/var/log/craton-hsm"
# The daemon stages private copies of its TLS files (for reload on SIGHUP) in a mode-0700
# directory under $TMPDIR or /tmp; give the image one (mount a tmpfs there in production).
install -d -m 1777 "$R/tmp"
if [ "$(id -u)" -eq 0 ]; then chown "$UID_GID:$UID_GID" "$R/var/lib/craton-hsm" "$R/var/log/craton-hsm"; fi
