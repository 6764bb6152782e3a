package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** {@code endpoint: local} listens on a port other local users can reach: only the session's own clients get in. */
class LocalModeAccessTest {

    @Test
    void theEmbeddedEndpointRequiresATokenThatOnlyTheSessionsClientsSend(@TempDir Path workspace) {
        HealthCheckRequest request = SettingsReader.read(Map.of("workspace", workspace.toString(), "endpoint", "local",
                "mode", "sweep"), Map.of(), CiContext.builder().repo("data/etl"));

        try (CheckSession session = CheckSession.open(request)) {
            LocalAwsEndpoint endpoint = session.localEndpoint();
            assertThat(endpoint.token()).isPresent();
            assertThat(session.aws().sts().getCallerIdentity().account()).isEqualTo("123456789012");
            session.aws().glue().getJobs(b -> { });

            try (GlueClient neighbour = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("LOCALACCESSKEY", "local-secret-not-a-secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThatThrownBy(() -> neighbour.getJobs(b -> { }))
                        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }
}
