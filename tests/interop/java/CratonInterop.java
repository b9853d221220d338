// Signs and verifies with keys on the Craton HSM token through Java's SunPKCS11 provider.
// Usage: java CratonInterop <sunpkcs11.cfg> <user-pin> <alias> <algorithm>
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;

public class CratonInterop {
    public static void main(String[] args) throws Exception {
        Provider p = Security.getProvider("SunPKCS11").configure(args[0]);
        Security.addProvider(p);
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, args[1].toCharArray());
        PrivateKey key = (PrivateKey) ks.getKey(args[2], null);
        Certificate cert = ks.getCertificate(args[2]);
        if (key == null || cert == null) throw new IllegalStateException("alias not on token: " + args[2]);
        byte[] message = "signed inside Craton HSM".getBytes("UTF-8");
        Signature signer = Signature.getInstance(args[3], p);
        signer.initSign(key);
        signer.update(message);
        byte[] sig = signer.sign();
        // Verify with the JDK's own software provider, not the token.
        Signature verifier = Signature.getInstance(args[3], Security.getProvider("SunEC") != null && args[3].contains("ECDSA") ? Security.getProvider("SunEC") : Security.getProvider("SunRsaSign"));
        verifier.initVerify(cert.getPublicKey());
        verifier.update(message);
        if (!verifier.verify(sig)) throw new IllegalStateException("signature did not verify");
        System.out.println("verified " + args[3] + " signature from alias " + args[2]);
    }
}
