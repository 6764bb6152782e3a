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
        String version = p.getProperty("version", "dev");
        return new BuildInfo(version, p.getProperty("source", ""),
                cardTemplate(p.getProperty("cardTemplate", ""), version));
    }

    /**
     * The card template's URL names the release's tag ({@code /v0.1.0/}), so a later change on main cannot break a
     * released card. A development build ({@code -SNAPSHOT}) has no tag: its cards name main's template instead.
     */
    static String cardTemplate(String url, String version) {
        return version.endsWith("-SNAPSHOT") ? url.replace("/v" + version + "/", "/main/") : url;
    }
}
