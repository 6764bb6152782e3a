package io.github.gluehealthcheck.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.aws.AwsFailure.ErrorClass;
import java.net.SocketException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The table of classes: which failure is asked again, how often, and what its message says. */
class AwsFailureTest {

    static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the service's words").build())
                .build();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("ThrottlingException", 400, ErrorClass.TRANSIENT),
                Arguments.of("SlowDown", 503, ErrorClass.TRANSIENT),
                Arguments.of("InternalServiceException", 500, ErrorClass.TRANSIENT),
                Arguments.of("ServiceUnavailable", 503, ErrorClass.TRANSIENT),
                Arguments.of("AccessDenied", 403, ErrorClass.DENIED),
                Arguments.of("AccessDeniedException", 400, ErrorClass.DENIED),
                Arguments.of("UnrecognizedClientException", 400, ErrorClass.DENIED),
                Arguments.of("ExpiredToken", 400, ErrorClass.DENIED),
                Arguments.of("ExpiredTokenException", 400, ErrorClass.DENIED),
                Arguments.of("InvalidClientTokenId", 403, ErrorClass.DENIED),
                Arguments.of("EntityNotFoundException", 400, ErrorClass.PER_CALL),
                Arguments.of("NoSuchBucket", 404, ErrorClass.PER_CALL),
                Arguments.of("AlreadyExistsException", 400, ErrorClass.PER_CALL),
                Arguments.of("ConcurrentRunsExceededException", 400, ErrorClass.PER_CALL));
    }

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @MethodSource("answers")
    void everyErrorAnswerHasItsClass(String code, int status, ErrorClass expected) {
        assertThat(AwsFailure.of(service(code, status)).errorClass()).isEqualTo(expected);
    }

    @Test
    void everyKindBelongsToAClass() {
        assertThat(Arrays.stream(AwsFailure.Kind.values()).map(AwsFailure.Kind::errorClass)).doesNotContainNull();
        assertThat(ErrorClass.UNREADABLE.attempts()).isEqualTo(3);
        assertThat(ErrorClass.DENIED.attempts()).isEqualTo(1);
    }

    @Test
    void anAnswerTheSdkCouldNotReadIsUnreadableNotUnreachable() {
        AwsFailure f = AwsFailure.of(SdkClientException.create("Unable to unmarshall response (Input timestamp string "
                + "must be no longer than 20 characters). Response Code: 200, Response Text: OK"));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.UNREADABLE);
        assertThat(f.message()).contains("arrived but could not be read", "Input timestamp string")
                .doesNotContain("could not be reached");
    }

    @Test
    void aConnectionThatBrokeWhileTheAnswerWasReadIsTransient() {
        AwsFailure f = AwsFailure.of(SdkClientException.create("Unable to unmarshall response (Connection reset)",
                new SocketException("Connection reset")));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(f.message()).startsWith("AWS could not be reached: SocketException");
    }

    @Test
    void aFailureOfOurOwnIsLeftToTheCallNotRetried() {
        assertThat(AwsFailure.of(new IllegalStateException("not ours")).errorClass()).isEqualTo(ErrorClass.PER_CALL);
    }

    @Test
    void theIamActionOfACallIsTheOneAwsOperationDeclares() {
        assertThat(AwsFailure.iamAction("s3:HeadObject")).isEqualTo("s3:GetObject");
        assertThat(AwsFailure.iamAction("glue:DeleteJob")).isEqualTo("glue:DeleteJob");
        assertThat(AwsFailure.iamAction("glue:TagResource")).isEqualTo("glue:TagResource");
        assertThat(AwsFailure.iamAction("sts:GetCallerIdentity")).as("needs no permission").isNull();
    }
}
