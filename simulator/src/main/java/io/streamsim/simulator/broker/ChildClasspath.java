package io.streamsim.simulator.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath to give a child JVM so that it sees the classes this JVM sees.
 *
 * <p>{@code java.class.path} is not always the list of entries: under {@code java -jar streamsim.jar} and
 * under the surefire/failsafe booter it is one jar whose manifest {@code Class-Path} names them (relative to
 * the jar's folder, or absolute {@code file:} URLs). Handing that jar on would work, as the JVM follows the
 * manifest, but the expanded list is explicit: readable in {@code ps} and the broker log, and independent of
 * the booter's temporary jar.
 */
final class ChildClasspath {

    private ChildClasspath() {
    }

    /** {@code javaClassPath} expanded, joined with the platform's path separator. */
    static String of(String javaClassPath) {
        List<String> entries = new ArrayList<>();
        for (Path p : expand(javaClassPath)) {
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The entries of {@code javaClassPath}; when it is a single jar whose manifest has a {@code Class-Path},
     * that jar followed by the manifest's entries resolved against the jar's folder.
     */
    static List<Path> expand(String javaClassPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() != 1 || !entries.get(0).toString().endsWith(".jar") || !Files.isRegularFile(entries.get(0))) {
            return entries;
        }
        Path jar = entries.get(0).toAbsolutePath();
        String manifestClassPath = manifestClassPath(jar);
        if (manifestClassPath == null || manifestClassPath.isBlank()) {
            return entries;
        }
        URI base = jar.getParent().toUri();
        List<Path> expanded = new ArrayList<>();
        expanded.add(jar);
        for (String url : manifestClassPath.trim().split("\\s+")) {
            try {
                URI resolved = base.resolve(new URI(url));
                if ("file".equals(resolved.getScheme())) {
                    expanded.add(Path.of(resolved));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("unreadable Class-Path entry '" + url + "' in the manifest of " + jar, e);
            }
        }
        return expanded;
    }

    private static String manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }
}
