package io.github.gluehealthcheck.jenkins;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the plugin module's files are: the build passes the directory as a system property. */
final class PluginFiles {

    private PluginFiles() {
    }

    /** The {@code jenkins-plugin} directory. */
    static Path pluginDir() {
        String dir = System.getProperty("gluehealthcheck.plugin.dir");
        if (dir == null) {
            throw new AssertionError("run with -Dgluehealthcheck.plugin.dir=<jenkins-plugin directory> (the build sets it)");
        }
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) {
            throw new AssertionError(p + " is not the jenkins-plugin directory");
        }
        return p;
    }

    static Path resources() {
        return pluginDir().resolve("src/main/resources");
    }

    /** A class's view and help directory, e.g. {@code .../jenkins/GlueHealthCheckStep}. */
    static Path viewsOf(Class<?> type) {
        return resources().resolve(type.getName().replace('.', '/'));
    }
}
