#!/bin/sh
# Offline lint of deploy/docker/Dockerfile (no docker on the CI machine): the properties the
# operations guide promises. Each rule is then shown to bite by running the lint on a copy
# broken in that one way.
# Usage: dockerfile_lint.sh DOCKERFILE
set -eu
DOCKERFILE=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Prints the first broken rule and returns 1, or returns 0.
lint() {
    f=$1
    # Join continuation lines so each instruction is one line.
    sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$f" | grep -v '^[[:space:]]*#' > "$WORK/joined"
    froms=$(grep -ci '^FROM ' "$WORK/joined" || true)
    [ "$froms" -ge 2 ] || { echo "not multi-stage ($froms FROM)"; return 1; }
    grep -qiE '^FROM debian:12(-slim)? +AS +build$' "$WORK/joined" || { echo "build stage is not 'FROM debian:12 AS build'"; return 1; }
    # Every base image except scratch names a tag other than latest.
    if grep -iE '^FROM ' "$WORK/joined" | awk '{print $2}' | grep -viE '^scratch$' | grep -qvE ':[^/]+$|@sha256:'; then
        echo "a base image is not pinned to a tag"; return 1; fi
    if grep -iE '^FROM ' "$WORK/joined" | grep -qiE ':latest( |$)'; then echo "a base image uses :latest"; return 1; fi
    grep -qiE 'make build' "$WORK/joined" || { echo "the build stage does not run the README build (make build)"; return 1; }
    # Nothing fetched from the network by the Dockerfile itself.
    if grep -qiE '^ADD ' "$WORK/joined"; then echo "ADD used (COPY only; ADD can fetch URLs and unpack archives)"; return 1; fi
    if grep -qiE '^RUN .*(curl|wget|https?://)' "$WORK/joined"; then echo "RUN downloads something"; return 1; fi
    # The final stage: from here to the end.
    last=$(grep -niE '^FROM ' "$WORK/joined" | tail -n1 | cut -d: -f1)
    tail -n +"$last" "$WORK/joined" > "$WORK/final"
    grep -qiE '^FROM +(scratch|gcr.io/distroless/)' "$WORK/final" || { echo "runtime stage is not scratch/distroless"; return 1; }
    if grep -qiE '^RUN ' "$WORK/final"; then echo "runtime stage has RUN (it has no shell)"; return 1; fi
    user=$(grep -iE '^USER ' "$WORK/final" | tail -n1 | awk '{print $2}')
    [ -n "$user" ] || { echo "runtime stage has no USER"; return 1; }
    case ${user%%:*} in root|0) echo "runtime USER is root"; return 1 ;; esac
    grep -qiE '^HEALTHCHECK +.*CMD +\[' "$WORK/final" || { echo "runtime stage has no exec-form HEALTHCHECK"; return 1; }
    grep -qiE '^ENTRYPOINT +\[ *"/usr/bin/craton-hsm-daemon"' "$WORK/final" || { echo "entrypoint is not the daemon (exec form)"; return 1; }
    grep -qiE '^COPY +--from=build ' "$WORK/final" || { echo "runtime stage does not copy from the build stage"; return 1; }
    return 0
}

msg=$(lint "$DOCKERFILE") || { echo "FAIL: $DOCKERFILE: $msg"; exit 1; }

# Negative controls: one mutation per rule, each must be refused.
i=0
while IFS='|' read -r expr why; do
    i=$((i + 1))
    sed -e "$expr" "$DOCKERFILE" > "$WORK/mutant$i"
    if cmp -s "$DOCKERFILE" "$WORK/mutant$i"; then echo "FAIL: mutation '$why' changed nothing"; exit 1; fi
    if lint "$WORK/mutant$i" > /dev/null; then echo "FAIL: lint accepted a Dockerfile with $why"; exit 1; fi
done <<'MUT'
/^FROM scratch/d|a single stage
s/^USER .*/USER root/|USER root
/^USER /d|no USER
s/^FROM scratch AS runtime/FROM scratch AS runtime\nRUN true/|RUN in the runtime stage
s/^COPY shared\//ADD https:\/\/example.org\/x.tar.gz \/x\nCOPY shared\//|ADD of a URL
s/^HEALTHCHECK .*/HEALTHCHECK NONE/|no HEALTHCHECK
s/^FROM debian:12 AS build/FROM debian AS build/|an unpinned base image
s/^FROM scratch AS runtime/FROM debian:12 AS runtime/|a full Debian runtime stage
MUT
echo "PASS: $(basename "$DOCKERFILE") lint ($i negative controls refused)"
