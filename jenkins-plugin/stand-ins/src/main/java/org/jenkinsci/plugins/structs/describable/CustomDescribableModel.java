package org.jenkinsci.plugins.structs.describable;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.structs.describable.CustomDescribableModel}, structs plugin
 * (the version bom-2.555.x 6783 manages; read at tag 362.va_b_695ef4fdf9):
 * the default {@code customInstantiate}, which upstream's {@code DescribableModel.instantiate} calls on a Describable's
 * descriptor that implements this interface, before it binds the arguments. Upstream also has
 * {@code customUninstantiate} and the static {@code of}, which the plugin does not use. Never packaged.
 */
public interface CustomDescribableModel {

    default @NonNull Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
        return arguments;
    }
}
