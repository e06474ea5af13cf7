package org.rnnlab.experiments.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The rnnlab version this code was built as, for provenance and {@code rnnlab --version}. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The Maven project version, such as {@code 0.1.0-SNAPSHOT}; "unknown" outside a Maven build. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/rnnlab/experiments/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
