package io.github.gluehealthcheck.bench;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.PollSchedule;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The same health check as the CLI, through the same engine, but watching the run with a fixed-interval poller
 * ({@link PollSchedule#fixed}) as Airflow's Glue operator (6 s) and the original solution (30 s) do; for the
 * benchmark's side-by-side comparison only.
 *
 * <pre>java -cp glue-health-check.jar:bench-classes io.github.gluehealthcheck.bench.FixedPollCheck SECONDS --script x.py ...</pre>
 *
 * Flags are the CLI's ({@code --job-type}, {@code --endpoint}, ...). It prints the CLI's phase, state and verdict
 * lines ({@code [job] verdict: PASSED}) and exits 0 when every check passed, else 1.
 */
public final class FixedPollCheck {

    private FixedPollCheck() {
    }

    public static void main(String[] args) throws Exception {
        Duration interval = Duration.ofMillis(Math.round(Double.parseDouble(args[0]) * 1000));
        HealthCheckRequest request = request(args, 1);
        ProgressListener out = listener();
        int code;
        try (CheckSession session = CheckSession.open(request,
                EngineOptions.builder().pollSchedule(PollSchedule.fixed(interval)))) {
            PlanResult result = session.check(out, new Cancellation());
            session.writeReports(result);
            print("Glue health check " + result.status());
            code = result.status() == io.github.gluehealthcheck.engine.CheckStatus.PASSED ? 0 : 1;
        }
        System.exit(code);
    }

    /** The request the CLI would make of the flags {@code args[from..]} ({@code --script x.py --job-type ...}). */
    static HealthCheckRequest request(String[] args, int from) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            settings.put(args[i].substring(2).replace('-', '_'), args[i + 1]);
        }
        settings.putIfAbsent("workspace", Path.of("").toAbsolutePath().toString());
        return SettingsReader.read(settings, System.getenv(), CiContext.builder().provider("local"));
    }

    /** Prints the CLI's phase, state and verdict lines. */
    static ProgressListener listener() {
        return new ProgressListener() {
            @Override
            public void phase(String job, Phase phase, String detail) {
                if (phase != Phase.VERDICT) {
                    print((job == null ? "[" + phase.label() + "]" : "[" + job + "] " + phase.label() + ":") + " " + detail);
                }
            }

            @Override
            public void runState(String job, String state, String detail) {
                print("[" + job + "] state: " + state);
            }

            @Override
            public void verdict(String job, CheckResult result) {
                print("[" + job + "] verdict: " + result.status() + ": " + result.reason());
            }
        };
    }

    static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
