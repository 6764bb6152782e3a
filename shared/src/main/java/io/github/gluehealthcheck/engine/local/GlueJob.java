package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Glue job definition as CreateJob stored it. The definition JSON is kept whole, so GetJob returns every field a
 * client sent (Connections, SecurityConfiguration, ...) without this class modelling each one.
 */
final class GlueJob {

    static final String PYTHON_SHELL = "pythonshell";

    final String name;
    /** The CreateJob request without Tags, plus the defaults Glue fills in. Never modified after creation. */
    final ObjectNode definition;
    /** Guarded by the {@link GlueApi}'s lock; TagResource and UntagResource change it. */
    final Map<String, String> tags;
    final Instant createdOn;
    final String role;
    final String commandName;
    final String scriptLocation;
    final String glueVersion;
    final Map<String, String> defaultArguments;
    final int timeoutMinutes;
    final int maxRetries;
    final int maxConcurrentRuns;
    final Double maxCapacity;
    final String workerType;
    final Integer numberOfWorkers;
    final String executionClass;
    final String securityConfiguration;

    GlueJob(ObjectNode request, Instant createdOn) {
        this.definition = request.deepCopy();
        this.definition.remove("Tags");
        this.tags = Json.stringMap(request, "Tags");
        this.createdOn = createdOn;
        this.name = Json.text(request, "Name");
        this.role = Json.text(request, "Role");
        JsonNode command = request.path("Command");
        this.commandName = Json.text(command, "Name");
        this.scriptLocation = Json.text(command, "ScriptLocation");
        this.glueVersion = Json.text(request, "GlueVersion");
        this.defaultArguments = Json.stringMap(request, "DefaultArguments");
        Integer timeout = Json.integer(request, "Timeout");
        // Glue's defaults: 480 minutes from 5.0 on, 2880 before (the costly default the engine must override).
        this.timeoutMinutes = timeout != null ? timeout : majorVersion(glueVersion) >= 5 ? 480 : 2880;
        Integer retries = Json.integer(request, "MaxRetries");
        this.maxRetries = retries == null ? 0 : retries;
        Integer concurrent = Json.integer(request.path("ExecutionProperty"), "MaxConcurrentRuns");
        this.maxConcurrentRuns = concurrent == null ? 1 : concurrent;
        this.workerType = Json.text(request, "WorkerType");
        this.numberOfWorkers = Json.integer(request, "NumberOfWorkers");
        Double capacity = Json.decimal(request, "MaxCapacity");
        this.maxCapacity = capacity != null ? capacity : capacityOf(workerType, numberOfWorkers);
        String execution = Json.text(request, "ExecutionClass");
        this.executionClass = execution == null ? "STANDARD" : execution;
        this.securityConfiguration = Json.text(request, "SecurityConfiguration");

        definition.put("Timeout", timeoutMinutes);
        definition.put("MaxRetries", maxRetries);
        definition.putObject("ExecutionProperty").put("MaxConcurrentRuns", maxConcurrentRuns);
        if (maxCapacity != null) {
            definition.put("MaxCapacity", maxCapacity);
        }
        definition.put("ExecutionClass", executionClass);
    }

    String arn(String region, String accountId) {
        return "arn:" + io.github.gluehealthcheck.engine.glue.ConsoleLinks.partition(region) + ":glue:" + region + ":"
                + accountId + ":job/" + name;
    }

    boolean isPythonShell() {
        return PYTHON_SHELL.equals(commandName);
    }

    /** The JSON of GetJob's {@code Job}. */
    ObjectNode toJson() {
        ObjectNode job = definition.deepCopy();
        job.put("CreatedOn", Json.epochSeconds(createdOn));
        job.put("LastModifiedOn", Json.epochSeconds(createdOn));
        return job;
    }

    /** The leading number of a Glue version ("5.0" gives 5); 0 when absent (Glue's legacy default). */
    static int majorVersion(String glueVersion) {
        if (glueVersion == null) {
            return 0;
        }
        int end = 0;
        while (end < glueVersion.length() && Character.isDigit(glueVersion.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(glueVersion.substring(0, end));
    }

    /** DPUs of a worker fleet, as Glue reports MaxCapacity for worker-based jobs; null if unknown. */
    static Double capacityOf(String workerType, Integer workers) {
        if (workerType == null || workers == null) {
            return null;
        }
        double perWorker = switch (workerType) {
            case "G.025X" -> 0.25;
            case "Standard", "G.1X", "R.1X" -> 1;
            case "G.2X", "Z.2X", "R.2X" -> 2;
            case "G.4X", "R.4X" -> 4;
            case "G.8X", "R.8X" -> 8;
            case "G.12X" -> 12;
            case "G.16X" -> 16;
            default -> 1;
        };
        return perWorker * workers;
    }

    static Map<String, String> overlay(Map<String, String> base, Map<String, String> top) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(top);
        return merged;
    }
}
