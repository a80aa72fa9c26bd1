package io.streamsim.simulator.run;

import java.io.IOException;
import java.util.List;

/**
 * What the caller of a {@link PipelineRun} hooks into it: the run itself serves no page and writes no report, so
 * that {@code run} knows nothing of {@code ui} or {@code report}; the caller does both through this.
 */
public interface RunListener {

    /**
     * The run's controls exist, before the app instances start (samples come once the load starts).
     *
     * @return what to close when the run ends (e.g. the live page's server); null for nothing
     */
    default AutoCloseable controlsReady(RunControl controls) throws IOException {
        return null;
    }

    /** The run is over and its pipeline closed: the figures and samples are final, the folder exists. */
    default void finished(RunResult result, List<Sample> samples) throws IOException {
    }
}
