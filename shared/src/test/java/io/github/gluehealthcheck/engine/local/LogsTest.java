package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LogsTest {

    private static final String OUTPUT = "/aws-glue/python-jobs/output";

    private LocalAws aws;

    @AfterEach
    void stop() {
        aws.close();
    }

    /** Runs a scripted Python shell job that logs these lines, and returns its run id once it has ended. */
    private String runLogging(String jobName, String... lines) {
        aws.endpoint.runScripts().forJob(jobName, RunScript.builder().logOutput(lines).thenSucceed());
        String job = aws.createJob(jobName, b -> b.maxCapacity(0.0625)
                .command(c -> c.name("pythonshell").scriptLocation("s3://scripts/x.py")));
        String runId = aws.startRun(job);
        aws.awaitFinal(job, runId);
        return runId;
    }

    @Test
    void aGroupNothingWroteToYetIsResourceNotFound() {
        aws = LocalAws.start();
        assertThatThrownBy(() -> aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> aws.logs.describeLogStreams(b -> b.logGroupName(OUTPUT)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void filterLogEventsPagesWithALimitUntilThereIsNoToken() {
        aws = LocalAws.start();
        String runId = runLogging("hc-pages", "one", "two", "three", "four", "five");

        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            FilterLogEventsResponse page = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                    .logStreamNamePrefix(runId).limit(2).nextToken(t));
            pages.add(page.events().stream().map(FilteredLogEvent::message).toList());
            token = page.nextToken();
        } while (token != null);

        assertThat(pages).containsExactly(List.of("one", "two"), List.of("three", "four"), List.of("five"));
    }

    @Test
    void anEmptyPageCanStillCarryANextTokenAndTheSdkPaginatorDrainsPastIt() {
        aws = LocalAws.start(LocalAws.fast().emptyLogPages(1).build(), false);
        String runId = runLogging("hc-empty", "one", "two", "three");

        FilterLogEventsResponse first = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                .logStreamNamePrefix(runId).limit(2));
        assertThat(first.events()).isEmpty();
        assertThat(first.nextToken()).isNotNull();
        FilterLogEventsResponse second = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                .logStreamNamePrefix(runId).limit(2).nextToken(first.nextToken()));
        assertThat(second.events()).extracting(FilteredLogEvent::message).containsExactly("one", "two");
        assertThat(second.nextToken()).isNotNull();

        List<String> drained = new ArrayList<>();
        aws.logs.filterLogEventsPaginator(b -> b.logGroupName(OUTPUT).logStreamNamePrefix(runId).limit(2))
                .events().forEach(e -> drained.add(e.message()));
        assertThat(drained).containsExactly("one", "two", "three");
    }

    @Test
    void aTokenKeepsItsPlaceSoLaterEventsArriveOnTheNextCall() {
        aws = LocalAws.start();
        String first = runLogging("hc-a", "a1");
        FilterLogEventsResponse page = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT).limit(1));
        assertThat(page.events()).extracting(FilteredLogEvent::logStreamName).containsExactly(first);
        assertThat(page.nextToken()).isNull();

        String second = runLogging("hc-b", "b1", "b2");

        FilterLogEventsResponse all = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                .startTime(page.events().get(0).timestamp()));
        assertThat(all.events()).extracting(FilteredLogEvent::message).containsExactly("a1", "b1", "b2");
        assertThat(aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT).logStreamNames(second)).events())
                .extracting(FilteredLogEvent::message).containsExactly("b1", "b2");
        assertThat(aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT).filterPattern("b2")).events())
                .extracting(FilteredLogEvent::message).containsExactly("b2");
        assertThat(aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                .endTime(page.events().get(0).timestamp() - 1)).events()).isEmpty();
    }

    @Test
    void getLogEventsReadsAStreamFromTheHeadAndItsForwardTokenStaysPutAtTheEnd() {
        aws = LocalAws.start();
        String runId = runLogging("hc-get", "l1", "l2", "l3");

        GetLogEventsResponse head = aws.logs.getLogEvents(b -> b.logGroupName(OUTPUT).logStreamName(runId)
                .startFromHead(true).limit(2));
        assertThat(head.events()).extracting(OutputLogEvent::message).containsExactly("l1", "l2");
        GetLogEventsResponse rest = aws.logs.getLogEvents(b -> b.logGroupName(OUTPUT).logStreamName(runId)
                .nextToken(head.nextForwardToken()));
        assertThat(rest.events()).extracting(OutputLogEvent::message).containsExactly("l3");
        GetLogEventsResponse end = aws.logs.getLogEvents(b -> b.logGroupName(OUTPUT).logStreamName(runId)
                .nextToken(rest.nextForwardToken()));
        assertThat(end.events()).isEmpty();
        assertThat(end.nextForwardToken()).isEqualTo(rest.nextForwardToken());

        assertThatThrownBy(() -> aws.logs.getLogEvents(b -> b.logGroupName(OUTPUT).logStreamName("jr_missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeLogStreamsListsTheRunStreamsByPrefix() {
        aws = LocalAws.start();
        String a = runLogging("hc-d1", "x");
        String b = runLogging("hc-d2", "y", "z");

        List<LogStream> streams = aws.logs.describeLogStreams(r -> r.logGroupName(OUTPUT).logStreamNamePrefix(b))
                .logStreams();

        assertThat(streams).singleElement().satisfies(s -> {
            assertThat(s.logStreamName()).isEqualTo(b);
            assertThat(s.lastEventTimestamp()).isGreaterThanOrEqualTo(s.firstEventTimestamp());
            assertThat(s.arn()).endsWith(":log-stream:" + b);
        });
        assertThat(aws.logs.describeLogStreams(r -> r.logGroupName(OUTPUT)).logStreams())
                .extracting(LogStream::logStreamName).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void anInvalidTokenIsInvalidParameter() {
        aws = LocalAws.start();
        runLogging("hc-token", "x");
        assertThatThrownBy(() -> aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT).nextToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
    }
}
