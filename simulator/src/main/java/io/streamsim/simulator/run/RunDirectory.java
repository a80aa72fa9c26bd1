package io.streamsim.simulator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a run keeps what it leaves behind (logs, broker data, oracle mismatches, the report). */
public final class RunDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunDirectory() {
    }

    /** {@code <runs>/<scenario>-<UTC timestamp>}, made unique with a suffix if it exists already. */
    public static Path create(Path runsDir, String scenario, Instant startedAt) throws IOException {
        Path dir = runsDir.resolve(scenario + "-" + STAMP.format(startedAt));
        for (int i = 2; Files.exists(dir); i++) {
            dir = runsDir.resolve(scenario + "-" + STAMP.format(startedAt) + "-" + i);
        }
        return Files.createDirectories(dir);
    }
}
