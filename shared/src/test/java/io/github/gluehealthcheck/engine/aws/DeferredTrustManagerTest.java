package io.github.gluehealthcheck.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Deferring the trust store must change when it is loaded, never what it trusts: an HTTPS server with a
 * self-signed certificate is refused through the clients' real HTTP client, the default trust manager decides
 * each check, and building a TLS context with it loads nothing.
 */
class DeferredTrustManagerTest {
    private static final char[] PASSWORD = "changeit-test".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static X509Certificate serverCertificate;

    @BeforeAll
    static void selfSignedServer() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        serverCertificate = (X509Certificate) ks.getCertificate("server");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theClientsHttpClientRefusesAServerTheTrustStoreDoesNotTrust() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
        try (SdkHttpClient http = AwsClients.httpClient(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call())
                    .isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(DeferredTrustManager.INSTANCE.isLoaded()).as("the handshake loaded the trust store").isTrue();
    }

    @Test
    void everyCheckIsTheDefaultTrustManagers() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
        DeferredTrustManager deferred = new DeferredTrustManager();
        X509Certificate[] chain = {serverCertificate};

        assertThatThrownBy(() -> jdk.checkServerTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> deferred.checkServerTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> deferred.checkClientTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
        assertThat(deferred.getAcceptedIssuers()).hasSameSizeAs(jdk.getAcceptedIssuers()).isNotEmpty();
    }

    @Test
    void aTlsContextMadeWithItLoadsNoTrustStore() throws Exception {
        DeferredTrustManager deferred = new DeferredTrustManager();
        SSLContext.getInstance("TLS").init(null, new javax.net.ssl.TrustManager[] {deferred}, null);

        assertThat(deferred.isLoaded()).isFalse();
        deferred.delegate();
        assertThat(deferred.isLoaded()).isTrue();
    }
}
