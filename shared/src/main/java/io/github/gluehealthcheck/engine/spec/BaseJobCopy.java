package io.github.gluehealthcheck.engine.spec;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a check took from its {@code base_job}: the parts of the definition that have no setting of their own
 * (the command's Python version and runtime, non-overridable arguments, the notification delay), and which
 * settings were copied and which the check's own settings overrode, to say so in the console and reports.
 *
 * @param copied    setting keys (and {@code arguments --key}) whose value came from the deployed job
 * @param overridden setting keys (and {@code arguments --key}) the deployed job had but the check's settings replaced
 */
public record BaseJobCopy(
        String name,
        String pythonVersion,
        String runtime,
        Map<String, String> nonOverridableArguments,
        Integer notifyDelayAfterMinutes,
        List<String> copied,
        List<String> overridden) implements Serializable {

    public BaseJobCopy {
        nonOverridableArguments = Map.copyOf(nonOverridableArguments);
        copied = List.copyOf(copied);
        overridden = List.copyOf(overridden);
    }
}
