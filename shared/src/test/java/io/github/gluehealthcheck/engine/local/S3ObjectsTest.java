package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ObjectsTest {

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, 65_536, 65_537, 131_072, 200_000, 1_048_577})
    void anSdkDefaultUploadIsDecodedAndReadBackByteForByte(int size) {
        byte[] data = randomBytes(size);

        PutObjectResponse put = aws.s3.putObject(b -> b.bucket("data").key("blob-" + size), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> got = aws.s3.getObjectAsBytes(b -> b.bucket("data").key("blob-" + size)
                .checksumMode(ChecksumMode.ENABLED));

        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentLength()).isEqualTo(size);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        // The SDK sent aws-chunked with a trailing CRC32 (checked on arrival), and validated the CRC32 that
        // GetObject returned against the bytes it received.
        RecordedRequest upload = aws.endpoint.requests().forOperation("s3", "PutObject").get(0);
        assertThat(upload.detail()).containsEntry("bucket", "data").containsEntry("key", "blob-" + size);
        assertThat(upload.detail()).containsEntry("body", "aws-chunked").containsEntry("checksum", "crc32");
        assertThat(got.response().checksumCRC32()).isEqualTo(put.checksumCRC32()).isNotNull();
    }

    @Test
    void headObjectGivesLengthAndETagAndA404WithoutBodyWhenMissing() {
        aws.s3.putObject(b -> b.bucket("data").key("a.py").contentType("text/x-python")
                .metadata(Map.of("build", "42")), RequestBody.fromString("print(1)\n"));

        HeadObjectResponse head = aws.s3.headObject(b -> b.bucket("data").key("a.py"));
        assertThat(head.contentLength()).isEqualTo(9);
        assertThat(head.contentType()).isEqualTo("text/x-python");
        assertThat(head.metadata()).containsEntry("build", "42");
        assertThat(head.eTag()).matches("\"[0-9a-f]{32}\"");

        assertThatThrownBy(() -> aws.s3.headObject(b -> b.bucket("data").key("missing.py")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(aws.endpoint.requests().forOperation("s3", "HeadObject"))
                .extracting(RecordedRequest::httpStatus).containsExactly(200, 404);
    }

    @Test
    void getObjectOfAMissingKeyIsNoSuchKey() {
        aws.s3.createBucket(b -> b.bucket("data"));
        assertThatThrownBy(() -> aws.s3.getObjectAsBytes(b -> b.bucket("data").key("nope")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void withoutAutoCreateAMissingBucketIsNoSuchBucket() {
        aws.close();
        aws = LocalAws.start(LocalAws.fast().autoCreateBuckets(false).build(), false);

        assertThatThrownBy(() -> aws.s3.putObject(b -> b.bucket("absent").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> aws.s3.headBucket(b -> b.bucket("absent")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        aws.s3.createBucket(b -> b.bucket("present"));
        aws.s3.headBucket(b -> b.bucket("present"));
        aws.s3.putObject(b -> b.bucket("present").key("k"), RequestBody.fromString("x"));
        assertThat(aws.endpoint.state().objects()).singleElement()
                .satisfies(o -> assertThat(o.bucket() + "/" + o.key()).isEqualTo("present/k"));
    }

    @Test
    void autoCreateMakesTheBucketOnFirstPut() {
        aws.s3.putObject(b -> b.bucket("fresh-bucket").key("k"), RequestBody.fromString("x"));

        assertThat(aws.endpoint.state().buckets()).containsExactly("fresh-bucket");
        assertThat(aws.s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("fresh-bucket");
    }

    @Test
    void deleteObjectAnswers204AlsoWhenTheKeyIsMissing() {
        aws.s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("x"));

        aws.s3.deleteObject(b -> b.bucket("data").key("k"));
        aws.s3.deleteObject(b -> b.bucket("data").key("k"));

        assertThat(aws.endpoint.state().objects()).isEmpty();
        assertThat(aws.endpoint.requests().forOperation("s3", "DeleteObject"))
                .extracting(RecordedRequest::httpStatus).containsExactly(204, 204);
    }

    @Test
    void listObjectsV2FiltersByPrefixAndPagesWithContinuationTokens() {
        for (String key : List.of("ci/a.py", "ci/b.py", "ci/c.py", "ci/sub/d.py", "other/e.py")) {
            aws.s3.putObject(b -> b.bucket("data").key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response first = aws.s3.listObjectsV2(b -> b.bucket("data").prefix("ci/").maxKeys(2));
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("ci/a.py", "ci/b.py");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.keyCount()).isEqualTo(2);
        ListObjectsV2Response second = aws.s3.listObjectsV2(b -> b.bucket("data").prefix("ci/").maxKeys(2)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("ci/c.py", "ci/sub/d.py");
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.contents().get(0).size()).isEqualTo(7);

        List<String> all = new ArrayList<>();
        aws.s3.listObjectsV2Paginator(b -> b.bucket("data").maxKeys(1)).contents().forEach(o -> all.add(o.key()));
        assertThat(all).containsExactly("ci/a.py", "ci/b.py", "ci/c.py", "ci/sub/d.py", "other/e.py");

        ListObjectsV2Response folders = aws.s3.listObjectsV2(b -> b.bucket("data").delimiter("/"));
        assertThat(folders.contents()).isEmpty();
        assertThat(folders.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("ci/", "other/");
    }

    @Test
    void keysWithSpacesPlusSignsAndUnicodeSurviveUploadAndListing() {
        String key = "scripts/my job+v2 (ü).py";
        aws.s3.putObject(b -> b.bucket("data").key(key), RequestBody.fromString("print('ü')"));

        assertThat(aws.s3.getObjectAsBytes(b -> b.bucket("data").key(key)).asUtf8String()).isEqualTo("print('ü')");
        assertThat(aws.s3.listObjectsV2(b -> b.bucket("data")).contents()).extracting(S3Object::key)
                .containsExactly(key);
        assertThat(aws.endpoint.state().objectContent("data", key)).isPresent();
    }

    @Test
    void aPlainUnsignedPutLikeTheCliSendsIsStoredAsIs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint.uri() + "/data/plain.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(aws.s3.getObjectAsBytes(b -> b.bucket("data").key("plain.txt")).asUtf8String()).isEqualTo("hello");
    }

    @Test
    void aChunkedUploadWhoseTrailingChecksumDoesNotMatchIsBadDigest() throws IOException, InterruptedException {
        byte[] data = "print('hello')\n".getBytes(StandardCharsets.UTF_8);
        CRC32 wrong = new CRC32();
        wrong.update(new byte[] {1, 2, 3});
        String body = Integer.toHexString(data.length) + ";chunk-signature=" + "0".repeat(64) + "\r\n"
                + new String(data, StandardCharsets.UTF_8) + "\r\n"
                + "0;chunk-signature=" + "0".repeat(64) + "\r\n"
                + "x-amz-checksum-crc32:" + java.util.Base64.getEncoder().encodeToString(
                        java.nio.ByteBuffer.allocate(4).putInt((int) wrong.getValue()).array()) + "\r\n"
                + "x-amz-trailer-signature:" + "0".repeat(64) + "\r\n\r\n";

        HttpResponse<String> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(aws.endpoint.uri() + "/data/bad.py"))
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/"
                                + "aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64))
                        .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                        .header("Content-Encoding", "aws-chunked")
                        .header("x-amz-decoded-content-length", Integer.toString(data.length))
                        .header("x-amz-trailer", "x-amz-checksum-crc32")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("<Code>BadDigest</Code>");
        assertThat(aws.endpoint.state().objects()).isEmpty();
    }

    @Test
    void copyObjectDuplicatesAnObject() {
        aws.s3.putObject(b -> b.bucket("data").key("from"), RequestBody.fromString("body"));

        aws.s3.copyObject(b -> b.sourceBucket("data").sourceKey("from").destinationBucket("data").destinationKey("to"));

        assertThat(aws.s3.getObjectAsBytes(b -> b.bucket("data").key("to")).asUtf8String()).isEqualTo("body");
    }

    @Test
    void aRangedGetReturnsThePart() {
        aws.s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("0123456789"));

        var part = aws.s3.getObjectAsBytes(b -> b.bucket("data").key("k").range("bytes=2-5"));

        assertThat(part.asUtf8String()).isEqualTo("2345");
        assertThat(part.response().contentRange()).isEqualTo("bytes 2-5/10");
    }
}
