package io.github.gluehealthcheck.engine.glue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Links to a run in the AWS consoles, on the console of the region's partition: {@code <region>.console.aws.amazon.com}
 * (AWS General Reference, "AWS Management Console endpoints"), {@code console.amazonaws.cn} (Getting Started with
 * AWS in China) and {@code console.amazonaws-us-gov.com} (AWS GovCloud (US) User Guide). The isolated partitions have
 * no public console: no link there.
 */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** The region's partition as the SDK's endpoint data knows it: {@code aws}, {@code aws-cn}, {@code aws-iso}, ... */
    public static String partition(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    private static String consoleHost(String region) {
        return switch (partition(region)) {
            case "aws" -> region + ".console.aws.amazon.com";
            case "aws-cn" -> "console.amazonaws.cn";
            case "aws-us-gov" -> "console.amazonaws-us-gov.com";
            default -> null;
        };
    }

    /** The run in Glue Studio, or null in a partition without a public console. */
    public static String glueRun(String region, String jobName, String runId) {
        String host = consoleHost(region);
        return host == null ? null : "https://" + host + "/gluestudio/home?region=" + region + "#/job/"
                + encode(jobName) + "/run/" + runId;
    }

    /** The run's streams in CloudWatch, or null in a partition without a public console. CloudWatch's log viewer
     * escapes its fragment twice: '/' becomes $252F. */
    public static String logs(String region, String group, String runId) {
        String host = consoleHost(region);
        return host == null ? null : "https://" + host + "/cloudwatch/home?region=" + region
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
