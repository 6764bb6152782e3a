package io.github.gluehealthcheck.engine.logs;

import io.github.gluehealthcheck.engine.LogCursor;
import io.github.gluehealthcheck.engine.spec.GlueRules;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where Glue writes a run's log lines, from the job's type, Glue version, logging arguments and security
 * configuration, and from the run's {@code LogGroupName} once Glue has said it (it wins over what the settings
 * suggest). Facts from the Glue developer guide: "Logging for AWS Glue jobs" (5.x: script stdout and stderr in
 * {@code output}, system and Spark daemon logs in {@code error}, {@code --custom-logGroup-prefix},
 * {@code --custom-logStream-prefix}, security configuration names {@code <prefix>/<config>-role/<role>/output}),
 * "Enabling continuous logging for AWS Glue 4.0 and earlier jobs" ({@code /aws-glue/jobs/logs-v2},
 * {@code --continuous-log-logGroup}, {@code --continuous-log-logStreamPrefix}), the Python shell and Ray job pages,
 * and the model's {@code JobRun.LogGroupName}. Small and serializable: it travels in a check's handle.
 */
public final class LogLayout implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final JobType jobType;
    private final String glueVersion;
    private final boolean continuousLogging;
    private final String continuousGroup;
    private final String continuousStreamPrefix;
    private final String customGroupPrefix;
    private final String customStreamPrefix;
    private final String securityConfiguration;
    private final String roleName;

    private LogLayout(JobType jobType, String glueVersion, Map<String, String> arguments, String securityConfiguration,
            String role) {
        this.jobType = jobType;
        this.glueVersion = glueVersion;
        this.continuousLogging = "true".equalsIgnoreCase(arguments.get("--enable-continuous-cloudwatch-log"));
        this.continuousGroup = arguments.get("--continuous-log-logGroup");
        this.continuousStreamPrefix = arguments.get("--continuous-log-logStreamPrefix");
        this.customGroupPrefix = arguments.get("--custom-logGroup-prefix");
        this.customStreamPrefix = arguments.get("--custom-logStream-prefix");
        this.securityConfiguration = securityConfiguration;
        this.roleName = role == null ? null : role.substring(role.lastIndexOf('/') + 1);
    }

    /**
     * @param arguments the run's arguments as Glue sees them (the job's defaults and the run's own)
     * @param role      the job's role, ARN or name
     */
    public static LogLayout of(JobType jobType, String glueVersion, Map<String, String> arguments,
            String securityConfiguration, String role) {
        return new LogLayout(jobType, glueVersion, arguments, securityConfiguration, role);
    }

    private boolean spark5() {
        return !GlueRules.before(glueVersion, "5.0");
    }

    /**
     * The groups to read, output first. Before the run says its {@code LogGroupName}, a security configuration is
     * taken to rename the groups (it does when it encrypts CloudWatch logs); the run's own name settles it.
     *
     * @param runLogGroupName the run's {@code LogGroupName}, or null before the first read
     */
    public List<LogCursor> cursors(String runLogGroupName) {
        List<LogCursor> cursors = new ArrayList<>();
        switch (jobType) {
            case PYTHONSHELL -> {
                String base = runLogGroupName != null ? runLogGroupName : "/aws-glue/python-jobs" + secured();
                cursors.add(LogCursor.start(base + "/output", false));
                cursors.add(LogCursor.start(base + "/error", true)); // the script's stderr
            }
            case GLUERAY -> {
                // One group for the script's stdout and stderr; Ray jobs have no error group.
                String base = runLogGroupName != null ? runLogGroupName : "/aws-glue/ray/jobs";
                cursors.add(LogCursor.start(base + "/script-log", false));
            }
            case GLUEETL -> {
                if (spark5()) {
                    String base = runLogGroupName != null ? runLogGroupName
                            : (customGroupPrefix != null ? customGroupPrefix : "/aws-glue/jobs") + secured();
                    String stream = customStreamPrefix;
                    cursors.add(LogCursor.start(base + "/output", false, stream));
                    // System and Spark daemon logs: mostly INFO, so lines are errors by their text only.
                    cursors.add(LogCursor.start(base + "/error", false, stream));
                } else {
                    String base = runLogGroupName != null ? runLogGroupName : "/aws-glue/jobs" + secured();
                    if (continuousLogging) {
                        String group = continuousGroup != null ? continuousGroup
                                : "/aws-glue/jobs/logs-v2" + (isSecured(runLogGroupName) ? "-" + securityConfiguration : "");
                        cursors.add(LogCursor.start(group, false, continuousStreamPrefix));
                    }
                    // Driver stdout (print) is only here; lines also streamed to logs-v2 are shown once.
                    cursors.add(LogCursor.start(base + "/output", false));
                    cursors.add(LogCursor.start(base + "/error", false));
                }
            }
        }
        return cursors;
    }

    private String secured() {
        return securityConfiguration == null ? "" : "/" + securityConfiguration + "-role/" + roleName;
    }

    private boolean isSecured(String runLogGroupName) {
        return securityConfiguration != null
                && (runLogGroupName == null || runLogGroupName.contains("/" + securityConfiguration + "-role/"));
    }

    /** The wanted groups, keeping where reading had got to in a group already being read. */
    public static List<LogCursor> merge(List<LogCursor> current, List<LogCursor> wanted) {
        List<LogCursor> out = new ArrayList<>();
        for (LogCursor w : wanted) {
            out.add(current.stream().filter(c -> c.group().equals(w.group())
                    && Objects.equals(c.streamPrefix(), w.streamPrefix())).findFirst().orElse(w));
        }
        return out;
    }
}
