package io.github.gluehealthcheck.engine.aws;

import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager, made when the first TLS handshake needs it instead of when the HTTP client is
 * built. The SDK's URL-connection client makes its TLS context in its constructor, and the default trust manager
 * parses the whole trust store (about 150 certificates) to get there: a third of a second of a short CLI process's
 * start-up, spent even when every call goes to a plain-HTTP local endpoint.
 *
 * <p>Every check is the default trust manager's own ({@code TrustManagerFactory.getDefaultAlgorithm()} initialised
 * with the default trust store, which honours {@code javax.net.ssl.trustStore}); this class only delegates. If the
 * trust store cannot be loaded, the handshake fails with the JDK's exception, as it would have without it.
 * {@link #preloadInBackground()} loads it on another thread ahead of the first handshake when calls will use TLS.
 */
final class DeferredTrustManager extends X509ExtendedTrustManager {
    static final DeferredTrustManager INSTANCE = new DeferredTrustManager();

    private static final AtomicBoolean PRELOAD_STARTED = new AtomicBoolean();

    private volatile X509ExtendedTrustManager loaded;

    DeferredTrustManager() {
    }

    /** What the SDK's {@code tlsTrustManagersProvider} returns. */
    static TrustManager[] asArray() {
        return new TrustManager[] {INSTANCE};
    }

    /**
     * Loads the default trust manager on a daemon thread, once per JVM, so that the first handshake finds it ready;
     * the check's own thread meanwhile builds the clients. Failures are left for the handshake to report.
     */
    static void preloadInBackground() {
        if (INSTANCE.loaded != null || !PRELOAD_STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                INSTANCE.delegate();
            } catch (CertificateException e) {
                // The handshake will report it.
            }
        }, "glue-health-check-trust-store");
        t.setDaemon(true);
        t.start();
    }

    /** Whether the trust store has been loaded (tests). */
    boolean isLoaded() {
        return loaded != null;
    }

    X509ExtendedTrustManager delegate() throws CertificateException {
        X509ExtendedTrustManager tm = loaded;
        if (tm != null) {
            return tm;
        }
        synchronized (this) {
            if (loaded == null) {
                loaded = load();
            }
            return loaded;
        }
    }

    private static X509ExtendedTrustManager load() throws CertificateException {
        TrustManagerFactory factory;
        try {
            factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new CertificateException("the JDK's default trust store cannot be loaded: " + e.getMessage(), e);
        }
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new CertificateException("the JDK's default trust manager factory made no X.509 trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return delegate().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }
}
