package berth.common.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One side of a mutually authenticated TLS connection, as docker's {@code --tlsverify} sets it up: the CA
 * certificates that sign the peer, and our own certificate chain and key. Both daemon and clients use it.
 */
public record TlsMaterial(List<X509Certificate> ca, List<X509Certificate> chain, Optional<PrivateKey> key) {
    /** TLS 1.2 and newer only, on both sides (docker's minimum too). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public TlsMaterial {
        ca = List.copyOf(ca);
        chain = List.copyOf(chain);
    }

    /** From the PEM texts of ca.pem, cert.pem and key.pem; {@code names} say which file a problem is in. */
    public static TlsMaterial fromPem(String ca, String cert, String key, List<String> names) {
        return fromPem(ca, cert, key, names, true);
    }

    /** Without {@code identity}, only the CA is read: a client that presents no certificate. */
    public static TlsMaterial fromPem(String ca, String cert, String key, List<String> names, boolean identity) {
        if (!identity) return new TlsMaterial(Pem.certificates(ca, names.get(0)), List.of(), Optional.empty());
        return new TlsMaterial(Pem.certificates(ca, names.get(0)), Pem.certificates(cert, names.get(1)),
                Optional.of(Pem.privateKey(key, names.get(2))));
    }

    public boolean hasIdentity() {
        return key.isPresent();
    }

    public KeyManagerFactory keyManagers() {
        try {
            KeyStore store = emptyStore();
            if (key.isEmpty()) throw new IllegalStateException("no certificate and key to present");
            store.setKeyEntry("self", key.get(), new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate does not match its key: " + e.getMessage(), e);
        }
    }

    /** Trusts the given CA certificates only (never the JDK's default set). */
    public TrustManagerFactory trustManagers() {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < ca.size(); i++) store.setCertificateEntry("ca" + i, ca.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable CA certificate: " + e.getMessage(), e);
        }
    }

    /** A client context presenting our certificate (if any) and trusting only the CA. */
    public SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            var keys = key.map(k -> new javax.net.ssl.KeyManager[] {new FixedKeyManager(chain, k)}).orElse(null);
            ctx.init(keys, trustManagers().getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
