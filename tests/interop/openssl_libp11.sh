#!/usr/bin/env bash
# OpenSSL through libp11's pkcs11 engine: signs with a key addressed by a pkcs11: URI, and the
# signature verifies with plain openssl.
source "$(dirname "$0")/lib.sh"
ENGINE=$(find /usr/lib -name 'pkcs11.so' -path '*engines*' 2>/dev/null | head -n1)
if [ -z "$ENGINE" ]; then echo "libp11 engine missing: scripts/install-deps installs it"; exit 1; fi

ok "init-token" p11 --init-token --label engine --so-pin $SO_PIN
ok "init-pin" p11 --init-pin --login --login-type so --so-pin $SO_PIN --new-pin $USER_PIN
ok "EC key pair" p11 --login --pin $USER_PIN --keypairgen --key-type EC:prime256v1 --id 10 --label eng-ec
ok "RSA key pair" p11 --login --pin $USER_PIN --keypairgen --key-type rsa:2048 --id 11 --label eng-rsa
cat > "$WORK/openssl.cnf" <<CNF
openssl_conf = openssl_init
[openssl_init]
engines = engine_section
[engine_section]
pkcs11 = pkcs11_section
[pkcs11_section]
engine_id = pkcs11
dynamic_path = $ENGINE
MODULE_PATH = $MODULE
init = 0
CNF
export OPENSSL_CONF="$WORK/openssl.cnf"
head -c 2048 /dev/urandom > "$WORK/msg.bin"
openssl dgst -sha256 -binary -out "$WORK/msg.sha256" "$WORK/msg.bin"
for key in eng-ec eng-rsa; do
  uri="pkcs11:token=engine;object=$key;type=private;pin-value=$USER_PIN"
  ok "$key: sign with the engine via $uri" \
     openssl dgst -engine pkcs11 -keyform engine -sign "$uri" -sha256 -out "$WORK/$key.sig" "$WORK/msg.bin"
  # -pubin: without it `openssl pkey` asks the engine for a private key at a public-key URI.
  ok "$key: export the public key via the engine" \
     openssl pkey -engine pkcs11 -inform engine -pubin \
       -in "pkcs11:token=engine;object=$key;type=public" -pubout -out "$WORK/$key.pub"
  ok "$key: signature verifies with plain openssl" \
     env -u OPENSSL_CONF openssl dgst -sha256 -verify "$WORK/$key.pub" -signature "$WORK/$key.sig" "$WORK/msg.bin"
  # pkeyutl signs a digest; it too makes the engine the default for every method.
  ok "$key: pkeyutl signs a SHA-256 digest with the engine" \
     openssl pkeyutl -engine pkcs11 -keyform engine -inkey "$uri" -sign -pkeyopt digest:sha256 \
       -in "$WORK/msg.sha256" -out "$WORK/$key.pkeyutl.sig"
  ok "$key: the pkeyutl signature verifies with plain openssl" \
     env -u OPENSSL_CONF openssl pkeyutl -verify -pubin -inkey "$WORK/$key.pub" \
       -pkeyopt digest:sha256 -in "$WORK/msg.sha256" -sigfile "$WORK/$key.pkeyutl.sig"
done
finish
