package io.github.gluehealthcheck.bench;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Health checks one after another in one JVM, as a Jenkins controller runs them: the engine's own overhead once
 * the JVM has started and the code has been loaded. For each line {@code go} on standard input it opens a new
 * session (new AWS clients, as each Jenkins step does), runs the check with the engine's defaults, writes the
 * reports, and prints {@code done PASSED} (or the status); it exits at the end of input. The benchmark times each
 * check from writing {@code go} to the {@code done} line arriving, from outside.
 *
 * <pre>java -cp glue-health-check.jar:bench-classes io.github.gluehealthcheck.bench.WarmChecks --script x.py ...</pre>
 */
public final class WarmChecks {

    private WarmChecks() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        FixedPollCheck.print("ready");
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.equals("go")) {
                continue;
            }
            try (CheckSession session = CheckSession.open(FixedPollCheck.request(args, 0), EngineOptions.builder())) {
                PlanResult result = session.check(FixedPollCheck.listener(), new Cancellation());
                session.writeReports(result);
                FixedPollCheck.print("done " + result.status());
            }
        }
    }
}
