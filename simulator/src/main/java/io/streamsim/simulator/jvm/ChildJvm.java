package io.streamsim.simulator.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath a child JVM needs to run what this JVM runs. {@code java.class.path} is often a single jar whose
 * manifest {@code Class-Path} names the real entries: {@code java -jar simulator/target/streamsim.jar}
 * ({@code lib/*.jar} beside it, relative) and surefire/failsafe's booter jar ({@code file:} URLs, absolute).
 * Such a jar is expanded (itself first, then its manifest's entries, relative ones resolved against the jar's
 * folder); any other classpath is kept as it is.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** This JVM's classpath, expanded, joined with the platform's path separator. */
    public static String classpath() {
        return String.join(java.io.File.pathSeparator,
                expandClasspath(System.getProperty("java.class.path")).stream().map(Path::toString).toList());
    }

    /** @throws UncheckedIOException when a single jar on the classpath cannot be read */
    public static List<Path> expandClasspath(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() != 1 || !entries.get(0).toString().endsWith(".jar") || !Files.isRegularFile(entries.get(0))) {
            return entries;
        }
        Path jar = entries.get(0).toAbsolutePath();
        Set<Path> expanded = new LinkedHashSet<>();
        expanded.add(jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String manifestClassPath = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (manifestClassPath != null) {
                for (String token : manifestClassPath.trim().split("\\s+")) {
                    if (!token.isEmpty()) {
                        expanded.add(resolve(jar.getParent(), token));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
        return List.copyOf(expanded);
    }

    /** A manifest Class-Path token is a URL: absolute ({@code file:/...}) or relative to the jar's folder. */
    private static Path resolve(Path jarFolder, String token) {
        try {
            URI uri = new URI(token);
            if (uri.getScheme() != null) {
                return Path.of(uri);
            }
        } catch (URISyntaxException e) {
            // Not a well-formed URL (a raw space, say): take it as a plain relative path.
        }
        return jarFolder.resolve(URLDecoder.decode(token, StandardCharsets.UTF_8)).normalize();
    }

    /** {@code ${java.home}/bin/java}, else the command this JVM was started with: the same Java for the child. */
    public static Path java() {
        Path javaHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(javaHome)) {
            return javaHome;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("cannot tell where this JVM's java executable is"));
    }
}
