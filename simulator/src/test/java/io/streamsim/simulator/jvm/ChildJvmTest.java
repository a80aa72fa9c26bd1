package io.streamsim.simulator.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    /** What the app instances' child JVMs run (AppLaunch); named here, as this package cannot see that one. */
    private static final String APP_MAIN_CLASS = "io.streamsim.streams.StreamsAppMain";

    @TempDir
    Path dir;

    private Path jarWithClassPath(String classPath) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }

    @Test
    void expand_singleJarWithRelativeClassPath_resolvesAgainstTheJarsFolder() throws Exception {
        Path jar = jarWithClassPath("lib/a.jar lib/b%20c.jar");

        List<Path> entries = ChildJvm.expandClasspath(jar.toString());

        assertThat(entries).containsExactly(jar.toAbsolutePath(), dir.resolve("lib/a.jar").toAbsolutePath(),
                dir.resolve("lib/b c.jar").toAbsolutePath());
    }

    @Test
    void expand_booterJarWithFileUrls_takesThemAsAbsolutePaths() throws Exception {
        Path classes = dir.resolve("target/test-classes");
        Path jar = jarWithClassPath(classes.toUri() + " " + dir.resolve("x.jar").toUri());

        assertThat(ChildJvm.expandClasspath(jar.toString())).containsExactly(jar.toAbsolutePath(), classes, dir.resolve("x.jar"));
    }

    @Test
    void expand_severalEntriesOrAJarWithoutClassPath_areKeptAsTheyAre() throws Exception {
        Path jar = jarWithClassPath(null);
        String several = "a.jar" + File.pathSeparator + "classes";

        assertThat(ChildJvm.expandClasspath(several)).containsExactly(Path.of("a.jar"), Path.of("classes"));
        assertThat(ChildJvm.expandClasspath(jar.toString())).containsExactly(jar.toAbsolutePath());
    }

    @Test
    void current_underSurefire_hasAnEntryThatHoldsTheStreamsAppMainClass() throws Exception {
        List<Path> entries = ChildJvm.expandClasspath(ChildJvm.classpath());

        assertThat(entries).as("every entry of the child's classpath exists").allMatch(Files::exists);
        // Only the entries, not this JVM's class loader: what a child started with this classpath finds.
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = entries.get(i).toUri().toURL();
        }
        try (URLClassLoader child = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThat(child.getResource(APP_MAIN_CLASS.replace('.', '/') + ".class"))
                    .as(APP_MAIN_CLASS + " on " + entries).isNotNull();
        }
    }
}
