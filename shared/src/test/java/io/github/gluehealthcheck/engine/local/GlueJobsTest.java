package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.ListJobsResponse;
import software.amazon.awssdk.services.glue.model.WorkerType;

class GlueJobsTest {

    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:job/";

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private String sparkJob(String name, Map<String, String> tags) {
        return aws.createJob(name, b -> b.command(c -> c.name("glueetl").scriptLocation("s3://scripts/" + name + ".py"))
                .glueVersion("5.0").workerType(WorkerType.G_1_X).numberOfWorkers(2).timeout(5).tags(tags)
                .defaultArguments(Map.of("--health_check", "true")));
    }

    @Test
    void createdJobIsReadBackWithTagsListedByTagAndDeleted() {
        sparkJob("hc-orders", Map.of("owner", "glue-health-check", "repo", "data"));
        sparkJob("other-job", Map.of("owner", "someone-else"));

        Job job = aws.glue.getJob(b -> b.jobName("hc-orders")).job();
        assertThat(job.name()).isEqualTo("hc-orders");
        assertThat(job.command().name()).isEqualTo("glueetl");
        assertThat(job.command().scriptLocation()).isEqualTo("s3://scripts/hc-orders.py");
        assertThat(job.glueVersion()).isEqualTo("5.0");
        assertThat(job.workerType()).isEqualTo(WorkerType.G_1_X);
        assertThat(job.numberOfWorkers()).isEqualTo(2);
        assertThat(job.timeout()).isEqualTo(5);
        assertThat(job.maxRetries()).isZero();
        assertThat(job.executionProperty().maxConcurrentRuns()).isEqualTo(1);
        assertThat(job.defaultArguments()).containsEntry("--health_check", "true");
        assertThat(job.createdOn()).isNotNull();

        assertThat(aws.glue.getTags(b -> b.resourceArn(ARN_PREFIX + "hc-orders")).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "glue-health-check", "repo", "data"));
        assertThat(aws.glue.listJobs(b -> b.tags(Map.of("owner", "glue-health-check"))).jobNames())
                .containsExactly("hc-orders");
        assertThat(aws.glue.listJobs(b -> b.tags(Map.of("owner", "glue-health-check", "repo", "other")))
                .jobNames()).isEmpty();
        assertThat(aws.glue.listJobs(b -> { }).jobNames()).containsExactly("hc-orders", "other-job");

        assertThat(aws.glue.deleteJob(b -> b.jobName("hc-orders")).jobName()).isEqualTo("hc-orders");
        assertThatThrownBy(() -> aws.glue.getJob(b -> b.jobName("hc-orders")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(aws.endpoint.state().job("hc-orders")).isEmpty();
    }

    @Test
    void deletingAMissingJobSucceedsAndNamesIt() {
        assertThat(aws.glue.deleteJob(b -> b.jobName("never-existed")).jobName()).isEqualTo("never-existed");
    }

    @Test
    void maxCapacityTogetherWithWorkerTypeIsRejected() {
        assertThatThrownBy(() -> aws.createJob("both", b -> b
                .command(c -> c.name("glueetl").scriptLocation("s3://scripts/a.py"))
                .maxCapacity(2.0).workerType(WorkerType.G_1_X).numberOfWorkers(2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("MaxCapacity");
        assertThat(aws.endpoint.state().jobs()).isEmpty();
    }

    @Test
    void anExistingNameIsAlreadyExists() {
        sparkJob("hc-dup", Map.of());
        assertThatThrownBy(() -> sparkJob("hc-dup", Map.of()))
                .isInstanceOfSatisfying(AlreadyExistsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException"));
    }

    @Test
    void invalidDefinitionsAreRejectedLikeGlue() {
        List<Runnable> invalid = List.of(
                () -> aws.createJob("x".repeat(256), b -> b.command(c -> c.name("glueetl")
                        .scriptLocation("s3://scripts/a.py"))),
                () -> aws.createJob("two\nlines", b -> b.command(c -> c.name("glueetl")
                        .scriptLocation("s3://scripts/a.py"))),
                () -> aws.glue.createJob(b -> b.name("no-role").command(c -> c.name("glueetl")
                        .scriptLocation("s3://scripts/a.py"))),
                () -> aws.createJob("bad-command", b -> b.command(c -> c.name("spark")
                        .scriptLocation("s3://scripts/a.py"))),
                () -> aws.createJob("local-script", b -> b.command(c -> c.name("glueetl")
                        .scriptLocation("/home/me/a.py"))),
                () -> aws.createJob("shell-capacity", b -> b.command(c -> c.name("pythonshell")
                        .scriptLocation("s3://scripts/a.py")).maxCapacity(2.0)));
        for (Runnable call : invalid) {
            assertThatThrownBy(call::run).isInstanceOf(InvalidInputException.class);
        }
        assertThat(aws.endpoint.state().jobs()).isEmpty();
    }

    @Test
    void defaultsFollowTheGlueVersion() {
        aws.createJob("v5", b -> b.command(c -> c.name("glueetl").scriptLocation("s3://s/a.py")).glueVersion("5.0"));
        aws.createJob("v4", b -> b.command(c -> c.name("glueetl").scriptLocation("s3://s/a.py")).glueVersion("4.0"));

        assertThat(aws.glue.getJob(b -> b.jobName("v5")).job().timeout()).isEqualTo(480);
        assertThat(aws.glue.getJob(b -> b.jobName("v4")).job().timeout()).isEqualTo(2880);
    }

    @Test
    void getJobsAndListJobsPageWithNextToken() {
        for (int i = 0; i < 5; i++) {
            sparkJob("job-" + i, Map.of("owner", "hc"));
        }
        List<String> viaGetJobs = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetJobsResponse page = aws.glue.getJobs(b -> b.maxResults(2).nextToken(t));
            page.jobs().forEach(j -> viaGetJobs.add(j.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(viaGetJobs).containsExactly("job-0", "job-1", "job-2", "job-3", "job-4");

        ListJobsResponse first = aws.glue.listJobs(b -> b.maxResults(3).tags(Map.of("owner", "hc")));
        assertThat(first.jobNames()).containsExactly("job-0", "job-1", "job-2");
        ListJobsResponse second = aws.glue.listJobs(b -> b.maxResults(3).tags(Map.of("owner", "hc"))
                .nextToken(first.nextToken()));
        assertThat(second.jobNames()).containsExactly("job-3", "job-4");
        assertThat(second.nextToken()).isNull();

        assertThat(aws.glue.listJobsPaginator(b -> b.maxResults(1)).jobNames()).hasSize(5);
    }

    @Test
    void tagsCanBeAddedAndRemovedAndMissingJobsAreNotFound() {
        sparkJob("hc-tags", Map.of("a", "1"));
        aws.glue.tagResource(b -> b.resourceArn(ARN_PREFIX + "hc-tags").tagsToAdd(Map.of("b", "2")));
        aws.glue.untagResource(b -> b.resourceArn(ARN_PREFIX + "hc-tags").tagsToRemove("a"));

        assertThat(aws.glue.getTags(b -> b.resourceArn(ARN_PREFIX + "hc-tags")).tags()).isEqualTo(Map.of("b", "2"));
        assertThat(aws.endpoint.state().job("hc-tags").orElseThrow().tags()).isEqualTo(Map.of("b", "2"));
        assertThatThrownBy(() -> aws.glue.getTags(b -> b.resourceArn(ARN_PREFIX + "missing")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> aws.glue.tagResource(b -> b.resourceArn(ARN_PREFIX + "missing")
                .tagsToAdd(Map.of("x", "y")))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void runsOfMissingJobsAndUnknownRunIdsAreNotFound() {
        assertThatThrownBy(() -> aws.glue.startJobRun(b -> b.jobName("missing")))
                .isInstanceOf(EntityNotFoundException.class);
        sparkJob("hc-known", Map.of());
        assertThatThrownBy(() -> aws.glue.getJobRun(b -> b.jobName("hc-known").runId("jr_" + "0".repeat(64))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void requestLogNamesTheJobOfEachGlueCall() {
        sparkJob("hc-logged", Map.of());
        aws.glue.getJob(b -> b.jobName("hc-logged"));
        aws.glue.getTags(b -> b.resourceArn(ARN_PREFIX + "hc-logged"));

        assertThat(aws.endpoint.requests().forService("glue"))
                .extracting(RecordedRequest::operation, RecordedRequest::jobName, RecordedRequest::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CreateJob", "hc-logged", 200),
                        org.assertj.core.groups.Tuple.tuple("GetJob", "hc-logged", 200),
                        org.assertj.core.groups.Tuple.tuple("GetTags", "hc-logged", 200));
    }
}
