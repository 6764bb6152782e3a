package io.github.gluehealthcheck.engine.glue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links to a run in the AWS consoles. */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    public static String glueRun(String region, String jobName, String runId) {
        return "https://" + region + ".console.aws.amazon.com/gluestudio/home?region=" + region + "#/job/"
                + encode(jobName) + "/run/" + runId;
    }

    /** CloudWatch's log viewer escapes its fragment twice: '/' becomes $252F. */
    public static String logs(String region, String group, String runId) {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:log-groups/log-group/" + cloudWatchEscape(group) + "/log-events$3FlogStreamNameFilter$3D"
                + cloudWatchEscape(runId);
    }

    private static String cloudWatchEscape(String s) {
        return encode(s).replace("%", "$25");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
