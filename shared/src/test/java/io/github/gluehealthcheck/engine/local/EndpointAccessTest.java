package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Who may use an endpoint that requires its token (as {@code local-endpoint} and {@code endpoint: local} do): the
 * probes of a neighbour on the machine, a web page in a local browser, or an oversize upload, sent as raw HTTP.
 */
class EndpointAccessTest {

    private LocalAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private LocalAws start(LocalEndpointOptions.Builder options) {
        aws = LocalAws.startWithToken(options.build());
        return aws;
    }

    private String token() {
        return aws.endpoint.token().orElseThrow();
    }

    @Test
    void anAwsRequestSignedWithAnyOtherKeyIsRefused403AndNothingIsCreated() {
        start(LocalAws.fast());
        try (GlueClient stranger = GlueClient.builder().endpointOverride(aws.endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> stranger.createJob(b -> b.name("hc-intruder").role("r")
                    .command(c -> c.name("pythonshell").scriptLocation("s3://b/k.py"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.getMessage()).doesNotContain(token());
                    });
        }

        assertThat(aws.endpoint.state().jobs()).isEmpty();
        // The token's owner gets in.
        aws.glue.createJob(b -> b.name("hc-owner").role("r").maxCapacity(0.0625)
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/k.py")));
        assertThat(aws.endpoint.state().jobs()).hasSize(1);
    }

    @Test
    void anUnsignedRequestNeedsTheTokenHeader() throws IOException {
        start(LocalAws.fast());
        int port = aws.endpoint.port();

        assertThat(status(http(port, "GET /scripts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n"))).isEqualTo(403);
        assertThat(status(http(port, "GET /scripts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "X-Local-Endpoint-Token: " + token() + "\r\n\r\n"))).isEqualTo(404);
    }

    @Test
    void everyAdminRequestNeedsTheTokenHeader() throws IOException {
        start(LocalAws.fast());
        int port = aws.endpoint.port();

        String withoutToken = http(port, "GET /_local/state HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n");
        String signedIsNotEnough = http(port, "GET /_local/health HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=" + token() + "/20260101/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host, Signature=00\r\n\r\n");
        String withToken = http(port, "GET /_local/health HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "X-Local-Endpoint-Token: " + token() + "\r\n\r\n");

        assertThat(status(withoutToken)).isEqualTo(403);
        assertThat(withoutToken).contains("X-Local-Endpoint-Token").doesNotContain(token());
        assertThat(status(signedIsNotEnough)).isEqualTo(403);
        assertThat(status(withToken)).isEqualTo(200);
    }

    @Test
    void aHostHeaderThatNamesAnotherSiteIsRefusedEvenWithTheToken() throws IOException {
        start(LocalAws.fast().allowedHosts(List.of("local-aws")));
        int port = aws.endpoint.port();
        String rest = " HTTP/1.1\r\nX-Local-Endpoint-Token: " + token() + "\r\nHost: ";

        // A page at attacker.example whose name now resolves to 127.0.0.1 sends its own name.
        assertThat(status(http(port, "GET /_local/health" + rest + "attacker.example:" + port + "\r\n\r\n")))
                .isEqualTo(403);
        assertThat(status(http(port, "GET /scripts" + rest + "attacker.example\r\n\r\n"))).isEqualTo(403);
        assertThat(status(http(port, "GET /_local/health" + rest + "127.0.0.1:" + port + "\r\n\r\n"))).isEqualTo(200);
        assertThat(status(http(port, "GET /_local/health" + rest + "[::1]:" + port + "\r\n\r\n"))).isEqualTo(200);
        assertThat(status(http(port, "GET /_local/health" + rest + "localhost\r\n\r\n"))).isEqualTo(200);
        assertThat(status(http(port, "GET /_local/health" + rest + "local-aws:" + port + "\r\n\r\n"))).isEqualTo(200);
    }

    @Test
    void aFourHundredMegabytePutIsRefused413UnreadAndTheEndpointServesOn() throws IOException {
        start(LocalAws.fast());
        int port = aws.endpoint.port();
        long before = usedHeap();

        String answer = http(port, "PUT /scripts/big.bin HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=" + token() + "/20260101/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host, Signature=00\r\nContent-Length: " + (400L * 1024 * 1024) + "\r\n\r\n"
                + "x".repeat(64 * 1024));

        assertThat(status(answer)).isEqualTo(413);
        assertThat(answer).contains("EntityTooLarge");
        assertThat(usedHeap() - before).as("heap grown by the refused upload").isLessThan(100L * 1024 * 1024);
        assertThat(aws.endpoint.state().objects()).isEmpty();
        aws.s3.putObject(b -> b.bucket("scripts").key("small.py"), RequestBody.fromString("print(1)\n"));
        assertThat(aws.endpoint.state().objects()).hasSize(1);
    }

    @Test
    void aBodyWithoutALengthIsCutOffAtTheLimit() throws IOException {
        start(LocalAws.fast().maxBodyBytes(64 * 1024));
        int port = aws.endpoint.port();
        String chunk = "y".repeat(16 * 1024);
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("0\r\n\r\n");

        String answer = http(port, "PUT /scripts/chunked.bin HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "X-Local-Endpoint-Token: " + token() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);

        assertThat(status(answer)).isEqualTo(413);
        assertThat(aws.endpoint.state().objects()).isEmpty();
    }

    @Test
    void anAdminPostThatIsNotJsonIsRefusedSoAWebPageCannotSendIt() throws IOException {
        start(LocalAws.fast());
        int port = aws.endpoint.port();
        String fault = "{\"service\":\"glue\",\"operation\":\"*\",\"error\":\"THROTTLING\"}";
        String head = "POST /_local/faults HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Local-Endpoint-Token: "
                + token() + "\r\nContent-Length: " + fault.length() + "\r\n";

        assertThat(status(http(port, head + "Content-Type: text/plain\r\n\r\n" + fault))).isEqualTo(415);
        assertThat(status(http(port, head + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + fault)))
                .isEqualTo(415);
        assertThat(status(http(port, head + "\r\n" + fault))).isEqualTo(415);
        assertThat(status(http(port, "POST /_local/pause?millis=500 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nX-Local-Endpoint-Token: " + token() + "\r\nContent-Type: text/plain\r\nContent-Length: 0"
                + "\r\n\r\n"))).isEqualTo(415);
        assertThat(aws.endpoint.faults().rules()).isEmpty();
        assertThat(aws.endpoint.faults().paused()).isFalse();

        assertThat(status(http(port, head + "Content-Type: application/json; charset=utf-8\r\n\r\n" + fault)))
                .isEqualTo(201);
        assertThat(aws.endpoint.faults().rules()).hasSize(1);
    }

    @Test
    void keysThatStsIssuedToTheTokenOwnerAreAccepted() {
        start(LocalAws.fast());
        var issued = aws.sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/ci").roleSessionName("s1"))
                .credentials();
        try (S3Client assumed = S3Client.builder().endpointOverride(aws.endpoint.uri()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(issued.accessKeyId(), issued.secretAccessKey()))).build()) {
            assumed.putObject(b -> b.bucket("scripts").key("a.py"), RequestBody.fromString("print(1)\n"));
        }
        assertThat(aws.endpoint.state().objects()).hasSize(1);
    }

    @Test
    void theJavaApiEndpointForTestsInTheSameJvmNeedsNoToken() {
        try (LocalAws open = LocalAws.start()) {
            assertThat(open.endpoint.token()).isEmpty();
            assertThat(open.sts.getCallerIdentity().account()).isEqualTo("123456789012");
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static int status(String response) {
        assertThat(response).startsWith("HTTP/1.1 ");
        return Integer.parseInt(response.substring(9, 12));
    }

    /** Sends a raw request on a new connection and reads the answer until the server closes or 5 s pass. */
    private static String http(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            OutputStream out = socket.getOutputStream();
            String closing = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
            try {
                out.write(closing.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server answered and closed before taking the whole body; its answer is still readable.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // Keep-alive answer read in full, or the server reset after answering.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
