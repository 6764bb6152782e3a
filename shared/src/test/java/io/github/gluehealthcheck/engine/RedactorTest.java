package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksSecretsAndTheirBase64Forms() {
        Redactor r = Redactor.of(List.of("s3cr3t-value", "tok"));
        String b64 = Base64.getEncoder().encodeToString("s3cr3t-value".getBytes(StandardCharsets.UTF_8));
        assertThat(r.mask("key=s3cr3t-value and " + b64 + " tok")).isEqualTo("key=**** and **** tok");
    }

    @Test
    void masksASecretEscapedInsideJsonText() {
        Redactor r = Redactor.of(List.of("pa\"ss\\word"));
        assertThat(r.mask("{\"--db_password\": \"pa\\\"ss\\\\word\"}")).isEqualTo("{\"--db_password\": \"****\"}");
    }

    @Test
    void longerSecretsAreMaskedWhole() {
        assertThat(Redactor.of(List.of("abcd", "abcdefgh")).mask("abcdefgh")).isEqualTo("****");
    }
}
