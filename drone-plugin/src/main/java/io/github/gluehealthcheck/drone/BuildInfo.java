package io.github.gluehealthcheck.drone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build stamped into the program: its version, where the project lives, and the URL of the Drone card
 * template (the Drone UI fetches the template from there).
 */
record BuildInfo(String version, String source, String cardTemplate) {

    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version", "dev"), p.getProperty("source", ""),
                p.getProperty("cardTemplate", ""));
    }
}
