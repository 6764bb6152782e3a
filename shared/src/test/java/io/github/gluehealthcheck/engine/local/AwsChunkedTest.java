package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedTest {

    private static final String SIG = ";chunk-signature=" + "a".repeat(64);

    private static AwsChunked.Decoded decode(String body) {
        return AwsChunked.decode(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void signedChunksWithATrailerAreJoinedAndTheTrailerRead() {
        AwsChunked.Decoded d = decode("5" + SIG + "\r\nhello\r\n6" + SIG + "\r\n world\r\n0" + SIG + "\r\n"
                + "x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:" + "b".repeat(64) + "\r\n\r\n");

        assertThat(new String(d.data(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(d.trailers()).containsEntry("x-amz-checksum-crc32", "DUoRhQ==")
                .containsKey("x-amz-trailer-signature");
    }

    @Test
    void unsignedChunksAndABodyWithoutTrailerDecodeToo() {
        assertThat(decode("3\r\nabc\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n").data())
                .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(decode("3" + SIG + "\r\nabc\r\n0" + SIG + "\r\n\r\n").trailers()).isEmpty();
        assertThat(decode("0" + SIG + "\r\n\r\n").data()).isEmpty();
    }

    @Test
    void aMalformedBodyIsIncompleteBody() {
        assertThatThrownBy(() -> decode("zz\r\nabc\r\n0\r\n\r\n"))
                .isInstanceOfSatisfying(ServiceError.class, e -> assertThat(e.code).isEqualTo("IncompleteBody"));
        assertThatThrownBy(() -> decode("10\r\nabc\r\n0\r\n\r\n")).isInstanceOf(ServiceError.class);
        assertThatThrownBy(() -> decode("3\r\nabcX\r\n0\r\n\r\n")).isInstanceOf(ServiceError.class);
    }
}
