#!/usr/bin/env bash
# Keys generated on the module with pkcs11-tool, signatures checked by the openssl command
# line with the public key read back from the token; OAEP ciphertext made by openssl and
# decrypted by the module; ECDH with pkcs11-tool --derive against an openssl peer key.
source "$(dirname "$0")/lib.sh"

ok "init-token" p11 --init-token --label crypto --so-pin $SO_PIN
ok "init-pin" p11 --init-pin --login --login-type so --so-pin $SO_PIN --new-pin $USER_PIN
U=(--login --pin $USER_PIN)
head -c 4096 /dev/urandom > "$WORK/msg.bin"

ok "RSA-2048 key pair" p11 "${U[@]}" --keypairgen --key-type rsa:2048 --id 01 --label rsa
p11 "${U[@]}" --read-object --type pubkey --id 01 -o "$WORK/rsa.der" > /dev/null 2>&1 || true
openssl pkey -pubin -inform DER -in "$WORK/rsa.der" -out "$WORK/rsa.pem" 2>/dev/null || true

sign_rsa() {  # mechanism openssl-args...
  local mech=$1; shift
  p11 "${U[@]}" --sign --id 01 -m "$mech" -i "$WORK/msg.bin" -o "$WORK/sig.bin" > /dev/null 2>&1 &&
  openssl dgst -sha256 -verify "$WORK/rsa.pem" -signature "$WORK/sig.bin" "$@" "$WORK/msg.bin"
}
ok "SHA256-RSA-PKCS verified by openssl" sign_rsa SHA256-RSA-PKCS
ok "RSA-PSS (SHA-256, salt 32) verified by openssl" sign_rsa SHA256-RSA-PKCS-PSS \
   -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256
raw_rsa_pkcs() {
  # CKM_RSA_PKCS signs a DigestInfo the caller built.
  { printf '\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20';
    openssl dgst -sha256 -binary "$WORK/msg.bin"; } > "$WORK/di.bin"
  p11 "${U[@]}" --sign --id 01 -m RSA-PKCS -i "$WORK/di.bin" -o "$WORK/sig.bin" > /dev/null 2>&1 &&
  openssl dgst -sha256 -verify "$WORK/rsa.pem" -signature "$WORK/sig.bin" "$WORK/msg.bin"
}
ok "RSA-PKCS (DigestInfo) verified by openssl" raw_rsa_pkcs
oaep() {
  head -c 32 /dev/urandom > "$WORK/secret.bin"
  openssl pkeyutl -encrypt -pubin -inkey "$WORK/rsa.pem" -pkeyopt rsa_padding_mode:oaep \
    -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256 -in "$WORK/secret.bin" -out "$WORK/ct.bin" &&
  p11 "${U[@]}" --decrypt --id 01 -m RSA-PKCS-OAEP --hash-algorithm SHA256 --mgf MGF1-SHA256 \
    -i "$WORK/ct.bin" -o "$WORK/pt.bin" > /dev/null 2>&1 &&
  cmp "$WORK/secret.bin" "$WORK/pt.bin"
}
ok "OAEP ciphertext from openssl decrypted by the module" oaep

ok "EC P-256 key pair" p11 "${U[@]}" --keypairgen --key-type EC:prime256v1 --id 02 --label ec
p11 "${U[@]}" --read-object --type pubkey --id 02 -o "$WORK/ec.der" > /dev/null 2>&1 || true
openssl pkey -pubin -inform DER -in "$WORK/ec.der" -out "$WORK/ec.pem" 2>/dev/null || true
ecdsa() {
  p11 "${U[@]}" --sign --id 02 -m ECDSA-SHA256 --signature-format openssl -i "$WORK/msg.bin" \
    -o "$WORK/sig.bin" > /dev/null 2>&1 &&
  openssl dgst -sha256 -verify "$WORK/ec.pem" -signature "$WORK/sig.bin" "$WORK/msg.bin"
}
ok "ECDSA-SHA256 verified by openssl" ecdsa

ok "Ed25519 key pair" p11 "${U[@]}" --keypairgen --key-type EC:edwards25519 --id 03 --label ed
p11 "${U[@]}" --read-object --type pubkey --id 03 -o "$WORK/ed.der" > /dev/null 2>&1 || true
eddsa() {
  # pkcs11-tool writes the public key as PEM SubjectPublicKeyInfo (0.23 on Debian 12), some
  # versions as DER; older ones as the bare CKA_EC_POINT, whose last 32 bytes are the key.
  if ! openssl pkey -pubin -in "$WORK/ed.der" -out "$WORK/ed.pem" 2>/dev/null &&
     ! openssl pkey -pubin -inform DER -in "$WORK/ed.der" -out "$WORK/ed.pem" 2>/dev/null; then
    { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; tail -c 32 "$WORK/ed.der"; } > "$WORK/ed.spki"
    openssl pkey -pubin -inform DER -in "$WORK/ed.spki" -out "$WORK/ed.pem" || return 1
  fi
  p11 "${U[@]}" --sign --id 03 -m EDDSA -i "$WORK/msg.bin" -o "$WORK/sig.bin" > /dev/null 2>&1 &&
  openssl pkeyutl -verify -pubin -inkey "$WORK/ed.pem" -rawin -in "$WORK/msg.bin" -sigfile "$WORK/sig.bin"
}
ok "EdDSA verified by openssl" eddsa
tamper_eddsa() {  # the same check fails on a changed message: the verification is real
  cp "$WORK/msg.bin" "$WORK/msg2.bin" && printf 'x' >> "$WORK/msg2.bin" &&
  ! openssl pkeyutl -verify -pubin -inkey "$WORK/ed.pem" -rawin -in "$WORK/msg2.bin" -sigfile "$WORK/sig.bin"
}
ok "EdDSA signature rejected by openssl for another message" tamper_eddsa

ecdh() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/peer.pem" 2>/dev/null &&
  openssl pkey -in "$WORK/peer.pem" -pubout -outform DER -out "$WORK/peer.der" &&
  p11 "${U[@]}" --derive --id 02 -m ECDH1-DERIVE --input-file "$WORK/peer.der" \
    -o "$WORK/shared-module.bin" > /dev/null 2>&1 &&
  openssl pkeyutl -derive -inkey "$WORK/peer.pem" -peerkey "$WORK/ec.pem" -out "$WORK/shared-openssl.bin" &&
  cmp "$WORK/shared-module.bin" "$WORK/shared-openssl.bin"
}
ok "ECDH with pkcs11-tool --derive matches openssl" ecdh
finish
