package io.github.gluehealthcheck.engine.spec;

import java.util.List;
import java.util.Map;

/**
 * A deployed Glue job's definition as GetJob returns it, the fields a health check may copy with {@code base_job}.
 * Absent fields are null (or empty). Its tags are not here: they belong to the deployed job (cost centres, owners).
 *
 * @param notifyDelayAfterMinutes {@code NotificationProperty.NotifyDelayAfter}
 */
public record DeployedJob(
        String name,
        String role,
        String commandName,
        String pythonVersion,
        String runtime,
        String glueVersion,
        String workerType,
        Integer numberOfWorkers,
        Double maxCapacity,
        String executionClass,
        Map<String, String> defaultArguments,
        Map<String, String> nonOverridableArguments,
        List<String> connections,
        String securityConfiguration,
        Integer notifyDelayAfterMinutes) {

    public DeployedJob {
        defaultArguments = Map.copyOf(defaultArguments);
        nonOverridableArguments = Map.copyOf(nonOverridableArguments);
        connections = List.copyOf(connections);
    }
}
