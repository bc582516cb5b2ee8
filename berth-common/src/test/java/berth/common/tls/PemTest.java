package berth.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {

    private static final KeyPair RSA = rsa();

    private static KeyPair rsa() {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void readsPkcs8Keys() {
        var key = Pem.privateKey(pem("PRIVATE KEY", RSA.getPrivate().getEncoded()), "key.pem");
        assertThat(key.getEncoded()).isEqualTo(RSA.getPrivate().getEncoded());
    }

    /** openssl 1.x's genrsa writes PKCS#1; it is the OCTET STRING inside PKCS#8's PrivateKeyInfo. */
    @Test
    void readsPkcs1RsaKeys() {
        byte[] pkcs8 = RSA.getPrivate().getEncoded();
        // 30 82 LL LL | 02 01 00 | 30 0d <rsaEncryption, NULL> | 04 82 LL LL <pkcs1>
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 4 + 3 + 15 + 4, pkcs8.length);
        assertThat(pkcs1[0]).isEqualTo((byte) 0x30);
        var key = Pem.privateKey("junk before\n" + pem("RSA PRIVATE KEY", pkcs1), "key.pem");
        assertThat(key.getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void explainsKeysItCannotRead() {
        assertThatThrownBy(() -> Pem.privateKey(pem("EC PRIVATE KEY", new byte[] {1, 2}), "k.pem"))
                .hasMessageContaining("k.pem").hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> Pem.privateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}), "k.pem"))
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.privateKey("not a pem", "k.pem")).hasMessage("no PEM private key found in k.pem");
        assertThatThrownBy(() -> Pem.certificates(pem("PRIVATE KEY", RSA.getPrivate().getEncoded()), "ca.pem"))
                .hasMessage("no PEM certificate found in ca.pem");
        assertThatThrownBy(() -> Pem.certificates(pem("CERTIFICATE", new byte[] {0x30, 0x03, 1, 2, 3}), "ca.pem"))
                .hasMessageStartingWith("invalid certificate in ca.pem");
    }
}
