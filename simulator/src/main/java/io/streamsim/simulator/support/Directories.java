package io.streamsim.simulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system chores on whole directory trees. */
public final class Directories {

    private static final Logger LOG = LoggerFactory.getLogger(Directories.class);

    private Directories() {
    }

    /**
     * Removes {@code dir} and everything below it, best effort: used on close paths (a broker's data, a run's state
     * directory) where a leftover must not hide the outcome of the run, so what cannot be removed is logged as a
     * warning, never thrown. A null or absent {@code dir}, or a file that vanishes meanwhile, is no problem.
     *
     * @return whether {@code dir} is gone
     */
    public static boolean deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return true;
        }
        IOException first = null;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove {}: {}", dir, e.toString());
            return false;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            LOG.warn("Could not remove all of {}: {}", dir, first.toString());
            return false;
        }
        return true;
    }
}
