package io.github.gluehealthcheck.jenkins;

import java.lang.reflect.Method;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/** Builds a step the way Pipeline binds named arguments: through its {@code @DataBoundSetter}s, by name. */
final class Steps {

    private Steps() {
    }

    static GlueHealthCheckStep of(Map<String, Object> parameters) {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        parameters.forEach((name, value) -> {
            Method setter = setter(name);
            try {
                setter.invoke(step, value);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new AssertionError("cannot bind " + name + " = " + value + ": " + e, e);
            }
        });
        return step;
    }

    static Method setter(String name) {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method m : GlueHealthCheckStep.class.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                return m;
            }
        }
        throw new AssertionError("glueHealthCheck has no @DataBoundSetter for " + name);
    }
}
