package io.github.gluehealthcheck.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every AWS request the endpoint received, oldest first. Admin ({@code /_local/}) requests are not recorded. */
public final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();

    RequestLog() {
    }

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    /** A snapshot of all recorded requests. */
    public synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }

    public synchronized int count() {
        return requests.size();
    }

    /** Requests to one service ({@code glue}, {@code s3}, {@code logs}, {@code sts}). */
    public List<RecordedRequest> forService(String service) {
        return matching(r -> r.service().equals(service));
    }

    /** Requests of one operation, e.g. {@code forOperation("glue", "StartJobRun")}. */
    public List<RecordedRequest> forOperation(String service, String operation) {
        return matching(r -> r.is(service, operation));
    }

    /** How many requests of one operation were received. */
    public int count(String service, String operation) {
        return forOperation(service, operation).size();
    }

    /** Requests that name a Glue job. */
    public List<RecordedRequest> forJob(String jobName) {
        return matching(r -> jobName.equals(r.jobName()));
    }

    public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Names of the operations received, in order, as {@code service:Operation}; handy in assertion messages. */
    public synchronized List<String> operations() {
        List<String> names = new ArrayList<>(requests.size());
        for (RecordedRequest r : requests) {
            names.add(r.service() + ":" + r.operation());
        }
        return names;
    }
}
