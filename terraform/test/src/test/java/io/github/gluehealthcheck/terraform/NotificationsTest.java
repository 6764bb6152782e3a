package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Principal;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** EventBridge "Glue Job State Change" of health-check jobs to a readable SNS message, without code. */
class NotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Deployment notifications() {
        return Deployment.inEuWest1().with("enable_notifications", true);
    }

    @Test
    void isOffByDefault() {
        for (TerraformConfig.TopBlock resource : Deployment.MODULE.resources()) {
            if (resource.file().getFileName().toString().equals("notifications.tf")) {
                String type = resource.labels().get(0);
                String name = resource.labels().get(1);
                assertThat(Deployment.inEuWest1().with("notification_email_addresses", List.of("a@example.com"))
                        .instances("resource", type, name)).as(resource.address()).isZero();
            }
        }
        assertThat(Deployment.inEuWest1().output("sns_topic_arn")).isNull();
    }

    @Test
    void matchesFinalStatesOfHealthCheckJobsOnly() throws Exception {
        Deployment deployment = notifications().with("name_prefix", "ghc")
                .with("notification_states", List.of("FAILED", "TIMEOUT", "STOPPED"));

        JsonNode pattern = JSON.readTree((String) deployment.resourceArgument("aws_cloudwatch_event_rule", "job_state", "event_pattern"));

        assertThat(pattern.get("source")).isEqualTo(JSON.readTree("[\"aws.glue\"]"));
        assertThat(pattern.get("detail-type")).isEqualTo(JSON.readTree("[\"Glue Job State Change\"]"));
        assertThat(pattern.get("detail").get("jobName")).isEqualTo(JSON.readTree("[{\"prefix\":\"ghc-\"}]"));
        assertThat(pattern.get("detail").get("state")).isEqualTo(JSON.readTree("[\"FAILED\",\"TIMEOUT\",\"STOPPED\"]"));
    }

    @Test
    void theMessageIsPlainTextWhoseEveryPlaceholderIsAnInputPath() throws Exception {
        Deployment deployment = notifications();
        String template = (String) deployment.local("notification_input_template");
        Map<String, Object> paths = HclEvaluator.map(deployment.local("notification_input_paths"));

        String text = JSON.readValue(template, String.class); // a quoted template is sent as plain text
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("<([A-Za-z0-9_.-]+)>").matcher(text);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }

        assertThat(placeholders).isEqualTo(new TreeSet<>(paths.keySet()));
        assertThat(paths.values()).allSatisfy(path -> assertThat((String) path).startsWith("$."));
        assertThat(paths).containsEntry("job", "$.detail.jobName").containsEntry("state", "$.detail.state")
                .containsEntry("run", "$.detail.jobRunId").containsEntry("message", "$.detail.message");
        assertThat(text).contains("\n").startsWith("Glue health check <job> ended <state>.");
        assertThat(TerraformConfig.source(Deployment.MODULE.resource("aws_cloudwatch_event_target", "job_state")
                .attribute("arn").orElseThrow())).isEqualTo("aws_sns_topic.notifications[0].arn");
    }

    @Test
    void onlyThisRuleMayPublishToTheTopicAndTheJanitorAlarmWhenThereIsOne() {
        List<Statement> statements = notifications().policy("notifications_topic").orElseThrow().statements();

        assertThat(statements).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("sns:Publish");
            assertThat(statement.principals()).containsExactly(new Principal("Service", List.of("events.amazonaws.com")));
            assertThat(statement.conditions()).containsExactly(new Condition("ArnEquals", "aws:SourceArn",
                    List.of("${aws_cloudwatch_event_rule.job_state[0].arn}")));
        });

        Deployment withJanitor = notifications().with("enable_janitor", true).with("janitor_package_path", "j.jar");
        Statement alarm = withJanitor.policy("notifications_topic").orElseThrow().statement("CloudWatchPublishesJanitorAlarm")
                .orElseThrow();
        String alarmName = (String) withJanitor.resourceArgument("aws_cloudwatch_metric_alarm", "janitor_errors", "alarm_name");
        assertThat(alarm.principals()).containsExactly(new Principal("Service", List.of("cloudwatch.amazonaws.com")));
        assertThat(alarm.conditions()).containsExactly(new Condition("ArnEquals", "aws:SourceArn",
                List.of(withJanitor.arn("cloudwatch", "alarm:" + alarmName))));
    }

    @Test
    void subscribesTheGivenEmailAddressesAndHttpsEndpoints() {
        Deployment deployment = notifications()
                .with("notification_email_addresses", List.of("data-team@example.com", "oncall@example.com"))
                .with("notification_https_endpoints", List.of("https://hooks.example.com/glue"));

        assertThat(deployment.instances("resource", "aws_sns_topic_subscription", "email")).isEqualTo(2);
        assertThat(deployment.instances("resource", "aws_sns_topic_subscription", "https")).isEqualTo(1);
        assertThat(deployment.resourceArgument("aws_sns_topic_subscription", "email", "protocol")).isEqualTo("email");
        assertThat(deployment.resourceArgument("aws_sns_topic_subscription", "https", "protocol")).isEqualTo("https");
    }

    @Test
    void warnsWhenSubscribersAreGivenButNotificationsAreOff() {
        var assertBlock = TerraformConfig.blocks(Deployment.MODULE.blocks("check").get(0).block(), "assert").get(0);
        var condition = TerraformConfig.attribute(assertBlock, "condition").orElseThrow();

        assertThat(Deployment.inEuWest1().evaluator().eval(condition)).isEqualTo(true);
        assertThat(Deployment.inEuWest1().with("notification_email_addresses", List.of("a@example.com"))
                .evaluator().eval(condition)).isEqualTo(false);
        assertThat(notifications().with("notification_email_addresses", List.of("a@example.com"))
                .evaluator().eval(condition)).isEqualTo(true);
    }
}
