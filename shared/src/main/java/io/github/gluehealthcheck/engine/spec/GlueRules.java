package io.github.gluehealthcheck.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS Glue accepts, per job type and Glue version, read from {@code glue-rules.json} next to this class: one
 * table for the engine's validation and the local endpoint's refusals, each entry naming the Glue API model shape
 * or developer guide page it comes from. Glue changes; the table is where it changes here.
 */
public final class GlueRules {
    private static final String RESOURCE = "glue-rules.json";
    private static final GlueRules CURRENT = load();

    /** One Glue version: the job types it runs, and the date after which no new job may use it. */
    public record Version(String version, Set<String> jobTypes, LocalDate endOfLife, String source) {
        public boolean endedBy(LocalDate today) {
            return endOfLife != null && !today.isBefore(endOfLife);
        }
    }

    /** One worker type: its DPUs, the job types that take it, FLEX support, the first Glue version with it. */
    public record WorkerType(String name, double dpus, Set<String> jobTypes, boolean flex, String minVersion,
            String source) {
    }

    /** What one job command ({@code glueetl}, {@code pythonshell}, {@code glueray}) accepts. */
    public record JobTypeRules(String name, String defaultVersion, String defaultWorkerType, int minWorkers,
            int maxWorkers, List<Double> maxCapacities, Double defaultMaxCapacity, Set<String> executionClasses,
            String flexMinVersion, List<String> pythonVersions, List<String> runtimes, List<String> regions,
            LocalDate newCustomersUntil, String source) {
    }

    private final Map<String, String> sources;
    private final Map<String, Version> versions;
    private final Map<String, WorkerType> workerTypes;
    private final Map<String, JobTypeRules> jobTypes;
    private final int minTimeout;
    private final int maxTimeout;
    private final int maxArgumentsBytes;
    private final Set<String> reservedArguments;
    private final int maxTags;
    private final int maxTagKeyLength;
    private final int maxTagValueLength;
    private final int flexMaxWaitingMinutes;
    private final int minimumBilledSeconds;
    private final String priceRegion;
    private final double standardUsdPerDpuHour;
    private final double flexUsdPerDpuHour;

    private GlueRules(JsonNode root) {
        sources = new LinkedHashMap<>();
        root.get("sources").fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        versions = new LinkedHashMap<>();
        for (JsonNode v : root.get("versions")) {
            String end = text(v, "endOfLife");
            versions.put(v.get("version").asText(), new Version(v.get("version").asText(), strings(v.get("jobTypes")),
                    end == null ? null : LocalDate.parse(end), v.get("source").asText()));
        }
        workerTypes = new LinkedHashMap<>();
        for (JsonNode w : root.get("workerTypes")) {
            workerTypes.put(w.get("name").asText(), new WorkerType(w.get("name").asText(), w.get("dpus").asDouble(),
                    strings(w.get("jobTypes")), w.path("flex").asBoolean(false), text(w, "minVersion"),
                    w.get("source").asText()));
        }
        jobTypes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> types = root.get("jobTypes").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> e = types.next();
            JsonNode t = e.getValue();
            List<Double> capacities = new ArrayList<>();
            t.path("maxCapacities").forEach(c -> capacities.add(c.asDouble()));
            String until = text(t, "newCustomersUntil");
            jobTypes.put(e.getKey(), new JobTypeRules(e.getKey(), t.get("defaultVersion").asText(),
                    text(t, "defaultWorkerType"), t.path("minWorkers").asInt(0), t.path("maxWorkers").asInt(0),
                    List.copyOf(capacities), t.has("defaultMaxCapacity") ? t.get("defaultMaxCapacity").asDouble() : null,
                    strings(t.get("executionClasses")), text(t, "flexMinVersion"), List.copyOf(strings(t.get("pythonVersions"))),
                    List.copyOf(strings(t.get("runtimes"))), List.copyOf(strings(t.get("regions"))),
                    until == null ? null : LocalDate.parse(until), t.get("source").asText()));
        }
        minTimeout = root.get("timeoutMinutes").get("min").asInt();
        maxTimeout = root.get("timeoutMinutes").get("max").asInt();
        maxArgumentsBytes = root.get("arguments").get("maxBytes").asInt();
        reservedArguments = strings(root.get("arguments").get("reserved"));
        maxTags = root.get("tags").get("max").asInt();
        maxTagKeyLength = root.get("tags").get("keyMaxLength").asInt();
        maxTagValueLength = root.get("tags").get("valueMaxLength").asInt();
        flexMaxWaitingMinutes = root.get("flexMaxWaitingMinutes").get("value").asInt();
        minimumBilledSeconds = root.get("minimumBilledSeconds").get("value").asInt();
        JsonNode prices = root.get("pricesUsdPerDpuHour");
        priceRegion = prices.get("region").asText();
        standardUsdPerDpuHour = prices.get("STANDARD").asDouble();
        flexUsdPerDpuHour = prices.get("FLEX").asDouble();
    }

    /** The table shipped with this build. */
    public static GlueRules current() {
        return CURRENT;
    }

    private static GlueRules load() {
        try (InputStream in = GlueRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new GlueRules(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Source keys ({@code model}, {@code worker-types}, ...) to where they are. */
    public Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    public Optional<Version> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    public List<Version> versions() {
        return List.copyOf(versions.values());
    }

    /** The versions a job type can be created on today, oldest first, e.g. {@code 3.0, 4.0, 5.0, 5.1}. */
    public List<String> liveVersions(String jobType, LocalDate today) {
        return versions.values().stream().filter(v -> v.jobTypes().contains(jobType) && !v.endedBy(today))
                .map(Version::version).toList();
    }

    public Optional<WorkerType> workerType(String name) {
        return Optional.ofNullable(workerTypes.get(name));
    }

    /** The worker types a job type takes, in the table's order. */
    public List<String> workerTypesFor(String jobType) {
        return workerTypes.values().stream().filter(w -> w.jobTypes().contains(jobType)).map(WorkerType::name).toList();
    }

    public List<String> flexWorkerTypes() {
        return workerTypes.values().stream().filter(WorkerType::flex).map(WorkerType::name).toList();
    }

    /** Rules of a job command; {@code gluestreaming} has none here, the engine does not create streaming jobs. */
    public Optional<JobTypeRules> jobType(String jobType) {
        return Optional.ofNullable(jobTypes.get(jobType));
    }

    public JobTypeRules jobType(JobType jobType) {
        return jobTypes.get(jobType.value());
    }

    public int minTimeoutMinutes() {
        return minTimeout;
    }

    public int maxTimeoutMinutes() {
        return maxTimeout;
    }

    public int maxArgumentsBytes() {
        return maxArgumentsBytes;
    }

    /** Argument keys internal to Glue, which a job must not set. */
    public Set<String> reservedArguments() {
        return reservedArguments;
    }

    public int maxTags() {
        return maxTags;
    }

    public int maxTagKeyLength() {
        return maxTagKeyLength;
    }

    public int maxTagValueLength() {
        return maxTagValueLength;
    }

    /** How long Glue documents a FLEX run may stay WAITING before it starts. */
    public int flexMaxWaitingMinutes() {
        return flexMaxWaitingMinutes;
    }

    public int minimumBilledSeconds() {
        return minimumBilledSeconds;
    }

    /** The region whose list prices {@link #usdPerDpuHour(String)} gives. */
    public String priceRegion() {
        return priceRegion;
    }

    public double usdPerDpuHour(String executionClass) {
        return "FLEX".equalsIgnoreCase(executionClass) ? flexUsdPerDpuHour : standardUsdPerDpuHour;
    }

    /** True when {@code a} is an earlier Glue version than {@code b}; both like {@code 4.0}. */
    public static boolean before(String a, String b) {
        return new BigDecimal(a).compareTo(new BigDecimal(b)) < 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
