package io.streamsim.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void deleteRecursively_nestedTree_removesItAll() throws Exception {
        Path dir = tmp.resolve("state");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/file"), "x");
        Files.writeString(dir.resolve("top"), "y");

        assertThat(Directories.deleteRecursively(dir)).isTrue();

        assertThat(dir).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void deleteRecursively_absentOrNull_isDoneAlready() {
        assertThat(Directories.deleteRecursively(tmp.resolve("never-made"))).isTrue();
        assertThat(Directories.deleteRecursively(null)).isTrue();
    }
}
