#!/usr/bin/env bash
# Java SunPKCS11 against the module: keytool lists the token and generates EC and RSA key pairs
# on it; a small program signs with SHA256withECDSA and SHA256withRSA on the token and
# verifies with the JDK's software providers.
source "$(dirname "$0")/lib.sh"
if ! command -v javac > /dev/null; then
  echo "javac missing: scripts/install-deps installs default-jdk-headless"; exit 1
fi

ok "init-token" p11 --init-token --label java --so-pin $SO_PIN
ok "init-pin" p11 --init-pin --login --login-type so --so-pin $SO_PIN --new-pin $USER_PIN
cat > "$WORK/pkcs11.cfg" <<CFG
name = Craton
library = $MODULE
slot = 0
CFG
KT=(keytool -keystore NONE -storetype PKCS11 -providerClass sun.security.pkcs11.SunPKCS11
    -providerArg "$WORK/pkcs11.cfg" -storepass $USER_PIN)
ok "keytool -list" "${KT[@]}" -list
ok "keytool -genkeypair EC" "${KT[@]}" -genkeypair -alias ec1 -keyalg EC -groupname secp256r1 \
   -dname CN=craton-ec -validity 30
ok "keytool -genkeypair RSA" "${KT[@]}" -genkeypair -alias rsa1 -keyalg RSA -keysize 2048 \
   -dname CN=craton-rsa -validity 30
expect_output "keytool lists both entries" "ec1.*PrivateKeyEntry|rsa1.*PrivateKeyEntry" "${KT[@]}" -list

mkdir -p "$WORK/classes"
ok "compile the interop program" javac -d "$WORK/classes" "$(dirname "$0")/java/CratonInterop.java"
ok "SHA256withECDSA on the token" java -cp "$WORK/classes" CratonInterop "$WORK/pkcs11.cfg" $USER_PIN ec1 SHA256withECDSA
ok "SHA256withRSA on the token" java -cp "$WORK/classes" CratonInterop "$WORK/pkcs11.cfg" $USER_PIN rsa1 SHA256withRSA

# A key pair and certificate written by pkcs11-tool in one process, used by Java in another:
# the persistent token carries them across (each pkcs11-tool and java run is a fresh process
# that loads the module and opens the token directory again).
import_for_java() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=craton-p11tool \
    -days 30 -keyout "$WORK/imp.key" -out "$WORK/imp.crt" 2>/dev/null &&
  openssl pkcs8 -topk8 -nocrypt -in "$WORK/imp.key" -outform DER -out "$WORK/imp.key.der" &&
  openssl x509 -in "$WORK/imp.crt" -outform DER -out "$WORK/imp.crt.der" &&
  p11 --login --pin $USER_PIN --write-object "$WORK/imp.key.der" --type privkey --id 20 --label p11tool &&
  p11 --login --pin $USER_PIN --write-object "$WORK/imp.crt.der" --type cert --id 20 --label p11tool
}
ok "pkcs11-tool writes an EC key and its certificate" import_for_java
expect_output "keytool in a new process lists the pkcs11-tool entry" "p11tool.*PrivateKeyEntry" "${KT[@]}" -list
ok "SHA256withECDSA with the pkcs11-tool key in a new process" \
   java -cp "$WORK/classes" CratonInterop "$WORK/pkcs11.cfg" $USER_PIN p11tool SHA256withECDSA
finish
