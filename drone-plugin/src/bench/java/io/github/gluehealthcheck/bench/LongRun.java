package io.github.gluehealthcheck.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** GetJobRun calls of one long run, per minute after its first two minutes. */
record LongRun(double runSeconds, long pollsTotal, long pollsAfterTwoMinutes, double minutesAfterTwo,
        List<Long> perMinute, int exitCode) {

    static LongRun of(Proc.Result r, List<Endpoint.Request> requests, List<Endpoint.Run> runs) {
        Endpoint.Run run = runs.stream().filter(x -> x.jobName().contains("-long-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no long run"));
        Instant from = run.startedOn().plus(Duration.ofMinutes(2));
        Instant to = run.completedOn();
        List<Instant> polls = requests.stream().filter(q -> run.jobName().equals(q.jobName())
                && q.operation().equals("GetJobRun")).map(Endpoint.Request::at).toList();
        long after = polls.stream().filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
        List<Long> perMinute = new ArrayList<>();
        for (Instant m = from; !m.plus(Duration.ofMinutes(1)).isAfter(to); m = m.plus(Duration.ofMinutes(1))) {
            Instant start = m;
            Instant end = m.plus(Duration.ofMinutes(1));
            perMinute.add(polls.stream().filter(t -> !t.isBefore(start) && t.isBefore(end)).count());
        }
        return new LongRun(run.seconds(), polls.size(), after, Clock.seconds(from, to) / 60, perMinute, r.exitCode());
    }

    double perMinuteAverage() {
        return pollsAfterTwoMinutes / minutesAfterTwo;
    }

    long perMinuteMax() {
        return perMinute.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "run %.1f s, %d GetJobRun in all, %d in the %.2f min after the first two "
                + "(%.2f per minute), per whole minute %s, exit %d", runSeconds, pollsTotal, pollsAfterTwoMinutes,
                minutesAfterTwo, perMinuteAverage(), perMinute, exitCode);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runSeconds", runSeconds);
        m.put("getJobRunTotal", pollsTotal);
        m.put("getJobRunAfterTwoMinutes", pollsAfterTwoMinutes);
        m.put("minutesAfterTwo", minutesAfterTwo);
        m.put("perMinuteAverage", perMinuteAverage());
        m.put("perWholeMinute", perMinute);
        m.put("exitCode", exitCode);
        return m;
    }
}
