package io.github.gluehealthcheck.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One passing health check of one job, measured from outside: the process (exec to exit, output lines) and the
 * endpoint (the run's StartedOn/CompletedOn, every request).
 */
final class Sample {
    String way;
    double wall;
    double run;
    double notice;
    double firstOutput;
    Instant started;
    Instant mainEntered;
    Long maxRssKb;
    Map<String, Long> calls = new TreeMap<>();

    static Sample of(String way, Proc.Result r, Endpoint endpoint, Instant started, String verdictMarker) {
        Sample s = new Sample();
        s.way = way;
        s.started = started;
        s.wall = r.seconds();
        s.maxRssKb = r.maxRssKb();
        List<Endpoint.Run> runs = endpoint.runs().stream().filter(x -> x.startedOn().isAfter(started)).toList();
        if (runs.size() != 1) {
            throw new IllegalStateException(way + ": expected one run, found " + runs.size() + "\n" + r);
        }
        Endpoint.Run run = runs.get(0);
        s.run = run.seconds();
        Proc.Line verdict = r.first(t -> t.startsWith(verdictMarker))
                .orElseThrow(() -> new IllegalStateException(way + ": no verdict line\n" + r));
        s.notice = Clock.seconds(run.completedOn(), verdict.at());
        s.firstOutput = r.lines().isEmpty() ? Double.NaN : Clock.seconds(started, r.lines().get(0).at());
        for (Endpoint.Request q : endpoint.requests()) {
            s.calls.merge(q.name(), 1L, Long::sum);
        }
        return s;
    }

    double overhead() {
        return wall - run;
    }

    /** Exec to the class Main being loaded (main() follows at once); NaN when not measured. */
    double jvmStart() {
        return mainEntered == null ? Double.NaN : Clock.seconds(started, mainEntered);
    }

    double ours() {
        return overhead() - jvmStart();
    }

    long total() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    long polls() {
        return calls.getOrDefault("glue:GetJobRun", 0L);
    }

    long logReads() {
        return calls.getOrDefault("logs:FilterLogEvents", 0L) + calls.getOrDefault("logs:GetLogEvents", 0L);
    }

    /** Calls other than status polls and log reads. */
    long others() {
        return total() - polls() - logReads();
    }

    String line() {
        return String.format(Locale.ROOT, "wall %.3f s, run %.3f s, overhead %.3f s, JVM start %.3f s, ours %.3f s, "
                + "verdict %.3f s after the end, %d calls (%d polls, %d log reads, %d others), max RSS %s",
                wall, run, overhead(), jvmStart(), ours(), notice, total(), polls(), logReads(), others(),
                maxRssKb == null ? "n/a" : Stats.mb(maxRssKb) + " MB");
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("way", way);
        m.put("wallSeconds", wall);
        m.put("runSeconds", run);
        m.put("overheadSeconds", overhead());
        m.put("jvmStartSeconds", Double.isNaN(jvmStart()) ? null : jvmStart());
        m.put("oursSeconds", Double.isNaN(ours()) ? null : ours());
        m.put("verdictAfterEndSeconds", notice);
        m.put("firstOutputSeconds", firstOutput);
        m.put("maxRssKb", maxRssKb);
        m.put("calls", calls);
        return m;
    }
}
