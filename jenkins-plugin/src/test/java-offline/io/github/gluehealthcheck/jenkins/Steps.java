package io.github.gluehealthcheck.jenkins;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Builds a step the way Pipeline binds named arguments: the descriptor's {@code customInstantiate} first (structs'
 * {@code DescribableModel.instantiate} calls it), then each value through its {@code @DataBoundSetter}, by name, with
 * a list of maps bound to the nested type's constructor or setters as structs binds a nested Describable.
 */
final class Steps {

    private Steps() {
    }

    static GlueHealthCheckStep of(Map<String, Object> parameters) {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        new GlueHealthCheckStep.DescriptorImpl().customInstantiate(parameters)
                .forEach((name, value) -> set(step, name, value));
        return step;
    }

    static GlueJob job(Map<String, Object> settings) {
        GlueJob job = new GlueJob();
        new GlueJob.DescriptorImpl().customInstantiate(settings).forEach((name, value) -> set(job, name, value));
        return job;
    }

    private static void set(Object target, String name, Object value) {
        Method setter = setter(target.getClass(), name);
        try {
            setter.invoke(target, nested(name, value));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new AssertionError("cannot bind " + name + " = " + value + ": " + e, e);
        }
    }

    /** A list of maps for arguments, tags or jobs becomes the nested Describables, as structs would make them. */
    @SuppressWarnings("unchecked")
    private static Object nested(String name, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map)) {
            return value;
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) list;
        return switch (name) {
            case "arguments" -> rows.stream().map(r -> new GlueJobArgument((String) r.get("name"), (String) r.get("value")))
                    .toList();
            case "tags" -> rows.stream().map(r -> new GlueJobTag((String) r.get("key"), (String) r.get("value"))).toList();
            case "jobs" -> rows.stream().map(Steps::job).toList();
            default -> value;
        };
    }

    static Method setter(String name) {
        return setter(GlueHealthCheckStep.class, name);
    }

    static Method setter(Class<?> type, String name) {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                return m;
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no @DataBoundSetter for " + name);
    }
}
