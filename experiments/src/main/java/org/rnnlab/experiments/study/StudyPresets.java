package org.rnnlab.experiments.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.rnnlab.experiments.spec.SpecFiles;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.registry.Registries;

/**
 * Study specs shipped on the classpath as {@code /org/rnnlab/experiments/study/presets/NAME.yaml}, run
 * with {@code rnnlab study --preset NAME}. A preset's {@code base: other.yaml} names a resource in the
 * same folder.
 */
public final class StudyPresets {
    /** The classpath folder of the presets. */
    public static final String FOLDER = "org/rnnlab/experiments/study/presets/";
    private static final String ENDING = ".yaml";

    private StudyPresets() {
    }

    /**
     * Reads a preset and expands it.
     *
     * @throws InvalidSpecException if there is no such preset (listing the available ones) or it has problems
     */
    public static Study load(String name, String scale, List<String> sets, Registries registries) {
        String text = exists(name) ? resource(name + ENDING) : null;
        if (text == null) {
            throw new InvalidSpecException(List.of(unknown(name)));
        }
        return Study.expand(SpecFiles.parse(text, true), base -> {
            String other = base.contains("/") || base.contains("\\") ? null : resource(base);
            if (other == null) {
                throw new InvalidSpecException(List.of("base: the preset's base " + base + " is not a preset resource"));
            }
            return SpecFiles.parse(other, SpecFiles.isYaml(Path.of(base)));
        }, scale, sets, registries);
    }

    /** Whether a preset of that name is on the classpath. */
    public static boolean exists(String name) {
        return name.matches("[A-Za-z0-9_-]+") && StudyPresets.class.getClassLoader().getResource(FOLDER + name + ENDING) != null;
    }

    /** The message for a preset that does not exist, listing those that do. */
    public static String unknown(String name) {
        List<String> names = names();
        return "--preset " + name + ": no such preset; available presets: "
                + (names.isEmpty() ? "(none)" : String.join(", ", names));
    }

    private static String resource(String file) {
        try (InputStream in = StudyPresets.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the preset resource " + FOLDER + file, e);
        }
    }

    /** The names of the presets on the classpath, sorted: folders and jars alike. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> folders = StudyPresets.class.getClassLoader().getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL url = folders.nextElement();
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).forEach(f -> add(names, f));
                    }
                } else {
                    URLConnection c = url.openConnection();
                    if (c instanceof JarURLConnection jar) {
                        jar.setUseCaches(false);
                        try (JarFile file = jar.getJarFile()) {
                            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                                String entry = e.nextElement().getName();
                                if (entry.startsWith(FOLDER) && entry.indexOf('/', FOLDER.length()) < 0) {
                                    add(names, entry.substring(FOLDER.length()));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the study presets", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("A resource folder's URL is a URI", e);
        }
        return List.copyOf(names);
    }

    private static void add(TreeSet<String> names, String file) {
        if (file.endsWith(ENDING) && file.length() > ENDING.length()) {
            names.add(file.substring(0, file.length() - ENDING.length()));
        }
    }
}
