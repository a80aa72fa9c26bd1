package io.streamsim.simulator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {

    @TempDir
    Path dir;

    @Test
    void expand_singleJarWithManifestClassPath_isTheJarThenItsEntriesResolvedAgainstItsFolder() throws IOException {
        Path absolute = dir.resolve("elsewhere/b.jar").toAbsolutePath();
        Path jar = jarWithClassPath(dir.resolve("app/app.jar"),
                "lib/a.jar classes/ " + absolute.toUri() + " lib/with%20space.jar");

        List<Path> expanded = ChildClasspath.expand(jar.toString());

        Path app = dir.resolve("app").toAbsolutePath();
        assertThat(expanded).containsExactly(jar.toAbsolutePath(), app.resolve("lib/a.jar"), app.resolve("classes"),
                absolute, app.resolve("lib/with space.jar"));
    }

    @Test
    void expand_singleJarWithoutClassPath_isThatJar() throws IOException {
        Path jar = jarWithClassPath(dir.resolve("plain.jar"), null);

        assertThat(ChildClasspath.expand(jar.toString())).containsExactly(jar);
    }

    @Test
    void expand_severalEntries_areKeptAsTheyAre() throws IOException {
        Path jar = jarWithClassPath(dir.resolve("app.jar"), "lib/a.jar");
        String classPath = jar + File.pathSeparator + dir.resolve("classes");

        assertThat(ChildClasspath.expand(classPath)).containsExactly(jar, dir.resolve("classes"));
    }

    @Test
    void of_thisTestJvmsClassPath_namesKafkasJarsEvenUnderAManifestOnlyBooterJar() {
        String classPath = ChildClasspath.of(System.getProperty("java.class.path"));

        assertThat(classPath.split(File.pathSeparator))
                .anySatisfy(entry -> assertThat(Path.of(entry).getFileName().toString()).startsWith("kafka_2.13-"));
    }

    private static Path jarWithClassPath(Path jar, String classPath) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
        return jar;
    }
}
