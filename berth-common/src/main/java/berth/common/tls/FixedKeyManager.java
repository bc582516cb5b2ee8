package berth.common.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with one certificate and key, offered whatever the peer asks. A KeyManagerFactory would need
 * them in a KeyStore, and a PKCS12 store encrypts the key with 10000 rounds of PBKDF2 on the way in and again
 * on the way out: most of a short-lived CLI's TLS set-up.
 */
final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "self";
    private final X509Certificate[] chain;
    private final PrivateKey key;

    FixedKeyManager(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain.toArray(X509Certificate[]::new);
        this.key = key;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) { return new String[] {ALIAS}; }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) { return ALIAS; }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) { return ALIAS; }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) { return new String[] {ALIAS}; }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return ALIAS; }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) { return ALIAS; }

    @Override
    public X509Certificate[] getCertificateChain(String alias) { return chain.clone(); }

    @Override
    public PrivateKey getPrivateKey(String alias) { return key; }
}
