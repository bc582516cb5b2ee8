package berth.common.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text as docker's ca.pem, cert.pem and key.pem hold it: certificates, and a private key in PKCS#8
 * ({@code PRIVATE KEY}, what openssl 3 writes) or PKCS#1 ({@code RSA PRIVATE KEY}, older openssl), which
 * the JDK reads only once wrapped in PKCS#8. Parses text only: callers read the files.
 */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {}

    /** The certificates in the text, in order; an error names {@code what} (a file) when there are none. */
    public static List<X509Certificate> certificates(String text, String what) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text)) {
                if (b.type().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid certificate in " + what + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) throw new IllegalArgumentException("no PEM certificate found in " + what);
        return List.copyOf(certs);
    }

    /** The first private key in the text (RSA, EC or EdDSA in PKCS#8; RSA in PKCS#1). */
    public static PrivateKey privateKey(String text, String what) {
        for (Block b : blocks(text)) {
            switch (b.type()) {
                case "PRIVATE KEY" -> { return pkcs8(b.der(), what); }
                case "RSA PRIVATE KEY" -> { return pkcs8(wrapRsa(b.der()), what); }
                case "EC PRIVATE KEY" -> throw new IllegalArgumentException("the EC key in " + what
                        + " is in SEC1 form: convert it with 'openssl pkcs8 -topk8 -nocrypt'");
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                        "the key in " + what + " is encrypted; a key without a passphrase is needed");
                default -> { /* certificates and parameters beside the key */ }
            }
        }
        throw new IllegalArgumentException("no PEM private key found in " + what);
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return blocks;
    }

    private static PrivateKey pkcs8(byte[] der, String what) {
        var spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new IllegalArgumentException("unsupported or invalid private key in " + what);
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
